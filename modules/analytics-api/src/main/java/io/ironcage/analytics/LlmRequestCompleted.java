package io.ironcage.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * A successful LLM request and its token usage and cost.
 *
 * <p>Token counts follow the OpenTelemetry convention: {@code inputTokens} includes the cache-read
 * and cache-write tokens, {@code outputTokens} includes the reasoning tokens.
 *
 * @param meta             the model, provider and provider key
 * @param inputTokens      all prompt tokens, cached ones included
 * @param outputTokens     all completion tokens, reasoning ones included
 * @param cacheReadTokens  prompt tokens read from the provider's cache
 * @param cacheWriteTokens prompt tokens written to the provider's cache
 * @param reasoningTokens  completion tokens spent on reasoning
 * @param costMicros       cost in microdollars (1 USD = 1,000,000)
 * @param priced           false when no price was known for the model, so {@code costMicros} is 0
 *                         meaning "no price", not "free"
 * @param pricingRevision  revision of the price table that priced it; may be null
 * @param duration         how long the request took ({@link LlmUsage#duration()}); null when not
 *                         measured
 * @param timeToFirstToken the time to its first token ({@link LlmUsage#timeToFirstToken()}); null
 *                         when not measured
 */
public record LlmRequestCompleted(LlmModelMeta meta, long inputTokens, long outputTokens,
        long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, long costMicros,
        boolean priced, String pricingRevision, Duration duration, Duration timeToFirstToken)
        implements EventPayload {

    /**
     * Validates the components: no negative count, cache tokens within the input tokens,
     * reasoning tokens within the output tokens.
     *
     * @param meta             the model metadata
     * @param inputTokens      all prompt tokens
     * @param outputTokens     all completion tokens
     * @param cacheReadTokens  cache-read prompt tokens
     * @param cacheWriteTokens cache-write prompt tokens
     * @param reasoningTokens  reasoning completion tokens
     * @param costMicros       cost in microdollars
     * @param priced           whether a price was known
     * @param pricingRevision  the price table's revision; may be null
     * @param duration         the request's duration; may be null
     * @param timeToFirstToken its time to first token; may be null
     * @throws IllegalArgumentException naming the value: a duration negative or over an hour, a
     *                                  time to first token longer than the duration
     */
    public LlmRequestCompleted {
        Objects.requireNonNull(meta, "meta");
        Checks.usage(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, costMicros);
        Checks.timing(duration, timeToFirstToken);
    }

    /**
     * A completed request without timing ({@code duration} and {@code timeToFirstToken} null).
     *
     * @param meta             the model metadata
     * @param inputTokens      all prompt tokens
     * @param outputTokens     all completion tokens
     * @param cacheReadTokens  cache-read prompt tokens
     * @param cacheWriteTokens cache-write prompt tokens
     * @param reasoningTokens  reasoning completion tokens
     * @param costMicros       cost in microdollars
     * @param priced           whether a price was known
     * @param pricingRevision  the price table's revision; may be null
     */
    public LlmRequestCompleted(LlmModelMeta meta, long inputTokens, long outputTokens,
            long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, long costMicros,
            boolean priced, String pricingRevision) {
        this(meta, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, costMicros,
                priced, pricingRevision, null, null);
    }

    /**
     * The original crate's shape: input, output and a cost that the caller computed.
     *
     * @param meta         the model metadata
     * @param inputTokens  prompt tokens
     * @param outputTokens completion tokens
     * @param costMicros   cost in microdollars
     */
    public LlmRequestCompleted(LlmModelMeta meta, long inputTokens, long outputTokens, long costMicros) {
        this(meta, inputTokens, outputTokens, 0, 0, 0, costMicros, true, null);
    }

    /**
     * Always {@code "llm_request_completed"}.
     *
     * @return the event type
     */
    @Override
    public String eventType() {
        return "llm_request_completed";
    }
}
