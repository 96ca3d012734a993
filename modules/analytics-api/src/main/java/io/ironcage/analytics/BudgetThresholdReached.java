package io.ironcage.analytics;

/**
 * Spend crossed a configured percentage of a budget. Stays local: never sent to the Control API.
 *
 * @param thresholdPercent   the threshold crossed, 0 to 100
 * @param currentSpendMicros spend when it was crossed, in microdollars
 * @param budgetMicros       the budget, in microdollars
 */
public record BudgetThresholdReached(int thresholdPercent, long currentSpendMicros, long budgetMicros)
        implements EventPayload {

    /**
     * Validates the components.
     *
     * @param thresholdPercent   0 to 100
     * @param currentSpendMicros not negative
     * @param budgetMicros       not negative
     */
    public BudgetThresholdReached {
        Checks.inRange("thresholdPercent", thresholdPercent, 0, 100);
        Checks.nonNegative("currentSpendMicros", currentSpendMicros);
        Checks.nonNegative("budgetMicros", budgetMicros);
    }

    /**
     * Always {@code "budget_threshold_reached"}.
     *
     * @return the event type
     */
    @Override
    public String eventType() {
        return "budget_threshold_reached";
    }
}
