package io.ironcage.analytics.pricing;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import java.util.Optional;

/** One model's prices, with integer-only cost arithmetic. */
public interface ModelPrice {

    /**
     * The model name as the table lists it.
     *
     * @return the model
     */
    String model();

    /**
     * The table's provider for the model where it maps to a known one, else
     * {@link Provider#UNKNOWN}.
     *
     * @return the provider
     */
    Provider provider();

    /**
     * The revision of the table this price belongs to, so an event priced with it records exactly
     * which table priced it, even while the table is being reloaded.
     *
     * @return the table's revision
     */
    String revision();

    /**
     * The exact cost of a request, rounded down to the microdollar.
     *
     * @param usage the request's usage
     * @return microdollars
     * @throws IllegalArgumentException if the cost would overflow
     */
    long costMicros(LlmUsage usage);

    /**
     * The worst-case cost of a request before it is sent, for budget pre-reservation.
     *
     * @param inputTokens            the prompt tokens
     * @param requestMaxOutputTokens the request's {@code max_tokens}; null falls back to the model's
     *                               maximum output, then to 128,000
     * @return microdollars, rounded up
     */
    long maxCostMicros(long inputTokens, Long requestMaxOutputTokens);

    /**
     * The provider as the price table names it (LiteLLM's {@code litellm_provider}, such as
     * {@code "gemini"} or {@code "bedrock"}), which is finer than {@link #provider()}.
     *
     * @return the table's provider name; by default {@code provider().wireName()}
     */
    default String tableProvider() {
        return provider().wireName();
    }

    /**
     * Explains a request's cost bucket by bucket, for tools and audits.
     *
     * @param usage the request's usage
     * @return the breakdown, or empty if this price cannot explain itself
     * @throws IllegalArgumentException if the cost would overflow
     */
    default Optional<CostBreakdown> explain(LlmUsage usage) {
        return Optional.empty();
    }
}
