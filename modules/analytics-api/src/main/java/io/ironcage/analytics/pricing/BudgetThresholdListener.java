package io.ironcage.analytics.pricing;

/**
 * Told when a {@link BudgetTracker}'s spend crosses one of its {@link Budget#thresholds()}; each
 * threshold is reported once (see {@link BudgetTracker}). It runs on the thread whose spend
 * crossed the threshold, so it should be quick and must not block.
 */
@FunctionalInterface
public interface BudgetThresholdListener {

    /**
     * Called once for each threshold the spend reaches.
     *
     * @param thresholdPercent the threshold, in percent of the limit
     * @param spentMicros      the spend that reached it, in microdollars
     * @param limitMicros      the limit at that moment, in microdollars
     */
    void thresholdCrossed(int thresholdPercent, long spentMicros, long limitMicros);
}
