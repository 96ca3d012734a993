package io.ironcage.analytics;

/**
 * Running totals for one model, provider or agent, as of a {@link ComputedStats} snapshot.
 *
 * @param requestCount  requests recorded, failed ones included
 * @param failedCount   failed requests
 * @param inputTokens   prompt tokens (cached ones included)
 * @param outputTokens  completion tokens (reasoning ones included)
 * @param costMicros    cost in microdollars
 * @param unpricedCount completed requests whose model had no price (cost 0 meaning "unknown")
 */
public record ModelStats(long requestCount, long failedCount, long inputTokens, long outputTokens,
                         long costMicros, long unpricedCount) {

    /** Stats with nothing recorded. */
    public static final ModelStats EMPTY = new ModelStats(0, 0, 0, 0, 0, 0);

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
     * The sum of this and another, component by component.
     *
     * @param other the other stats
     * @return the sum
     */
    public ModelStats plus(ModelStats other) {
        return new ModelStats(requestCount + other.requestCount, failedCount + other.failedCount,
                inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                costMicros + other.costMicros, unpricedCount + other.unpricedCount);
    }
}
