package io.ironcage.analytics.core.store;

import static io.ironcage.analytics.core.store.TestPricing.CLAUDE_HAIKU;
import static io.ironcage.analytics.core.store.TestPricing.CLAUDE_SONNET;
import static io.ironcage.analytics.core.store.TestPricing.GPT_4O;
import static io.ironcage.analytics.core.store.TestPricing.GPT_4O_MINI;
import static io.ironcage.analytics.core.store.TestPricing.UNPRICED_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Running totals: global, per model, per provider, per agent; unpriced; the cardinality guard. */
class StatsTest {

    private static ModelStats sum(Map<String, ModelStats> m) {
        return m.values().stream().reduce(ModelStats.EMPTY, ModelStats::plus);
    }

    private static ModelStats totals(ComputedStats s) {
        return new ModelStats(s.totalRequests(), s.failedRequests(), s.totalInputTokens(), s.totalOutputTokens(),
                s.totalCostMicros(), s.unpricedRequests());
    }

    @Test
    void emptyStoreHasZeroStats() {
        ComputedStats s = Stores.store(10).stats();
        assertEquals(ModelStats.EMPTY, totals(s));
        assertTrue(s.byModel().isEmpty());
        assertTrue(s.byProvider().isEmpty());
        assertTrue(s.byAgent().isEmpty());
        assertEquals(100.0, s.successRate());
    }

    @Test
    void perModelTotals() {
        DefaultEventStore store = Stores.store(100);
        store.recordLlmCompleted("gpt-4o-mini", 100, 10, null, null);
        store.recordLlmCompleted("gpt-4o-mini", 200, 20, null, null);
        store.recordLlmCompleted("gpt-4o", 1_000, 50, null, null);
        Map<String, ModelStats> m = store.stats().byModel();
        assertEquals(Map.of(
                "gpt-4o-mini", new ModelStats(2, 0, 300, 30, GPT_4O_MINI.cost(300, 30), 0),
                "gpt-4o", new ModelStats(1, 0, 1_000, 50, GPT_4O.cost(1_000, 50), 0)), m);
    }

    @Test
    void perProviderTotals() {
        DefaultEventStore store = Stores.store(100);
        store.recordLlmCompleted("gpt-4o-mini", 100, 10, null, null);
        store.recordLlmCompleted("gpt-4o", 1_000, 50, null, null);
        store.recordLlmCompleted("claude-3-5-sonnet-20241022", 500, 100, null, null);
        store.recordLlmCompleted("claude-3-haiku-20240307", 40, 4, null, null);
        store.recordLlmCompleted(UNPRICED_MODEL, 7, 3, null, null);
        Map<String, ModelStats> p = store.stats().byProvider();
        assertEquals(Map.of(
                "openai", new ModelStats(2, 0, 1_100, 60, GPT_4O_MINI.cost(100, 10) + GPT_4O.cost(1_000, 50), 0),
                "anthropic", new ModelStats(2, 0, 540, 104,
                        CLAUDE_SONNET.cost(500, 100) + CLAUDE_HAIKU.cost(40, 4), 0),
                "unknown", new ModelStats(1, 0, 7, 3, 0, 1)), p);
    }

    @Test
    void perAgentTotalsOnlyForEventsWithAnAgent() {
        DefaultEventStore store = Stores.store(100);
        store.recordLlmCompleted("gpt-4o-mini", 100, 10, "agent-a", null);
        store.recordLlmCompleted("gpt-4o", 10, 1, "agent-a", null);
        store.recordLlmCompleted("gpt-4o-mini", 5, 5, "agent-b", null);
        store.recordLlmFailed("gpt-4o", "agent-b", null, "rate_limit_exceeded", null);
        store.recordLlmCompleted("gpt-4o-mini", 1, 1, null, null);
        Map<String, ModelStats> a = store.stats().byAgent();
        assertEquals(Map.of(
                "agent-a", new ModelStats(2, 0, 110, 11, GPT_4O_MINI.cost(100, 10) + GPT_4O.cost(10, 1), 0),
                "agent-b", new ModelStats(2, 1, 5, 5, GPT_4O_MINI.cost(5, 5), 0)), a);
        assertEquals(5, store.stats().totalRequests());
    }

    @Test
    void failedRequestsCountAsRequestsAndFailures() {
        DefaultEventStore store = Stores.store(100);
        store.recordLlmCompleted("gpt-4o", 10, 1, null, null);
        store.recordLlmFailed("gpt-4o", null, null, "rate_limit_exceeded", "slow down");
        store.recordLlmFailed("gpt-4o", null, null, null, null);
        store.recordLlmFailed("claude-3-haiku-20240307", null, null, "overloaded", null);
        ComputedStats s = store.stats();
        assertEquals(4, s.totalRequests());
        assertEquals(3, s.failedRequests());
        assertEquals(25.0, s.successRate(), 1e-9);
        assertEquals(new ModelStats(3, 2, 10, 1, GPT_4O.cost(10, 1), 0), s.byModel().get("gpt-4o"));
        assertEquals(new ModelStats(1, 1, 0, 0, 0, 0), s.byModel().get("claude-3-haiku-20240307"));
        assertEquals(new ModelStats(3, 2, 10, 1, GPT_4O.cost(10, 1), 0), s.byProvider().get("openai"));
        assertEquals(new ModelStats(1, 1, 0, 0, 0, 0), s.byProvider().get("anthropic"));
    }

    @Test
    void unpricedModelIsCountedWithZeroCost() {
        DefaultEventStore store = Stores.store(100);
        store.recordLlmCompleted(UNPRICED_MODEL, 1_000, 500, null, null);
        store.recordLlmCompleted(UNPRICED_MODEL, 1, 1, null, null);
        store.recordLlmCompleted("gpt-4o-mini", 1, 1, null, null);
        store.recordLlmFailed(UNPRICED_MODEL, null, null, null, null);
        ComputedStats s = store.stats();
        assertEquals(2, s.unpricedRequests(), "failed requests are never 'unpriced'");
        assertEquals(new ModelStats(3, 1, 1_001, 501, 0, 2), s.byModel().get(UNPRICED_MODEL));
        assertEquals(GPT_4O_MINI.cost(1, 1), s.totalCostMicros());
    }

    @Test
    void totalsEqualTheSumOfTheProviders() {
        DefaultEventStore store = Stores.store(5);
        String[] models = {"gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet-20241022", UNPRICED_MODEL, "o1-preview",
                "acme-hosted-sonnet", "gpt-custom-finetune"};
        for (int i = 0; i < 200; i++) {
            String model = models[i % models.length];
            if (i % 7 == 3) {
                store.recordLlmFailed(model, i % 2 == 0 ? "agent-" + (i % 3) : null, null, "e", null);
            } else {
                store.recordLlmCompleted(model, i, i % 13, i % 2 == 0 ? "agent-" + (i % 3) : null, null);
            }
        }
        ComputedStats s = store.stats();
        assertEquals(200, s.totalRequests());
        assertEquals(totals(s), sum(s.byProvider()));
        assertEquals(totals(s), sum(s.byModel()));
        ModelStats agents = sum(s.byAgent());
        assertTrue(agents.requestCount() > 0 && agents.requestCount() < 200, agents.toString());
    }

    @Test
    void nonLlmEventsDoNotCount() {
        DefaultEventStore store = Stores.store(10);
        store.recordRouterStarted(8080);
        store.recordBudgetThreshold(90, 9, 10, "agent-a");
        store.recordRouterStopped();
        ComputedStats s = store.stats();
        assertEquals(ModelStats.EMPTY, totals(s));
        assertTrue(s.byAgent().isEmpty());
        assertEquals(3, store.size());
    }

    @Test
    void statsSnapshotDoesNotChangeAfterwards() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        ComputedStats before = store.stats();
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        assertEquals(1, before.totalRequests());
        assertEquals(1, before.byModel().get("gpt-4o").requestCount());
        assertEquals(2, store.stats().totalRequests());
        assertThrows(UnsupportedOperationException.class, () -> before.byModel().clear());
    }

    @Test
    void drainingAndMarkingLeaveTheStatsAlone() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 6; i++) {
            store.recordLlmCompleted("gpt-4o", 10, 1, null, null);
        }
        ComputedStats before = store.stats();
        store.markSynced(store.snapshotEvents().subList(0, 3).stream().map(AnalyticsEvent::eventId).toList());
        store.drainAll();
        assertEquals(before, store.stats());
    }

    // ---------------------------------------------------------------- cardinality guard

    @Test
    void modelsBeyondTheLimitAggregateUnderOther() {
        DefaultEventStore store = Stores.store(Stores.config().capacity(100).maxModels(3));
        for (int i = 0; i < 6; i++) {
            store.recordLlmCompleted("model-" + i, 10, 1, null, null);
        }
        store.recordLlmCompleted("model-0", 10, 1, null, null);
        store.recordLlmFailed("model-5", null, null, null, null);
        Map<String, ModelStats> m = store.stats().byModel();
        assertEquals(4, m.size(), m.keySet().toString());
        assertEquals(new ModelStats(2, 0, 20, 2, 0, 2), m.get("model-0"));
        assertEquals(new ModelStats(1, 0, 10, 1, 0, 1), m.get("model-1"));
        assertEquals(new ModelStats(1, 0, 10, 1, 0, 1), m.get("model-2"));
        assertEquals(new ModelStats(4, 1, 30, 3, 0, 3), m.get(StatsTable.OVERFLOW_KEY));
        assertFalse(m.containsKey("model-3"));
        assertEquals(4, store.modelOverflowEvents());
        assertEquals(8, store.stats().totalRequests(), "overflowing events still count in the totals");
        // The events themselves keep their real model names.
        assertEquals("model-4", ((io.ironcage.analytics.LlmRequestCompleted) store.snapshotEvents().get(4).payload())
                .meta().model());
    }

    @Test
    void agentsBeyondTheLimitAggregateUnderOther() {
        DefaultEventStore store = Stores.store(Stores.config().capacity(100).maxAgents(2));
        for (int i = 0; i < 5; i++) {
            store.recordLlmCompleted("gpt-4o", 1, 1, "agent-" + i, null);
        }
        Map<String, ModelStats> a = store.stats().byAgent();
        assertEquals(List.of("(other)", "agent-0", "agent-1"), a.keySet().stream().sorted().toList());
        assertEquals(3, a.get(StatsTable.OVERFLOW_KEY).requestCount());
        assertEquals(3, store.agentOverflowEvents());
        assertEquals(0, store.modelOverflowEvents());
    }

    @Test
    void providersBeyondTheLimitAggregateUnderOther() {
        DefaultEventStore store = Stores.store(Stores.config().capacity(100).maxProviders(1));
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        store.recordLlmCompleted("claude-3-haiku-20240307", 1, 1, null, null);
        store.recordLlmCompleted(UNPRICED_MODEL, 1, 1, null, null);
        Map<String, ModelStats> p = store.stats().byProvider();
        assertEquals(2, p.size(), p.toString());
        assertEquals(1, p.get("openai").requestCount());
        assertEquals(2, p.get(StatsTable.OVERFLOW_KEY).requestCount());
        assertEquals(2, store.providerOverflowEvents());
        assertEquals(3, store.stats().totalRequests(), "the provider table still sums to the totals");
    }

    // ---------------------------------------------------------------- rejected arguments

    private static void assertRejectedAndNothingRecorded(DefaultEventStore store, Class<? extends Throwable> type,
                                                         Executable call, String... mention) {
        ComputedStats stats = store.stats();
        EventAccounting accounting = store.accounting();
        List<AnalyticsEvent> buffered = store.snapshotEvents();
        Throwable t = assertThrows(type, call);
        for (String s : mention) {
            assertTrue(String.valueOf(t.getMessage()).contains(s), "\"" + s + "\" not in: " + t.getMessage());
        }
        assertEquals(stats, store.stats(), "a rejected call must not count");
        assertEquals(accounting, store.accounting(), "a rejected call must not be accounted");
        assertEquals(buffered, store.snapshotEvents());
    }

    @Test
    void stringsOver256CharactersAreRejectedAndNothingIsRecorded() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o", 1, 1, "agent", null);
        String tooLong = "x".repeat(257);
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted(tooLong, 1, 1, null, null),
                "model", "257");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted("gpt-4o", 1, 1, tooLong, null),
                "agentId", "257");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted("gpt-4o", 1, 1, null, tooLong),
                "providerId", "257");
        assertRejectedAndNothingRecorded(store, iae,
                () -> store.recordLlmCompletedWithProvider(tooLong, Provider.OPENAI, 1, 1, null, null), "model");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmFailed(tooLong, null, null, null, null),
                "model", "257");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmFailed("gpt-4o", tooLong, null, null, null),
                "agentId");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmFailed("gpt-4o", null, tooLong, null, null),
                "providerId");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordBudgetThreshold(50, 1, 2, tooLong), "agentId");
        assertEquals(1, store.stats().totalRequests());
        assertEquals(1, store.size());
        // 256 is the limit, inclusive.
        store.recordLlmCompleted("m".repeat(256), 1, 1, "a".repeat(256), "p".repeat(256));
        assertEquals(2, store.stats().totalRequests());
    }

    @Test
    void otherBadArgumentsAreRejectedAndNothingIsRecorded() {
        DefaultEventStore store = Stores.store(10);
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        Class<NullPointerException> npe = NullPointerException.class;
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted("gpt-4o", -1, 1, null, null),
                "inputTokens", "-1");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted("gpt-4o", 1, -2, null, null),
                "outputTokens", "-2");
        assertRejectedAndNothingRecorded(store, npe, () -> store.recordLlmCompleted(null, 1, 1, null, null), "model");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted(" ", 1, 1, null, null), "model");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordLlmCompleted("gpt-4o", 1, 1, "", null),
                "agentId");
        assertRejectedAndNothingRecorded(store, npe,
                () -> store.recordLlmCompletedWithProvider("gpt-4o", null, 1, 1, null, null), "provider");
        assertRejectedAndNothingRecorded(store, npe, () -> store.recordLlmCompleted((LlmUsage) null), "usage");
        assertRejectedAndNothingRecorded(store, npe, () -> store.recordLlmFailed(null, null, null, null, null), "model");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordBudgetThreshold(101, 1, 2, null),
                "thresholdPercent", "101");
        assertRejectedAndNothingRecorded(store, iae, () -> store.recordRouterStarted(70_000), "port", "70000");
        assertRejectedAndNothingRecorded(store, npe, () -> store.record(null), "event");
        assertTrue(store.isEmpty());
        assertEquals(0, store.accounting().recorded());
    }
}
