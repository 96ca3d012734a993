package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.pricing.PricingLoadReport;
import io.ironcage.analytics.pricing.ReloadablePricingCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API entry points, found through ServiceLoader, and hot reload. */
class ReloadablePricingTest {

    private static String table(String price) {
        return "{\"m\": {\"mode\": \"chat\", \"litellm_provider\": \"openai\", \"input_cost_per_token\": " + price
                + ", \"output_cost_per_token\": 0}}";
    }

    @Test
    void theApiReachesThisImplementation() throws IOException {
        assertSame(PriceTables.embedded(), PricingCatalog.embedded());
        assertSame(PriceTables.embedded(), Analytics.embeddedPricing());
        ModelPrice gpt4o = Analytics.embeddedPricing().find("openai/gpt-4o").orElseThrow();
        assertEquals(7_500, gpt4o.costMicros(LlmUsage.builder("gpt-4o").inputTokens(1000).outputTokens(500).build()));
        List<Integer> crossed = new ArrayList<>();
        BudgetTracker tracker = Analytics.newBudgetTracker(Budget.ofMicros(100),
                (percent, spent, limit) -> crossed.add(percent));
        tracker.addSpend(85);
        assertEquals(List.of(50, 80), crossed);
        BudgetTracker silent = Analytics.newBudgetTracker(Budget.ofMicros(100));
        silent.addSpend(100);
        assertEquals(100.0, silent.status().percentUsed());
    }

    @Test
    void reloadSwapsTheWholeTableAndAFailedReloadKeepsThePreviousOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, table("1e-6"));
        ReloadablePricingCatalog catalog = ReloadablePricingCatalog.of(PricingCatalog.fromLiteLlmJson(file));
        String first = catalog.revision();
        ModelPrice before = catalog.find("m").orElseThrow();
        assertEquals(first, before.revision());

        Files.writeString(file, table("2e-6"));
        PricingLoadReport report = catalog.reload(file);
        assertEquals(1, report.priced());
        assertNotEquals(first, catalog.revision());
        ModelPrice after = catalog.find("m").orElseThrow();
        assertEquals(catalog.revision(), after.revision());
        LlmUsage usage = LlmUsage.builder("m").inputTokens(1_000_000).build();
        assertEquals(2_000_000, after.costMicros(usage));
        assertEquals(1_000_000, before.costMicros(usage), "a price taken before the reload keeps its table");
        String second = catalog.revision();

        Files.writeString(file, "{\"m\": {\"mode\": \"chat\",");
        IOException notJson = assertThrows(IOException.class, () -> catalog.reload(file));
        assertTrue(notJson.getMessage().contains(file.toString()) && notJson.getMessage().contains("line 1"),
                notJson.getMessage());
        Files.writeString(file, "[1, 2]");
        assertThrows(IOException.class, () -> catalog.reload(file));
        assertThrows(IOException.class, () -> catalog.reload(dir.resolve("missing.json")));
        assertEquals(second, catalog.revision(), "failed reloads keep the previous table");
        assertEquals(2_000_000, catalog.find("m").orElseThrow().costMicros(usage));

        PricingCatalog old = catalog.replace(PricingCatalog.embedded());
        assertEquals(second, old.revision());
        assertEquals(PricingCatalog.embedded().revision(), catalog.revision());
        assertFalse(catalog.find("m").isPresent());
    }

    @Test
    void reloadReadsTheProjectFormatToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.tsv");
        Files.writeString(file, PriceTableReader.MAGIC + "\n# revision: mine-1\n" + PriceTableReader.COLUMNS
                + "\nm\topenai\t3000000000\t0\t-\t-\t-\t-\t-\t-\n");
        ReloadablePricingCatalog catalog = ReloadablePricingCatalog.of(PricingCatalog.embedded());
        assertEquals("ironcage-price-table", catalog.reload(file).format());
        assertEquals("mine-1", catalog.find("m").orElseThrow().revision());
        assertEquals(3, catalog.find("m").orElseThrow().costMicros(LlmUsage.builder("m").inputTokens(1).build()));
        assertSame(catalog.current(), ReloadablePricingCatalog.of(catalog).current(), "no nesting");
    }

    @Test
    void readersNeverSeeAHalfLoadedTable(@TempDir Path dir) throws Exception {
        // Two tables whose every price for "a" and "b" agrees within the table: a reader that
        // took "a" from one table and "b" from the other through one snapshot would see a mismatch.
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");
        Files.writeString(one, "{\"a\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 0},"
                + " \"b\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 0}}");
        Files.writeString(two, "{\"a\": {\"mode\": \"chat\", \"input_cost_per_token\": 2e-6, \"output_cost_per_token\": 0},"
                + " \"b\": {\"mode\": \"chat\", \"input_cost_per_token\": 2e-6, \"output_cost_per_token\": 0}}");
        ReloadablePricingCatalog catalog = ReloadablePricingCatalog.of(PricingCatalog.fromLiteLlmJson(one));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> mismatch = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            started.countDown();
            while (!stop.get()) {
                PricingCatalog snapshot = catalog.current();
                ModelPrice a = snapshot.find("a").orElseThrow();
                ModelPrice b = snapshot.find("b").orElseThrow();
                LlmUsage ua = LlmUsage.builder("a").inputTokens(1_000).build();
                LlmUsage ub = LlmUsage.builder("b").inputTokens(1_000).build();
                if (a.costMicros(ua) != b.costMicros(ub) || !a.revision().equals(b.revision())
                        || !a.revision().equals(snapshot.revision())) {
                    mismatch.set(a + " / " + b);
                }
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 200; i++) {
            catalog.reload(i % 2 == 0 ? two : one);
        }
        stop.set(true);
        reader.join(10_000);
        assertEquals(null, mismatch.get());
    }
}
