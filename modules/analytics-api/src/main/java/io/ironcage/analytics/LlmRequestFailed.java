package io.ironcage.analytics;

import java.util.Objects;

/**
 * A failed LLM request, with the tokens the provider billed for it if any (a stream cut after
 * 2,000 output tokens is billed) and their cost. Error codes and messages longer than 4,096
 * characters are truncated with a {@code ...[truncated N chars]} marker so one bad caller cannot
 * grow memory without bound.
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
 */
public record LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage,
        long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
        long reasoningTokens, long costMicros) implements EventPayload {

    /**
     * Validates the metadata and the counts (as {@link LlmRequestCompleted}) and truncates
     * over-long texts.
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
    public LlmRequestFailed {
        Objects.requireNonNull(meta, "meta");
        errorCode = Checks.text(errorCode);
        errorMessage = Checks.text(errorMessage);
        Checks.nonNegative("inputTokens", inputTokens);
        Checks.nonNegative("outputTokens", outputTokens);
        Checks.nonNegative("cacheReadTokens", cacheReadTokens);
        Checks.nonNegative("cacheWriteTokens", cacheWriteTokens);
        Checks.nonNegative("reasoningTokens", reasoningTokens);
        Checks.nonNegative("costMicros", costMicros);
        if (cacheReadTokens > inputTokens - cacheWriteTokens) {
            throw new IllegalArgumentException("cacheReadTokens + cacheWriteTokens (" + cacheReadTokens
                    + " + " + cacheWriteTokens + ") must not exceed inputTokens (" + inputTokens + ")");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoningTokens (" + reasoningTokens
                    + ") must not exceed outputTokens (" + outputTokens + ")");
        }
    }

    /**
     * A failure that billed nothing: every count and the cost 0.
     *
     * @param meta         the model metadata
     * @param errorCode    the error code; may be null
     * @param errorMessage the error message; may be null
     */
    public LlmRequestFailed(LlmModelMeta meta, String errorCode, String errorMessage) {
        this(meta, errorCode, errorMessage, 0, 0, 0, 0, 0, 0);
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
