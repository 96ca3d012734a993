package io.ironcage.analytics;

import java.util.Objects;

/**
 * A failed LLM request. Error codes and messages longer than 4,096 characters are truncated with
 * a {@code ...[truncated N chars]} marker so one bad caller cannot grow memory without bound.
 *
 * @param meta         the model, provider and provider key
 * @param errorCode    such as {@code "rate_limit_exceeded"}; may be null
 * @param errorMessage the provider's message; may be null
 */
public record LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage)
        implements EventPayload {

    /**
     * Validates the metadata and truncates over-long texts.
     *
     * @param meta         the model metadata
     * @param errorCode    the error code; may be null
     * @param errorMessage the error message; may be null
     */
    public LlmRequestFailed {
        Objects.requireNonNull(meta, "meta");
        errorCode = Checks.text(errorCode);
        errorMessage = Checks.text(errorMessage);
    }

    /**
     * Always {@code "llm_request_failed"}.
     *
     * @return the event type
     */
    @Override
    public String eventType() {
        return "llm_request_failed";
    }
}
