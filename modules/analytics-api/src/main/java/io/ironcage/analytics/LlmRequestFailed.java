package io.ironcage.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed LLM request, with the tokens the provider billed for it if any (a stream cut after
 * 2,000 output tokens is billed), their cost, and its timing if measured. Error codes and
 * messages longer than 4,096 characters are truncated with a {@code ...[truncated N chars]}
 * marker so one bad caller cannot grow memory without bound.
 *
 * <p>Token counts follow {@link LlmRequestCompleted}'s convention; a failure recorded without
 * usage has every count and the cost at 0. The Control API wire carries no tokens for a failed
 * event, so the server does not see a billed failure's cost (docs/sync.md).
 *
 * @param meta             the model, provider and provider key
 * @param errorCode        such as {@code "rate_limit_exceeded"}; may be null
 * @param errorMessage     the provider's message; may be null
 * @param inputTokens      billed prompt tokens, cached ones included
 * @param outputTokens     billed completion tokens, reasoning ones included
 * @param cacheReadTokens  billed prompt tokens read from the provider's cache
 * @param cacheWriteTokens billed prompt tokens written to the provider's cache
 * @param reasoningTokens  billed completion tokens spent on reasoning
 * @param costMicros       the billed cost in microdollars (0 when unpriced or nothing billed)
 * @param duration         how long the request took until it failed; null when not measured
 * @param timeToFirstToken the time to its first token (a stream cut later); null when not
 *                         measured or no token came
 */
public record LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage,
        long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
        long reasoningTokens, long costMicros, Duration duration, Duration timeToFirstToken)
        implements EventPayload {

    /**
     * Validates the metadata, the counts (as {@link LlmRequestCompleted}) and the timing, and
     * truncates over-long texts.
     *
     * @param meta             the model metadata
     * @param errorCode        the error code; may be null
     * @param errorMessage     the error message; may be null
     * @param inputTokens      billed prompt tokens
     * @param outputTokens     billed completion tokens
     * @param cacheReadTokens  billed cache-read prompt tokens
     * @param cacheWriteTokens billed cache-write prompt tokens
     * @param reasoningTokens  billed reasoning completion tokens
     * @param costMicros       the billed cost in microdollars
     * @param duration         the request's duration; may be null
     * @param timeToFirstToken its time to first token; may be null
     * @throws IllegalArgumentException naming the value: a negative count, cache tokens over the
     *                                  input, reasoning over the output, a duration negative or
     *                                  over an hour, a time to first token longer than the duration
     */
    public LlmRequestFailed {
        Objects.requireNonNull(meta, "meta");
        errorCode = Checks.text(errorCode);
        errorMessage = Checks.text(errorMessage);
        Checks.usage(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, costMicros);
        Checks.timing(duration, timeToFirstToken);
    }

    /**
     * A billed failure without timing ({@code duration} and {@code timeToFirstToken} null).
     *
     * @param meta             the model metadata
     * @param errorCode        the error code; may be null
     * @param errorMessage     the error message; may be null
     * @param inputTokens      billed prompt tokens
     * @param outputTokens     billed completion tokens
     * @param cacheReadTokens  billed cache-read prompt tokens
     * @param cacheWriteTokens billed cache-write prompt tokens
     * @param reasoningTokens  billed reasoning completion tokens
     * @param costMicros       the billed cost in microdollars
     */
    public LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage,
            long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
            long reasoningTokens, long costMicros) {
        this(meta, errorCode, errorMessage, inputTokens, outputTokens, cacheReadTokens,
                cacheWriteTokens, reasoningTokens, costMicros, null, null);
    }

    /**
     * A failure that billed nothing (every count and the cost 0), with its timing.
     *
     * @param meta             the model metadata
     * @param errorCode        the error code; may be null
     * @param errorMessage     the error message; may be null
     * @param duration         the request's duration; may be null
     * @param timeToFirstToken its time to first token; may be null
     */
    public LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage,
            Duration duration, Duration timeToFirstToken) {
        this(meta, errorCode, errorMessage, 0, 0, 0, 0, 0, 0, duration, timeToFirstToken);
    }

    /**
     * A failure that billed nothing (every count and the cost 0), without timing.
     *
     * @param meta         the model metadata
     * @param errorCode    the error code; may be null
     * @param errorMessage the error message; may be null
     */
    public LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage) {
        this(meta, errorCode, errorMessage, 0, 0, 0, 0, 0, 0, null, null);
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
