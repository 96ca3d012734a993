package io.ironcage.analytics;

/**
 * What an {@link AnalyticsEvent} records: one record per kind, so callers can {@code switch}
 * over them exhaustively.
 */
public sealed interface EventPayload
        permits LlmRequestCompleted, LlmRequestFailed, BudgetThresholdReached, RouterStarted, RouterStopped {

    /**
     * The Protocol 012 {@code event_type} of this payload.
     *
     * @return such as {@code "llm_request_completed"}
     */
    String eventType();
}
