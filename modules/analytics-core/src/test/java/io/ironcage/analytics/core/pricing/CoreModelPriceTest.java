package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.PricingLoadReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bucket arithmetic, fallbacks, tiers and overflow on synthetic prices (femto-USD per token). */
class CoreModelPriceTest {

    private static final long N = PriceRow.NONE;

    private static CoreModelPrice price(PriceRow row) {
        return new CoreModelPrice(row, "test-rev");
    }

    private static PriceRow row(String model, long in, long out, long read, long write, long write1h, long reasoning,
                                List<PriceRow.Tier> tiers) {
        return new PriceRow(model, "openai", in, out, read, write, write1h, reasoning, 0, tiers);
    }

    @Test
    void eachBucketHasItsOwnRate() {
        CoreModelPrice p = price(row("m", 1000, 2000, 100, 3000, 5000, 7000, List.of()));
        // 10 uncached * 1000 + 3 read * 100 + 2 five-minute writes * 3000 + 1 hour write * 5000
        // + 6 plain output * 2000 + 4 reasoning * 7000
        assertEquals(10_000 + 300 + 6_000 + 5_000 + 12_000 + 28_000, p.costFemtos(16, 10, 3, 3, 1, 4));
    }

    @Test
    void missingPricesFallBackAsDocumented() {
        CoreModelPrice noCachePrices = price(row("m", 1000, 2000, N, N, N, N, List.of()));
        // cache reads and writes at the input rate, reasoning at the output rate
        assertEquals(16 * 1000 + 10 * 2000, noCachePrices.costFemtos(16, 10, 3, 3, 1, 4));

        CoreModelPrice onlyFiveMinute = price(row("m", 1000, 2000, N, 3000, N, N, List.of()));
        // the 1-hour write falls back to the 5-minute write rate, not to the input rate
        assertEquals(3000, onlyFiveMinute.costFemtos(1, 0, 0, 1, 1, 0));
        assertEquals(3000, onlyFiveMinute.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE_1H, 0));
    }

    @Test
    void highestTierCrossedWinsAndUnpricedBucketsKeepTheirBaseRate() {
        List<PriceRow.Tier> tiers = List.of(new PriceRow.Tier(100, 2000, 20_000, N, N, N),
                new PriceRow.Tier(200, 3000, N, 30, N, N));
        CoreModelPrice p = price(row("m", 1000, 10_000, 10, 5000, N, N, tiers));
        // 100 is not above 100: base rates
        assertEquals(100 * 1000 + 1 * 10_000, p.costFemtos(100, 1, 0, 0, 0, 0));
        // 101: first tier for input and output; its cache read keeps the base 10, the write the base 5000
        assertEquals(99 * 2000 + 1 * 10 + 1 * 5000 + 1 * 20_000, p.costFemtos(101, 1, 1, 1, 0, 0));
        // 201: second tier; it has no output price, so output keeps the BASE rate 10_000
        assertEquals(199 * 3000 + 1 * 30 + 1 * 5000 + 1 * 10_000, p.costFemtos(201, 1, 1, 1, 0, 0));
        assertEquals(3000, p.rateFemtos(CoreModelPrice.Bucket.INPUT, 201));
        // a 1-hour write with no price anywhere falls back to this tier's 5-minute rate (base 5000 here)
        assertEquals(5000, p.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE_1H, 201));
    }

    @Test
    void overflowIsRejectedNamingTheModelAndTheCounts() {
        CoreModelPrice p = price(row("big-model", 75_000_000_000L, 75_000_000_000L, N, N, N, N, List.of()));
        long tokens = Long.MAX_VALUE / 75_000_000_000L + 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.costFemtos(tokens, 0, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("big-model"), e.getMessage());
        assertTrue(e.getMessage().contains("inputTokens=" + tokens), e.getMessage());
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        // each product fits but their sum does not
        long half = Long.MAX_VALUE / 2 / 75_000_000_000L + 1;
        assertThrows(IllegalArgumentException.class, () -> p.costFemtos(half, half, 0, 0, 0, 0));
        LlmUsage usage = LlmUsage.builder("big-model").inputTokens(tokens).build();
        assertThrows(IllegalArgumentException.class, () -> p.costMicros(usage));
        assertThrows(IllegalArgumentException.class, () -> p.maxCostMicros(tokens, 0L));
    }

    @Test
    void inconsistentCountsAreRejected() {
        CoreModelPrice p = price(row("m", 1, 1, N, N, N, N, List.of()));
        assertThrows(IllegalArgumentException.class, () -> p.costFemtos(-1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> p.costFemtos(10, 0, 6, 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> p.costFemtos(10, 0, 0, 2, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> p.costFemtos(10, 1, 0, 0, 0, 2));
        assertEquals(11, p.costFemtos(10, 1, 5, 5, 5, 1));
    }

    @Test
    void costMicrosRoundsDownAndMaxCostRoundsUp() {
        CoreModelPrice p = price(row("m", 1_500_000_000L, 0, N, N, N, N, List.of()));
        assertEquals(1, p.costMicros(LlmUsage.builder("m").inputTokens(1).build()));
        assertEquals(2, p.maxCostMicros(1, 0L));
        assertEquals(3, p.maxCostMicros(2, 0L));
    }

    @Test
    void maxCostFallsBackToTheModelMaximumThenTo128000() {
        CoreModelPrice unknownMax = price(row("m", 0, 1_000_000_000L, N, N, N, N, List.of()));
        assertEquals(128_000, unknownMax.maxCostMicros(0, null));
        CoreModelPrice knownMax = price(new PriceRow("m", null, 0, 1_000_000_000L, N, N, N, N, 4096, List.of()));
        assertEquals(4096, knownMax.maxCostMicros(0, null));
        assertEquals(10, knownMax.maxCostMicros(0, 10L));
        assertThrows(IllegalArgumentException.class, () -> knownMax.maxCostMicros(-1, null));
        assertThrows(IllegalArgumentException.class, () -> knownMax.maxCostMicros(0, -1L));
    }

    @Test
    void providerMapping() {
        assertEquals(Provider.OPENAI, CoreModelPrice.providerOf("openai"));
        assertEquals(Provider.OPENAI, CoreModelPrice.providerOf("text-completion-openai"));
        assertEquals(Provider.ANTHROPIC, CoreModelPrice.providerOf("anthropic"));
        assertEquals(Provider.UNKNOWN, CoreModelPrice.providerOf("azure"));
        assertEquals(Provider.UNKNOWN, CoreModelPrice.providerOf("vertex_ai-anthropic_models"));
        assertEquals(Provider.UNKNOWN, CoreModelPrice.providerOf(null));
    }

    @Test
    void lookupIsExactThenWithoutTheFirstPrefix() {
        PricingLoadReport report = new PricingLoadReport("t", "test", "r1", "", 3, 3, 0, Map.of());
        CorePricingCatalog c = new CorePricingCatalog(List.of(row("gpt-x", 1, 1, N, N, N, N, List.of()),
                row("azure/gpt-x", 2, 2, N, N, N, N, List.of()), row("a/b", 3, 3, N, N, N, N, List.of())),
                "r1", report, Map.of());
        assertEquals("gpt-x", c.lookup("gpt-x").model());
        assertEquals("azure/gpt-x", c.lookup("azure/gpt-x").model(), "an exact prefixed name wins");
        assertEquals("gpt-x", c.lookup("openai/gpt-x").model());
        assertNull(c.lookup("x/openai/gpt-x"), "only the first segment is stripped");
        assertNull(c.lookup("GPT-X"), "no fuzzy or case-insensitive matching");
        assertNull(c.lookup("gpt-x/"));
        assertNull(c.lookup("/gpt-x"));
        assertEquals("r1", c.lookup("a/b").revision());
        assertSame(c.lookup("gpt-x"), c.find("openai/gpt-x").orElseThrow());
        assertSame(c.lookup("gpt-x"), CorePricingCatalog.findPrice(c, "gpt-x"));
        assertEquals(3, c.size());
    }
}
