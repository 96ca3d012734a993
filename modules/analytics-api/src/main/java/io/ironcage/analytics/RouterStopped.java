package io.ironcage.analytics;

/**
 * The LLM router stopped; carries the store's totals at that moment. Stays local.
 *
 * @param totalRequests   requests recorded until then
 * @param totalCostMicros cost recorded until then, in microdollars
 */
public record RouterStopped(long totalRequests, long totalCostMicros) implements EventPayload {

    /**
     * Validates the components.
     *
     * @param totalRequests   not negative
     * @param totalCostMicros not negative
     */
    public RouterStopped {
        Checks.nonNegative("totalRequests", totalRequests);
        Checks.nonNegative("totalCostMicros", totalCostMicros);
    }

    /**
     * Always {@code "router_stopped"}.
     *
     * @return the event type
     */
    @Override
    public String eventType() {
        return "router_stopped";
    }
}
