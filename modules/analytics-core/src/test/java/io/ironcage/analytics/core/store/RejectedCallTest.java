package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whatever can fail in a recording call fails before anything is counted (a rejected call records
 * nothing), and the budget never throws on the recording path; events recorded as objects are
 * spent against the budget like the ones the store prices.
 */
class RejectedCallTest {

    /** A user catalog whose one model has a price that returns a negative cost. */
    private static final class NegativeCostCatalog implements PricingCatalog {
        static final String MODEL = "broken-model";

        private final ModelPrice price = new ModelPrice() {
            @Override
            public String model() {
                return MODEL;
            }

            @Override
            public Provider provider() {
                return Provider.OPENAI;
            }

            @Override
            public String revision() {
                return "broken-1";
            }

            @Override
            public long costMicros(LlmUsage usage) {
                return -5;
            }

            @Override
            public long maxCostMicros(long inputTokens, Long requestMaxOutputTokens) {
                return 0;
            }
        };

        @Override
        public Optional<ModelPrice> find(String model) {
            return MODEL.equals(model) ? Optional.of(price) : Optional.empty();
        }

        @Override
        public String revision() {
            return "broken-1";
        }

        @Override
        public int size() {
            return 1;
        }
    }

    @Test
    void aNegativeCostFromAUserCatalogIsRejectedBeforeAnythingIsCounted() {
        for (boolean withBudget : new boolean[] {false, true}) {
            StoreConfig.Builder config = withBudget ? Stores.config().budget(Budget.ofMicros(1_000)) : Stores.config();
            try (DefaultEventStore store = Stores.store(config, new NegativeCostCatalog())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> store.recordLlmCompleted(NegativeCostCatalog.MODEL, 10, 10, "agent-1", null));
                assertTrue(e.getMessage().contains(NegativeCostCatalog.MODEL), e.getMessage());
                assertNothingRecorded(store);
                store.budget().ifPresent(b -> assertEquals(0, b.spentMicros()));
                // The store goes on working and stays balanced.
                store.recordLlmFailed(NegativeCostCatalog.MODEL, "agent-1", null, "x", "y");
                assertEquals(1, store.stats().totalRequests());
                assertEquals(1, store.stats().byAgent().get("agent-1").requestCount());
                assertBalanced(store.accounting(), 1);
            }
        }
    }

    @Test
    void aSpendThatWouldOverflowTheBudgetSaturatesInsteadOfEscapingTheRecordingCall() {
        try (DefaultEventStore store = Stores.store(Stores.config().budget(Budget.ofMicros(Long.MAX_VALUE)))) {
            BudgetTracker budget = store.budget().orElseThrow();
            assertTrue(budget.reserve(Long.MAX_VALUE - 5).isPresent(), "a near-maximum reservation");
            long cost = TestPricing.GPT_4O.cost(10, 10);

            store.recordLlmCompleted(TestPricing.GPT_4O.model(), 10, 10, "agent-1", null);

            assertEquals(1, store.stats().totalRequests());
            assertEquals(cost, store.stats().totalCostMicros());
            assertEquals(1, store.size(), "the event is buffered");
            assertBalanced(store.accounting(), 1);
            assertEquals(cost, budget.spentMicros(), "the spend is tracked");
            assertTrue(budget.status().remainingMicros() >= 0, budget.status().toString());
            // And again: still nothing escapes, and conservation holds.
            store.recordLlmCompleted(TestPricing.GPT_4O.model(), 10, 10, "agent-1", null);
            assertBalanced(store.accounting(), 2);
        }
    }

    @Test
    void aPricedCompletionRecordedAsAnEventIsSpentAgainstTheBudgetAndFiresItsThresholds() {
        try (DefaultEventStore store = Stores.store(Stores.config().budget(Budget.ofMicros(1_000)))) {
            LlmModelMeta meta = new LlmModelMeta(null, "openai", TestPricing.GPT_4O.model());
            store.record(AnalyticsEvent.of(new LlmRequestCompleted(meta, 10, 10, 600)));
            assertEquals(600, store.budget().orElseThrow().spentMicros());
            store.record(AnalyticsEvent.of(new LlmRequestCompleted(meta, 10, 10, 250)));
            assertEquals(850, store.budget().orElseThrow().spentMicros());
            List<Integer> fired = store.drainAll().stream()
                    .filter(e -> e.payload() instanceof BudgetThresholdReached)
                    .map(e -> ((BudgetThresholdReached) e.payload()).thresholdPercent())
                    .toList();
            assertEquals(List.of(50, 80), fired);
            assertEquals(850, store.stats().totalCostMicros());
        }
    }

    private static void assertNothingRecorded(DefaultEventStore store) {
        assertEquals(0, store.stats().totalRequests());
        assertEquals(0, store.stats().totalCostMicros());
        assertFalse(store.stats().byModel().containsKey(NegativeCostCatalog.MODEL), "no row");
        assertFalse(store.stats().byAgent().containsKey("agent-1"), "no agent row");
        assertEquals(0, store.size());
        assertBalanced(store.accounting(), 0);
    }

    private static void assertBalanced(EventAccounting a, long recorded) {
        assertEquals(recorded, a.recorded(), a.toString());
        assertTrue(a.balanced(), a.toString());
    }
}
