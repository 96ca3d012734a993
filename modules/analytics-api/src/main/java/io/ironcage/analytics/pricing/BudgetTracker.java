package io.ironcage.analytics.pricing;

import java.util.Optional;

/**
 * Tracks spend against a {@link Budget}, as the original crate's {@code CostController}, plus
 * race-free reservations. All amounts are microdollars. Implementations are thread-safe and
 * lock-free.
 *
 * <p>Two quantities are tracked: the <em>spend</em> (costs recorded with {@link #addSpend} or
 * {@link Reservation#commit}) and the <em>reserved</em> amount (held by open reservations).
 * {@link #canSpend} and {@link #reserve} check against both, so concurrent reservations can never
 * together exceed the limit. A threshold is <em>crossed</em> when the spend reaches
 * {@code threshold percent * limit / 100}; each threshold is reported once, by the thread whose
 * spend crossed it, even when several threads spend at once.
 */
public interface BudgetTracker {

    /**
     * Checks whether a cost fits in what is left: {@code spent + reserved + cost <= limit}. The
     * answer may be stale as soon as it is returned when other threads spend; use
     * {@link #reserve(long)} to hold the budget.
     *
     * @param costMicros the cost, not negative
     * @return whether it fits
     * @throws IllegalArgumentException if the cost is negative
     */
    boolean canSpend(long costMicros);

    /**
     * Records spend that happened, whether or not it fits in the limit, and reports the thresholds
     * it crosses.
     *
     * @param costMicros the cost, not negative
     * @throws IllegalArgumentException if the cost is negative or the spend would overflow
     */
    void addSpend(long costMicros);

    /**
     * Changes the limit. Thresholds that the current spend has not reached under the new limit
     * are armed again; thresholds it has already reached under the new limit but were not yet
     * reported are reported by this call.
     *
     * @param limitMicros the new limit, positive
     * @throws IllegalArgumentException if the limit is not positive
     */
    void setLimit(long limitMicros);

    /**
     * Returns the spend so far.
     *
     * @return microdollars spent
     */
    long spentMicros();

    /**
     * Returns the current limit.
     *
     * @return the limit in microdollars
     */
    long limitMicros();

    /**
     * Returns the amount held by open reservations.
     *
     * @return microdollars reserved
     */
    long reservedMicros();

    /**
     * Returns a consistent-enough snapshot for display: each field is read once, so under
     * concurrent spending the fields may come from slightly different moments.
     *
     * @return the status
     */
    BudgetStatus status();

    /**
     * Holds budget for a request before it is sent, typically
     * {@link ModelPrice#maxCostMicros(long, Long)}. Succeeds only if
     * {@code spent + reserved + maxCostMicros <= limit} at the moment of the atomic update, so
     * reservations made by racing threads never together exceed the limit.
     *
     * @param maxCostMicros the amount to hold, not negative
     * @return the reservation, or empty if it does not fit
     * @throws IllegalArgumentException if the amount is negative
     */
    Optional<Reservation> reserve(long maxCostMicros);
}
