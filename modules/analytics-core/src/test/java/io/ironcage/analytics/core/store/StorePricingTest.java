package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.core.pricing.PriceTables;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The store with the core price table: no drift (the pricing issue's acceptance example, through
 * the store), unpriced events, provider from the table, revision on each event, budget thresholds.
 */
class StorePricingTest {
    /** 1.5e-7 USD per input token, 6e-7 per output token; a cache-read rate; an Azure-hosted GPT. */
    private static final String TABLE = """
            {
              "cheap-model": {"litellm_provider": "openai", "mode": "chat",
                              "input_cost_per_token": 1.5e-7, "output_cost_per_token": 6e-7,
                              "cache_read_input_token_cost": 7.5e-8},
              "azure/gpt-4o": {"litellm_provider": "azure", "mode": "chat",
                               "input_cost_per_token": 0.0000025, "output_cost_per_token": 0.00001}
            }
            """;

    private static PricingCatalog catalog() throws Exception {
        return PriceTables.loadLiteLlm(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)), "test-table");
    }

    @Test
    void aMillionSubMicroRequestsSumExactlyWithNoDrift() throws Exception {
        // 10 input tokens x 1.5e-7 USD = 1.5 microdollars per request: truncating each event would
        // give 1,000,000; the exact total is 1,500,000, and the events must sum to it.
        try (DefaultEventStore store = Stores.store(Stores.config().capacity(4_096), catalog())) {
            long eventSum = 0;
            for (int i = 0; i < 1_000_000; i++) {
                store.recordLlmCompleted("cheap-model", 10, 0, null, null);
                if ((i & 4_095) == 4_095) {
                    eventSum += sumCosts(store.drainAll());
                }
            }
            eventSum += sumCosts(store.drainAll());
            assertEquals(1_500_000, store.stats().totalCostMicros());
            assertEquals(1_500_000, store.stats().byModel().get("cheap-model").costMicros());
            assertEquals(1_500_000, eventSum, "the events' cost_micros sum to the exact total");
            assertEquals(0, store.droppedCount());
        }
    }

    @Test
    void noDriftWithFourRacingThreads() throws Exception {
        try (DefaultEventStore store = Stores.store(Stores.config().capacity(1 << 20), catalog())) {
            inFourThreads(() -> {
                for (int i = 0; i < 250_000; i++) {
                    store.recordLlmCompleted("cheap-model", 10, 0, null, null);
                }
            });
            assertEquals(1_000_000, store.size());
            assertEquals(1_500_000, sumCosts(store.drainAll()));
            assertEquals(1_500_000, store.stats().totalCostMicros());
        }
    }

    @Test
    void eventsCarryPricedFlagRevisionAndTheTablesProvider() throws Exception {
        PricingCatalog table = catalog();
        try (DefaultEventStore store = Stores.store(Stores.config(), table)) {
            store.recordLlmCompleted(LlmUsage.builder("cheap-model").inputTokens(1_000_000).cacheReadTokens(400_000)
                    .outputTokens(1_000).build());
            store.recordLlmCompleted("unknown-model", 100, 100, null, null);
            store.recordLlmCompleted("azure/gpt-4o", 1_000, 100, null, null);
            List<AnalyticsEvent> events = store.drainAll();

            LlmRequestCompleted cheap = (LlmRequestCompleted) events.get(0).payload();
            // 600,000 x 0.15 + 400,000 x 0.075 + 1,000 x 0.6 microdollars = 90,000 + 30,000 + 600.
            assertEquals(120_600, cheap.costMicros());
            assertTrue(cheap.priced());
            assertEquals(table.revision(), cheap.pricingRevision());
            assertEquals("openai", cheap.meta().provider(), "the table's provider");

            LlmRequestCompleted unknown = (LlmRequestCompleted) events.get(1).payload();
            assertEquals(0, unknown.costMicros());
            assertFalse(unknown.priced(), "$0 here means no price, not free");
            assertNull(unknown.pricingRevision());
            assertEquals(1, store.stats().byModel().get("unknown-model").unpricedCount());
            assertEquals(1, store.stats().unpricedRequests());

            // The table says azure: the user's figures keep it (issue 12); the Control API knows
            // no azure, so the wire sends unknown.
            assertEquals("azure", ((LlmRequestCompleted) events.get(2).payload()).meta().provider());
            assertTrue(new String(io.ironcage.analytics.core.json.EventJson.wireBody(events.get(2), "t"),
                    java.nio.charset.StandardCharsets.UTF_8).contains("\"provider\":\"" + Provider.UNKNOWN.wireName() + "\""));
            assertEquals(3_500, ((LlmRequestCompleted) events.get(2).payload()).costMicros());
        }
    }

    @Test
    void anOverflowingCountIsRejectedAndNothingIsRecorded() throws Exception {
        try (DefaultEventStore store = Stores.store(Stores.config(), catalog())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.recordLlmCompleted("azure/gpt-4o", Long.MAX_VALUE / 2, 0, null, null));
            assertTrue(e.getMessage().contains("azure/gpt-4o"), e.getMessage());
            assertEquals(0, store.accounting().recorded());
            assertEquals(0, store.stats().totalRequests());
            assertFalse(store.stats().byModel().containsKey("azure/gpt-4o"), "no empty row either");
        }
    }

    @Test
    void budgetThresholdsFireOnceEachUnderRacingThreads() throws Exception {
        // Budget 1,500 micros; each request costs 1.5 micros: 1,000 requests reach 100 %.
        Budget budget = Budget.ofMicros(1_500);
        try (DefaultEventStore store = Stores.store(Stores.config().capacity(1 << 16).budget(budget), catalog())) {
            LongAdder recorded = new LongAdder();
            inFourThreads(() -> {
                for (int i = 0; i < 500; i++) {
                    store.recordLlmCompleted("cheap-model", 10, 0, "agent-" + (i % 3), null);
                    recorded.increment();
                }
            });
            List<Integer> fired = store.drainAll().stream()
                    .filter(e -> e.payload() instanceof BudgetThresholdReached)
                    .map(e -> ((BudgetThresholdReached) e.payload()).thresholdPercent())
                    .sorted().toList();
            assertEquals(List.of(50, 80, 90, 100), fired, "each threshold exactly once");
            assertEquals(3_000, store.budget().orElseThrow().spentMicros());
            assertTrue(store.budget().orElseThrow().status().exceeded());
            assertEquals(2_000, recorded.sum());
        }
    }

    /** Runs the work in 4 platform threads released together by a barrier, and waits for them. */
    private static void inFourThreads(Runnable work) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(4);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                work.run();
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private static long sumCosts(List<AnalyticsEvent> events) {
        long sum = 0;
        for (AnalyticsEvent e : events) {
            if (e.payload() instanceof LlmRequestCompleted c) {
                sum += c.costMicros();
            }
        }
        return sum;
    }
}
