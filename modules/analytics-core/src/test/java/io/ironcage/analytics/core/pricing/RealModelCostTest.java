package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Costs of real models from the embedded table against costs computed by hand from the published
 * per-token prices (USD per token, shown in each comment). Expected values are literals.
 */
class RealModelCostTest {

    private static final CorePricingCatalog TABLE = PriceTables.embedded();

    @ParameterizedTest(name = "{0}: in={2} out={3} read={4} write={5} (1h {6}) reasoning={7} -> {8} USD")
    @CsvSource(delimiter = '|', textBlock = """
        # OpenAI gpt-4o: input 2.5e-6, cache read 1.25e-6, output 1e-5
        gpt-4o | OPENAI | 1000 | 500 | 0 | 0 | 0 | 0 | 0.0075 | 7500
        # 200 uncached * 2.5e-6 + 1000 cached * 1.25e-6 + 300 * 1e-5
        gpt-4o | OPENAI | 1200 | 300 | 1000 | 0 | 0 | 0 | 0.00475 | 4750
        # gpt-4o-mini: 10 * 1.5e-7 = 1.5 microdollars, rounded down alone
        gpt-4o-mini | OPENAI | 10 | 0 | 0 | 0 | 0 | 0 | 0.0000015 | 1
        # o3: 500 * 2e-6 + 1500 cached * 5e-7 + 1000 output (800 reasoning, no reasoning price) * 8e-6
        o3 | OPENAI | 2000 | 1000 | 1500 | 0 | 0 | 800 | 0.00975 | 9750
        # text-completion-openai maps to OpenAI: 100 * 1.5e-6 + 100 * 2e-6
        gpt-3.5-turbo-instruct | OPENAI | 100 | 100 | 0 | 0 | 0 | 0 | 0.00035 | 350
        # gpt-5.4 above 272k: 300000 * 5e-6 + 1000 * 2.25e-5
        gpt-5.4 | OPENAI | 300000 | 1000 | 0 | 0 | 0 | 0 | 1.5225 | 1522500
        # Anthropic claude-opus-4-1: 100 uncached * 1.5e-5 + 2000 read * 1.5e-6
        #   + 2000 5-minute writes * 1.875e-5 + 1000 1-hour writes * 3e-5 + 400 * 7.5e-5
        claude-opus-4-1 | ANTHROPIC | 5100 | 400 | 2000 | 3000 | 1000 | 0 | 0.102 | 102000
        # claude-sonnet-4-5 above 200k, every bucket at its tier rate: 220000 * 6e-6 + 10000 read * 6e-7
        #   + 15000 5-minute writes * 7.5e-6 + 5000 1-hour writes * 1.2e-5 + 1000 * 2.25e-5
        claude-sonnet-4-5 | ANTHROPIC | 250000 | 1000 | 10000 | 20000 | 5000 | 0 | 1.521 | 1521000
        # exactly 200000 is not above the threshold: 200000 * 3e-6
        claude-sonnet-4-5 | ANTHROPIC | 200000 | 0 | 0 | 0 | 0 | 0 | 0.6 | 600000
        # one token more bills the whole prompt at the tier: 200001 * 6e-6
        claude-sonnet-4-5 | ANTHROPIC | 200001 | 0 | 0 | 0 | 0 | 0 | 1.200006 | 1200006
        # Vertex claude-sonnet-4-5 has no 1-hour tier price, so 1-hour writes keep the base 6e-6:
        #   200000 * 6e-6 (tier) + 10000 * 6e-6
        vertex_ai/claude-sonnet-4-5 | UNKNOWN | 210000 | 0 | 0 | 10000 | 10000 | 0 | 1.26 | 1260000
        # Bedrock claude-3-7-sonnet: no 1-hour price, so 1-hour writes fall back to the 5-minute 3.75e-6:
        #   200 * 3e-6 + 300 read * 3e-7 + 300 * 3.75e-6 + 200 * 3.75e-6 + 100 * 1.5e-5
        us.anthropic.claude-3-7-sonnet-20250219-v1:0 | UNKNOWN | 1000 | 100 | 300 | 500 | 200 | 0 | 0.004065 | 4065
        # Google gemini-2.5-pro below 200k: 100000 * 1.25e-6 + 1000 * 1e-5
        gemini/gemini-2.5-pro | UNKNOWN | 100000 | 1000 | 0 | 0 | 0 | 0 | 0.135 | 135000
        # above 200k: 200000 uncached * 2.5e-6 + 100000 read * 2.5e-7 + 2000 output (1500 reasoning) * 1.5e-5
        gemini/gemini-2.5-pro | UNKNOWN | 300000 | 2000 | 100000 | 0 | 0 | 1500 | 0.555 | 555000
        # gemini-2.5-flash reasoning priced as output: 1000 * 3e-7 + 1000 * 2.5e-6
        gemini/gemini-2.5-flash | UNKNOWN | 1000 | 1000 | 0 | 0 | 0 | 600 | 0.0028 | 2800
        # Mistral: 1234 * 5e-7 + 567 * 1.5e-6 = 1467.5 microdollars
        mistral/mistral-large-latest | UNKNOWN | 1234 | 567 | 0 | 0 | 0 | 0 | 0.0014675 | 1467
        # DeepSeek: 2000 * 2.8e-7 + 8000 read * 2.8e-8 + 500 * 4.2e-7
        deepseek/deepseek-chat | UNKNOWN | 10000 | 500 | 8000 | 0 | 0 | 0 | 0.000994 | 994
        # DeepSeek lists cache writes at 0.0: 1000 writes are free, 1000 uncached * 2.8e-7
        deepseek/deepseek-chat | UNKNOWN | 2000 | 0 | 0 | 1000 | 0 | 0 | 0.00028 | 280
        # Azure gpt-4o: same prices as OpenAI's, provider azure maps to unknown
        azure/gpt-4o | UNKNOWN | 1000 | 500 | 0 | 0 | 0 | 0 | 0.0075 | 7500
        # Dashscope qwen-turbo bills reasoning above output: 1000 * 5e-8 + 600 * 2e-7 + 400 * 5e-7
        dashscope/qwen-turbo | UNKNOWN | 1000 | 1000 | 0 | 0 | 0 | 400 | 0.00037 | 370
        # Databricks float noise 2.9999900000000002e-06 rounds to 2.99999e-6 exactly: 1e6 * 2.99999e-6
        databricks/databricks-claude-3-7-sonnet | UNKNOWN | 1000000 | 0 | 0 | 0 | 0 | 0 | 2.99999 | 2999990
        # xAI grok-3: 4000 * 3e-6 + 1000 read * 7.5e-7 + 100 * 1.5e-5
        xai/grok-3 | UNKNOWN | 5000 | 100 | 1000 | 0 | 0 | 0 | 0.01425 | 14250
        """)
    void costMatchesHandComputedValue(String model, Provider provider, long input, long output, long cacheRead,
                                      long cacheWrite, long cacheWrite1h, long reasoning, String expectedUsd,
                                      long expectedMicros) {
        CoreModelPrice price = TABLE.lookup(model);
        assertNotNull(price, model + " is in the embedded table");
        assertEquals(provider, price.provider());

        long expectedFemtos = new BigDecimal(expectedUsd).movePointRight(15).longValueExact();
        assertEquals(expectedFemtos, price.costFemtos(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning));

        LlmUsage usage = LlmUsage.builder(model).inputTokens(input).outputTokens(output).cacheReadTokens(cacheRead)
                .cacheWriteTokens(cacheWrite).cacheWrite1hTokens(cacheWrite1h).reasoningTokens(reasoning).build();
        assertEquals(expectedMicros, price.costMicros(usage));
        assertEquals(TABLE.revision(), price.revision());
    }

    @ParameterizedTest(name = "{0}: maxCostMicros({1}, {2}) = {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # gpt-4o: 1000 * 2.5e-6 + 500 * 1e-5
        gpt-4o | 1000 | 500 | 7500
        # no request maximum: the model's max_output_tokens 16384 * 1e-5 + 1000 * 2.5e-6
        gpt-4o | 1000 | null | 166340
        # 0.15 microdollars rounds up to 1
        gpt-4o-mini | 1 | 0 | 1
        # the prompt selects the tier: 250000 * 6e-6 + 1000 * 2.25e-5
        claude-sonnet-4-5 | 250000 | 1000 | 1522500
        # output that could all be reasoning is priced at the higher reasoning rate: 100 * 5e-7
        dashscope/qwen-turbo | 0 | 100 | 50
        """)
    void worstCaseCost(String model, long input, Long maxOutput, long expectedMicros) {
        assertEquals(expectedMicros, TABLE.lookup(model).maxCostMicros(input, maxOutput));
    }
}
