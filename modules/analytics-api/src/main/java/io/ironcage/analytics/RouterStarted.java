package io.ironcage.analytics;

/**
 * The LLM router (proxy) started listening. Stays local.
 *
 * @param port the TCP port, 0 to 65535
 */
public record RouterStarted(int port) implements EventPayload {

    /**
     * Validates the port.
     *
     * @param port 0 to 65535
     */
    public RouterStarted {
        Checks.inRange("port", port, 0, 65_535);
    }

    /**
     * Always {@code "router_started"}.
     *
     * @return the event type
     */
    @Override
    public String eventType() {
        return "router_started";
    }
}
