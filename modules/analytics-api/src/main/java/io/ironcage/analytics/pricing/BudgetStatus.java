package io.ironcage.analytics.pricing;

/**
 * A snapshot of a {@link BudgetTracker}: what was spent, what is held by open reservations, and
 * what is left.
 *
 * @param spentMicros     actual spend so far, in microdollars
 * @param limitMicros     the limit, in microdollars
 * @param reservedMicros  held by open {@link Reservation}s, in microdollars
 * @param remainingMicros what can still be spent or reserved: {@code limit - spent - reserved},
 *                        never below 0
 * @param percentUsed     {@code spent / limit * 100}, for display only (may exceed 100)
 * @param exceeded        whether the spend is above the limit
 */
public record BudgetStatus(long spentMicros, long limitMicros, long reservedMicros, long remainingMicros,
                           double percentUsed, boolean exceeded) {

    /**
     * Computes a status from its parts.
     *
     * @param spentMicros    actual spend
     * @param limitMicros    the limit, positive
     * @param reservedMicros held by open reservations
     * @return the status
     */
    public static BudgetStatus of(long spentMicros, long limitMicros, long reservedMicros) {
        long committed = spentMicros + reservedMicros;
        long remaining = committed < 0 || committed >= limitMicros ? 0 : limitMicros - committed;
        double percent = limitMicros <= 0 ? 0.0 : spentMicros * 100.0 / limitMicros;
        return new BudgetStatus(spentMicros, limitMicros, reservedMicros, remaining, percent,
                spentMicros > limitMicros);
    }
}
