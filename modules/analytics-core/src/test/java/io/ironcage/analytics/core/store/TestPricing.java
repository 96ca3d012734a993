package io.ironcage.analytics.core.store;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A test-only price table with whole-microdollar prices per token, so expected costs are plain
 * arithmetic: {@code cost = inputTokens * inputPrice + outputTokens * outputPrice}.
 */
final class TestPricing implements PricingCatalog {
    static final String REVISION = "test-1";

    /** One model's price. */
    record Price(String model, Provider provider, long inputMicrosPerToken, long outputMicrosPerToken)
            implements ModelPrice {
        Price {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(provider, "provider");
        }

        @Override
        public String revision() {
            return REVISION;
        }

        @Override
        public long costMicros(LlmUsage usage) {
            return Math.addExact(Math.multiplyExact(usage.inputTokens(), inputMicrosPerToken),
                    Math.multiplyExact(usage.outputTokens(), outputMicrosPerToken));
        }

        @Override
        public long maxCostMicros(long inputTokens, Long requestMaxOutputTokens) {
            long out = requestMaxOutputTokens == null ? 128_000 : requestMaxOutputTokens;
            return inputTokens * inputMicrosPerToken + out * outputMicrosPerToken;
        }

        /** The cost this table gives a request with these counts. */
        long cost(long input, long output) {
            return input * inputMicrosPerToken + output * outputMicrosPerToken;
        }
    }

    static final Price GPT_4O_MINI = new Price("gpt-4o-mini", Provider.OPENAI, 1, 4);
    static final Price GPT_4O = new Price("gpt-4o", Provider.OPENAI, 3, 10);
    static final Price CLAUDE_SONNET = new Price("claude-3-5-sonnet-20241022", Provider.ANTHROPIC, 3, 15);
    static final Price CLAUDE_HAIKU = new Price("claude-3-haiku-20240307", Provider.ANTHROPIC, 1, 5);
    /** Listed as Anthropic although the name infers nothing: the table's provider wins over inference. */
    static final Price HOSTED_CLAUDE = new Price("acme-hosted-sonnet", Provider.ANTHROPIC, 2, 6);
    /** Listed with an unknown provider: inference from the name decides. */
    static final Price GPT_CUSTOM = new Price("gpt-custom-finetune", Provider.UNKNOWN, 5, 7);
    /** Not in the table: recorded unpriced. */
    static final String UNPRICED_MODEL = "llama-3-70b";

    private final Map<String, Price> prices = new LinkedHashMap<>();

    private TestPricing(Price... prices) {
        for (Price p : prices) {
            this.prices.put(p.model(), p);
        }
    }

    /** The standard table: two OpenAI models, two Claude models, the two provider-resolution cases. */
    static TestPricing standard() {
        return new TestPricing(GPT_4O_MINI, GPT_4O, CLAUDE_SONNET, CLAUDE_HAIKU, HOSTED_CLAUDE, GPT_CUSTOM);
    }

    /** A table with just these prices. */
    static TestPricing of(Price... prices) {
        return new TestPricing(prices);
    }

    @Override
    public Optional<ModelPrice> find(String model) {
        Price p = prices.get(model);
        if (p == null) {
            int slash = model.indexOf('/');
            p = slash < 0 ? null : prices.get(model.substring(slash + 1));
        }
        return Optional.ofNullable(p);
    }

    @Override
    public String revision() {
        return REVISION;
    }

    @Override
    public int size() {
        return prices.size();
    }
}
