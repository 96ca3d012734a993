package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.Map;
import java.util.Optional;

/**
 * A two-model price table for the observability tests, with whole-microdollar prices per token so
 * that expected costs are plain arithmetic. Shared with the JFR tests.
 */
public final class TinyPricing implements PricingCatalog {
    /** The table's revision. */
    public static final String REVISION = "tiny-1";
    /** The one instance. */
    public static final TinyPricing INSTANCE = new TinyPricing();

    /** An OpenAI model: 2 µ$ per input token, 8 per output token. */
    public static final String MODEL_A = "gpt-model-a";
    /** An Anthropic model: 3 µ$ per input token, 15 per output token. */
    public static final String MODEL_B = "claude-model-b";
    /** Not in the table. */
    public static final String UNPRICED = "llama-unpriced";

    private record Price(String model, Provider provider, long in, long out) implements ModelPrice {
        @Override
        public String revision() {
            return REVISION;
        }

        @Override
        public long costMicros(LlmUsage usage) {
            return usage.inputTokens() * in + usage.outputTokens() * out;
        }

        @Override
        public long maxCostMicros(long inputTokens, Long requestMaxOutputTokens) {
            return inputTokens * in + (requestMaxOutputTokens == null ? 0 : requestMaxOutputTokens) * out;
        }
    }

    private static final Map<String, ModelPrice> PRICES = Map.of(
            MODEL_A, new Price(MODEL_A, Provider.OPENAI, 2, 8),
            MODEL_B, new Price(MODEL_B, Provider.ANTHROPIC, 3, 15));

    private TinyPricing() {}

    /**
     * The cost this table gives a request.
     *
     * @param model  a priced model
     * @param input  input tokens
     * @param output output tokens
     * @return microdollars
     */
    public static long cost(String model, long input, long output) {
        return PRICES.get(model).costMicros(LlmUsage.builder(model).inputTokens(input).outputTokens(output).build());
    }

    @Override
    public Optional<ModelPrice> find(String model) {
        return Optional.ofNullable(PRICES.get(model));
    }

    @Override
    public String revision() {
        return REVISION;
    }

    @Override
    public int size() {
        return PRICES.size();
    }
}
