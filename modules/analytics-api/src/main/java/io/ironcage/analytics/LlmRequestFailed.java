package io.ironcage.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed LLM request. Error codes and messages longer than 4,096 characters are truncated with
 * a {@code ...[truncated N chars]} marker so one bad caller cannot grow memory without bound.
 *
 * @param meta         the model, provider and provider key
 * @param errorCode    such as {@code "rate_limit_exceeded"}; may be null
 * @param errorMessage the provider's message; may be null
 * @param duration         how long the request took until it failed; null when not measured
 * @param timeToFirstToken the time to its first token (a stream cut later); null when not
 *                         measured or no token came
 */
public record LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage, Duration duration,
        Duration timeToFirstToken) implements EventPayload {

    /**
     * Validates the metadata and truncates over-long texts.
     *
     * @param meta         the model metadata
     * @param errorCode    the error code; may be null
     * @param errorMessage the error message; may be null
     * @param duration         the request's duration; may be null
     * @param timeToFirstToken its time to first token; may be null
     * @throws IllegalArgumentException naming the value: a duration negative or over an hour, a
     *                                  time to first token longer than the duration
     */
    public LlmRequestFailed {
        Objects.requireNonNull(meta, "meta");
        errorCode = Checks.text(errorCode);
        errorMessage = Checks.text(errorMessage);
        Checks.timing(duration, timeToFirstToken);
    }

    /**
     * A failed request without timing ({@code duration} and {@code timeToFirstToken} null).
     *
     * @param meta         the model metadata
     * @param errorCode    the error code; may be null
     * @param errorMessage the error message; may be null
     */
    public LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage) {
        this(meta, errorCode, errorMessage, null, null);
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
