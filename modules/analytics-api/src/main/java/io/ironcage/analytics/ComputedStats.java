package io.ironcage.analytics;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A point-in-time snapshot of a store's running totals. Counters are read one after another while
 * writers go on, so under concurrent recording the totals may include an event that a breakdown
 * does not yet; at rest everything adds up exactly.
 *
 * @param totalRequests     requests recorded, failed ones included
 * @param failedRequests    failed requests
 * @param totalInputTokens  prompt tokens
 * @param totalOutputTokens completion tokens
 * @param totalCostMicros   cost in microdollars
 * @param unpricedRequests  completed requests with no known price
 * @param byModel           totals per model name (unmodifiable)
 * @param byProvider        totals per real provider name ({@code openai}, {@code gemini},
 *                          {@code bedrock}, ...: the caller's, else the price table's normalised,
 *                          else inferred from the model; see docs/pricing.md) (unmodifiable)
 * @param byAgent           totals per agent id, for events that have one (unmodifiable)
 * @param byModelAndProvider totals per model, then per provider name within the model: the
 *                          cells that {@code byModel} and {@code byProvider} are sums of, read in
 *                          the same pass, so summing over providers gives {@code byModel} and
 *                          over models gives {@code byProvider} exactly (for exporters that label
 *                          by both). Over-limit keys appear as {@code (other)}. Unmodifiable;
 *                          empty when built with the nine-argument constructor.
 */
public record ComputedStats(long totalRequests, long failedRequests, long totalInputTokens,
        long totalOutputTokens, long totalCostMicros, long unpricedRequests,
        Map<String, ModelStats> byModel, Map<String, ModelStats> byProvider,
        Map<String, ModelStats> byAgent, Map<String, Map<String, ModelStats>> byModelAndProvider) {

    /**
     * Copies the maps into unmodifiable ones.
     *
     * @param totalRequests     requests
     * @param failedRequests    failed requests
     * @param totalInputTokens  prompt tokens
     * @param totalOutputTokens completion tokens
     * @param totalCostMicros   cost
     * @param unpricedRequests  unpriced requests
     * @param byModel           per model
     * @param byProvider        per provider
     * @param byAgent           per agent
     * @param byModelAndProvider per model, then per provider
     */
    public ComputedStats {
        byModel = Map.copyOf(byModel);
        byProvider = Map.copyOf(byProvider);
        byAgent = Map.copyOf(byAgent);
        Map<String, Map<String, ModelStats>> nested = HashMap.newHashMap(byModelAndProvider.size());
        byModelAndProvider.forEach((model, providers) -> nested.put(model, Map.copyOf(providers)));
        byModelAndProvider = Collections.unmodifiableMap(nested);
    }

    /**
     * Stats without the per model x provider view ({@link #byModelAndProvider()} empty).
     *
     * @param totalRequests     requests
     * @param failedRequests    failed requests
     * @param totalInputTokens  prompt tokens
     * @param totalOutputTokens completion tokens
     * @param totalCostMicros   cost
     * @param unpricedRequests  unpriced requests
     * @param byModel           per model
     * @param byProvider        per provider
     * @param byAgent           per agent
     */
    public ComputedStats(long totalRequests, long failedRequests, long totalInputTokens, long totalOutputTokens,
                         long totalCostMicros, long unpricedRequests, Map<String, ModelStats> byModel,
                         Map<String, ModelStats> byProvider, Map<String, ModelStats> byAgent) {
        this(totalRequests, failedRequests, totalInputTokens, totalOutputTokens, totalCostMicros, unpricedRequests,
                byModel, byProvider, byAgent, Map.of());
    }

    /**
     * The total cost in US dollars, for display.
     *
     * @return {@code totalCostMicros / 1e6}
     */
    public double totalCostUsd() {
        return totalCostMicros / 1_000_000.0;
    }

    /**
     * Successful requests as a percentage of all requests (as Protocol 012 reports it).
     *
     * @return 0 to 100; 100.0 when nothing was recorded
     */
    public double successRate() {
        if (totalRequests == 0) {
            return 100.0;
        }
        return (totalRequests - failedRequests) * 100.0 / totalRequests;
    }

    /**
     * Average cost per request, failed ones included.
     *
     * @return US dollars; 0 when nothing was recorded
     */
    public double avgCostPerRequestUsd() {
        return totalRequests == 0 ? 0.0 : totalCostUsd() / totalRequests;
    }

    /**
     * Input plus output tokens.
     *
     * @return the token total
     */
    public long totalTokens() {
        return totalInputTokens + totalOutputTokens;
    }

    /**
     * Average tokens per request, failed ones included.
     *
     * @return tokens; 0 when nothing was recorded
     */
    public double avgTokensPerRequest() {
        return totalRequests == 0 ? 0.0 : (double) totalTokens() / totalRequests;
    }
}
