package io.ironcage.analytics.pricing;

/**
 * Budget held for one request between {@link BudgetTracker#reserve(long)} and the moment its
 * actual cost is known. Exactly one of {@link #commit(long)} and {@link #release()} takes effect;
 * later calls do nothing. Closing it releases it if it was not committed, so try-with-resources
 * never leaks held budget.
 */
public interface Reservation extends AutoCloseable {

    /**
     * Returns the amount held.
     *
     * @return the reserved microdollars
     */
    long amountMicros();

    /**
     * Records the request's actual cost as spend and releases the rest of the reservation. An
     * actual cost above the reservation is recorded in full.
     *
     * @param actualCostMicros the actual cost, not negative
     * @return true if this call settled the reservation, false if it was already settled
     * @throws IllegalArgumentException if the cost is negative or the spend would overflow
     */
    boolean commit(long actualCostMicros);

    /**
     * Gives the whole reservation back without spending anything (the request was not sent or
     * failed without cost).
     *
     * @return true if this call settled the reservation, false if it was already settled
     */
    boolean release();

    /**
     * Returns whether {@link #commit(long)} or {@link #release()} has taken effect.
     *
     * @return whether the reservation is settled
     */
    boolean isSettled();

    /** Releases the reservation unless it was already committed or released. */
    @Override
    void close();
}
