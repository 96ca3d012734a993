package io.ironcage.analytics;

import java.util.Objects;

/**
 * Running totals for one model, provider or agent, as of a {@link ComputedStats} snapshot.
 *
 * @param requestCount     requests recorded, failed ones included
 * @param failedCount      failed requests
 * @param inputTokens      prompt tokens (cached ones included)
 * @param outputTokens     completion tokens (reasoning ones included)
 * @param costMicros       cost in microdollars
 * @param unpricedCount    completed requests whose model had no price (cost 0 meaning "unknown")
 * @param cacheReadTokens  prompt tokens read from the cache (a subset of {@code inputTokens})
 * @param cacheWriteTokens prompt tokens written to the cache, 5-minute and 1-hour writes together
 *                         (a subset of {@code inputTokens})
 * @param reasoningTokens  completion tokens spent on reasoning (a subset of {@code outputTokens})
 * @param usageMissing     completed requests recorded without usage ({@link LlmUsage#usageMissing()})
 * @param latency          the distribution of {@link LlmUsage#duration()} over the requests that
 *                         gave one; {@link LatencyStats#EMPTY} when none did (and for agents, which
 *                         keep no distribution)
 * @param timeToFirstToken the distribution of {@link LlmUsage#timeToFirstToken()}, likewise
 */
public record ModelStats(long requestCount, long failedCount, long inputTokens, long outputTokens,
                         long costMicros, long unpricedCount, long cacheReadTokens, long cacheWriteTokens,
                         long reasoningTokens, long usageMissing, LatencyStats latency,
                         LatencyStats timeToFirstToken) {

    /** Stats with nothing recorded. */
    public static final ModelStats EMPTY = new ModelStats(0, 0, 0, 0, 0, 0);

    /**
     * Validates the distributions.
     *
     * @param requestCount     requests recorded
     * @param failedCount      failed requests
     * @param inputTokens      prompt tokens
     * @param outputTokens     completion tokens
     * @param costMicros       cost in microdollars
     * @param unpricedCount    unpriced completed requests
     * @param cacheReadTokens  cache-read prompt tokens
     * @param cacheWriteTokens cache-write prompt tokens
     * @param reasoningTokens  reasoning completion tokens
     * @param usageMissing     requests recorded without usage
     * @param latency          the latency distribution
     * @param timeToFirstToken the time-to-first-token distribution
     */
    public ModelStats {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    }

    /**
     * Totals without cache, reasoning, usage-missing or latency figures (all 0 or empty).
     *
     * @param requestCount  requests recorded, failed ones included
     * @param failedCount   failed requests
     * @param inputTokens   prompt tokens
     * @param outputTokens  completion tokens
     * @param costMicros    cost in microdollars
     * @param unpricedCount unpriced completed requests
     */
    public ModelStats(long requestCount, long failedCount, long inputTokens, long outputTokens,
                      long costMicros, long unpricedCount) {
        this(requestCount, failedCount, inputTokens, outputTokens, costMicros, unpricedCount, 0, 0, 0, 0,
                LatencyStats.EMPTY, LatencyStats.EMPTY);
    }

    /**
     * The cost in US dollars, for display.
     *
     * @return {@code costMicros / 1e6}
     */
    public double costUsd() {
        return costMicros / 1_000_000.0;
    }

    /**
     * Input plus output tokens.
     *
     * @return the token total
     */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /**
     * The sum of this and another, component by component. The latency summaries combine with
     * {@link LatencyStats#plus} (counts, means and maxima exact; percentiles an upper bound): the
     * store's own model, provider and global figures instead merge the underlying histograms, so
     * their percentiles are exact within the histogram's precision.
     *
     * @param other the other stats
     * @return the sum
     */
    public ModelStats plus(ModelStats other) {
        return new ModelStats(requestCount + other.requestCount, failedCount + other.failedCount,
                inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                costMicros + other.costMicros, unpricedCount + other.unpricedCount,
                cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens,
                reasoningTokens + other.reasoningTokens, usageMissing + other.usageMissing,
                latency.plus(other.latency), timeToFirstToken.plus(other.timeToFirstToken));
    }
}
