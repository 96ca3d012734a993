package io.ironcage.analytics.core.pricing;

/**
 * Told when an {@link AtomicBudgetTracker}'s spend crosses one of its thresholds; each threshold
 * once per arming. The store wires it to record a {@code BudgetThresholdReached} event. It runs on
 * the spending thread, so it must be quick and must not block; an exception it throws is logged
 * and does not stop the other crossings from being reported.
 */
@FunctionalInterface
public interface ThresholdListener {

    /**
     * Called once for each threshold reached.
     *
     * @param percent     the threshold, in percent of the limit
     * @param spentMicros the spend that reached it
     * @param limitMicros the limit at that moment
     */
    void crossed(int percent, long spentMicros, long limitMicros);
}
