package io.ironcage.analytics.pricing;

import java.util.Arrays;

/**
 * A spending limit and the percentages at which a store records a
 * {@link io.ironcage.analytics.BudgetThresholdReached} event, each once.
 */
public final class Budget {
    private static final int[] DEFAULT_THRESHOLDS = {50, 80, 90, 100};

    private final long limitMicros;
    private final int[] thresholds;

    private Budget(long limitMicros, int[] thresholds) {
        this.limitMicros = limitMicros;
        this.thresholds = thresholds;
    }

    /**
     * A budget with the default thresholds 50, 80, 90 and 100 percent.
     *
     * @param limitMicros the limit in microdollars, positive
     * @return the budget
     */
    public static Budget ofMicros(long limitMicros) {
        if (limitMicros <= 0) {
            throw new IllegalArgumentException("limitMicros must be > 0 but was " + limitMicros);
        }
        return new Budget(limitMicros, DEFAULT_THRESHOLDS.clone());
    }

    /**
     * The same limit with other thresholds.
     *
     * @param percents distinct percentages in 1..100, in any order
     * @return the new budget
     */
    public Budget withThresholds(int... percents) {
        int[] sorted = percents.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 1 || sorted[i] > 100) {
                throw new IllegalArgumentException("threshold percent must be in [1, 100] but was " + sorted[i]);
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("threshold percent listed twice: " + sorted[i]);
            }
        }
        return new Budget(limitMicros, sorted);
    }

    /**
     * The limit.
     *
     * @return microdollars
     */
    public long limitMicros() {
        return limitMicros;
    }

    /**
     * The thresholds, ascending.
     *
     * @return a copy of the percentages
     */
    public int[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public String toString() {
        return "Budget[limitMicros=" + limitMicros + ", thresholds=" + Arrays.toString(thresholds) + "]";
    }
}
