package io.ironcage.analytics.core.store;

import static io.ironcage.analytics.core.store.TestPricing.CLAUDE_SONNET;
import static io.ironcage.analytics.core.store.TestPricing.GPT_4O;
import static io.ironcage.analytics.core.store.TestPricing.GPT_4O_MINI;
import static io.ironcage.analytics.core.store.TestPricing.GPT_CUSTOM;
import static io.ironcage.analytics.core.store.TestPricing.HOSTED_CLAUDE;
import static io.ironcage.analytics.core.store.TestPricing.UNPRICED_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The high-level record* API (provider resolution, pricing, lifecycle) and low-level record(event). */
class RecordingTest {

    private static AnalyticsEvent only(DefaultEventStore store) {
        List<AnalyticsEvent> events = store.snapshotEvents();
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private static AnalyticsEvent last(DefaultEventStore store) {
        List<AnalyticsEvent> events = store.snapshotEvents();
        return events.get(events.size() - 1);
    }

    private static LlmRequestCompleted completed(AnalyticsEvent e) {
        return (LlmRequestCompleted) e.payload();
    }

    // ---------------------------------------------------------------- completions

    @Test
    void completionIsPricedFromTheCatalog() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o-mini", 1_000, 200, "agent-1", "ip_openai_001");
        AnalyticsEvent e = only(store);
        LlmRequestCompleted c = completed(e);
        assertEquals(new LlmModelMeta("ip_openai_001", "openai", "gpt-4o-mini"), c.meta());
        assertEquals(1_000, c.inputTokens());
        assertEquals(200, c.outputTokens());
        assertEquals(1_000 * 1 + 200 * 4, c.costMicros());
        assertTrue(c.priced());
        assertEquals(TestPricing.REVISION, c.pricingRevision());
        assertEquals(Optional.of("agent-1"), e.agentId());
        assertEquals(c.costMicros(), store.stats().totalCostMicros());
    }

    @Test
    void unpricedCompletionHasZeroCostAndNoRevision() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted(UNPRICED_MODEL, 1_000, 200, null, null);
        LlmRequestCompleted c = completed(only(store));
        assertEquals(0, c.costMicros());
        assertFalse(c.priced());
        assertNull(c.pricingRevision());
        assertEquals("unknown", c.meta().provider());
        assertEquals(1, store.stats().unpricedRequests());
    }

    @Test
    void aProviderPrefixedNameIsPricedThroughTheCatalogLookup() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("openai/gpt-4o", 10, 10, null, null);
        LlmRequestCompleted c = completed(only(store));
        assertEquals(GPT_4O.cost(10, 10), c.costMicros());
        assertEquals("openai/gpt-4o", c.meta().model(), "the event keeps the name the caller used");
        assertEquals("openai", c.meta().provider());
    }

    @Test
    void providerResolutionGivenFirst() {
        DefaultEventStore store = Stores.store(10);
        // The table says Anthropic, the name says OpenAI: the caller's word wins over both.
        store.recordLlmCompletedWithProvider("gpt-4o", Provider.ANTHROPIC, 10, 1, null, null);
        store.recordLlmCompletedWithProvider("acme-hosted-sonnet", Provider.UNKNOWN, 10, 1, null, null);
        List<AnalyticsEvent> events = store.snapshotEvents();
        assertEquals("anthropic", completed(events.get(0)).meta().provider());
        assertEquals("unknown", completed(events.get(1)).meta().provider());
        assertEquals(GPT_4O.cost(10, 1), completed(events.get(0)).costMicros(), "still priced by model");
        assertEquals(1, store.stats().byProvider().get("anthropic").requestCount());
        assertEquals(1, store.stats().byProvider().get("unknown").requestCount());
    }

    @Test
    void providerResolutionThenThePriceTable() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted(HOSTED_CLAUDE.model(), 10, 1, null, null);
        assertEquals("anthropic", completed(only(store)).meta().provider(),
                "inference says unknown, the table says anthropic");
        assertEquals(HOSTED_CLAUDE.cost(10, 1), completed(only(store)).costMicros());
    }

    @Test
    void providerResolutionThenInferenceWhenTheTableDoesNotKnow() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted(GPT_CUSTOM.model(), 10, 1, null, null);
        store.recordLlmCompleted("claude-9-unreleased", 10, 1, null, null);
        store.recordLlmCompleted("o3-mini", 10, 1, null, null);
        store.recordLlmCompleted("gemini-pro", 10, 1, null, null);
        List<String> providers = store.snapshotEvents().stream().map(e -> completed(e).meta().provider()).toList();
        assertEquals(List.of("openai", "anthropic", "openai", "unknown"), providers);
        assertEquals(GPT_CUSTOM.cost(10, 1), completed(store.snapshotEvents().get(0)).costMicros());
    }

    @Test
    void usageFormCarriesCacheAndReasoningTokens() {
        DefaultEventStore store = Stores.store(10);
        // Anthropic's usage (input_tokens=50 uncached) mapped to the OpenTelemetry convention: 1,250 in.
        store.recordLlmCompleted(LlmUsage.builder("claude-3-5-sonnet-20241022").inputTokens(1_250)
                .outputTokens(300).cacheReadTokens(1_000).cacheWriteTokens(200).agentId("agent-x")
                .providerId("ip_anthropic_001").build());
        store.recordLlmCompleted(LlmUsage.fromOpenAi("gpt-4o", 1_200, 300, 1_000, 200));
        List<AnalyticsEvent> events = store.snapshotEvents();
        LlmRequestCompleted a = completed(events.get(0));
        assertEquals(1_250, a.inputTokens());
        assertEquals(1_000, a.cacheReadTokens());
        assertEquals(200, a.cacheWriteTokens());
        assertEquals(0, a.reasoningTokens());
        assertEquals("anthropic", a.meta().provider());
        assertEquals("ip_anthropic_001", a.meta().providerId());
        assertEquals(Optional.of("agent-x"), events.get(0).agentId());
        assertEquals(CLAUDE_SONNET.cost(1_250, 300), a.costMicros());
        LlmRequestCompleted o = completed(events.get(1));
        assertEquals(1_000, o.cacheReadTokens());
        assertEquals(200, o.reasoningTokens());
        assertEquals("openai", o.meta().provider());
        // Issue 12: ModelStats now counts the cache-read and reasoning tokens too.
        assertEquals(new ModelStats(1, 0, 1_200, 300, GPT_4O.cost(1_200, 300), 0, 1_000, 0, 200, 0,
                        io.ironcage.analytics.LatencyStats.EMPTY, io.ironcage.analytics.LatencyStats.EMPTY),
                store.stats().byModel().get("gpt-4o"));
    }

    @Test
    void usageProviderOverridesResolution() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted(LlmUsage.builder("gpt-4o").provider(Provider.UNKNOWN).inputTokens(1).build());
        store.recordLlmCompleted(LlmUsage.builder("gpt-4o").inputTokens(1).build());
        List<AnalyticsEvent> events = store.snapshotEvents();
        assertEquals("unknown", completed(events.get(0)).meta().provider());
        assertEquals("openai", completed(events.get(1)).meta().provider(), "null provider: the store resolves it");
    }

    // ---------------------------------------------------------------- failures

    @Test
    void failureKeepsItsErrorAndResolvesTheProvider() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmFailed("claude-3-5-sonnet-20241022", "agent-1", "ip_anthropic_001", "overloaded_error",
                "Overloaded");
        store.recordLlmFailed(HOSTED_CLAUDE.model(), null, null, null, null);
        store.recordLlmFailed(UNPRICED_MODEL, null, null, null, null);
        List<AnalyticsEvent> events = store.snapshotEvents();
        LlmRequestFailed f = (LlmRequestFailed) events.get(0).payload();
        assertEquals(new LlmModelMeta("ip_anthropic_001", "anthropic", "claude-3-5-sonnet-20241022"), f.meta());
        assertEquals("overloaded_error", f.errorCode());
        assertEquals("Overloaded", f.errorMessage());
        assertEquals(Optional.of("agent-1"), events.get(0).agentId());
        assertEquals("anthropic", ((LlmRequestFailed) events.get(1).payload()).meta().provider());
        LlmRequestFailed unknown = (LlmRequestFailed) events.get(2).payload();
        assertEquals("unknown", unknown.meta().provider());
        assertNull(unknown.errorCode());
        assertNull(unknown.errorMessage());
        assertEquals(0, store.stats().totalCostMicros());
    }

    @Test
    void overlongErrorTextIsTruncatedNotRejected() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmFailed("gpt-4o", null, null, "c", "m".repeat(100_000));
        String message = ((LlmRequestFailed) only(store).payload()).errorMessage();
        assertEquals(4_096, message.length());
        assertTrue(message.endsWith("chars]"), message.substring(4_000));
    }

    // ---------------------------------------------------------------- budget and lifecycle

    @Test
    void budgetThresholdIsRecordedAsGiven() {
        DefaultEventStore store = Stores.store(10);
        store.recordBudgetThreshold(80, 8_000_000, 10_000_000, "agent-1");
        AnalyticsEvent e = only(store);
        assertEquals(new BudgetThresholdReached(80, 8_000_000, 10_000_000), e.payload());
        assertEquals(Optional.of("agent-1"), e.agentId());
        store.recordBudgetThreshold(0, 0, 0, null);
        store.recordBudgetThreshold(100, 5, 5, null);
        assertEquals(3, store.size());
    }

    @Test
    void budgetThresholdValidation() {
        DefaultEventStore store = Stores.store(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.recordBudgetThreshold(101, 1, 1, null));
        assertTrue(e.getMessage().contains("thresholdPercent") && e.getMessage().contains("101"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.recordBudgetThreshold(-1, 1, 1, null));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.recordBudgetThreshold(50, -5, 1, null));
        assertTrue(e.getMessage().contains("currentSpendMicros"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.recordBudgetThreshold(50, 5, -1, null));
        assertTrue(e.getMessage().contains("budgetMicros"), e.getMessage());
        assertTrue(store.isEmpty());
        assertEquals(0, store.accounting().recorded());
    }

    @Test
    void routerStartedKeepsThePort() {
        DefaultEventStore store = Stores.store(10);
        store.recordRouterStarted(45_297);
        assertEquals(new RouterStarted(45_297), only(store).payload());
        assertEquals(Optional.empty(), only(store).agentId());
    }

    @Test
    void routerStoppedCapturesTheTotals() {
        DefaultEventStore store = Stores.store(3);
        store.recordRouterStarted(8080);
        store.recordLlmCompleted("gpt-4o-mini", 100, 10, null, null);
        store.recordLlmCompleted("gpt-4o", 50, 5, null, null);
        store.recordLlmFailed("gpt-4o", null, null, null, null);   // dropped: buffer full, still counted
        store.drainAll();
        store.recordRouterStopped();
        assertEquals(new RouterStopped(3, GPT_4O_MINI.cost(100, 10) + GPT_4O.cost(50, 5)), last(store).payload());
    }

    @Test
    void routerStoppedOnAnEmptyStoreHasZeroTotals() {
        DefaultEventStore store = Stores.store(3);
        store.recordRouterStopped();
        assertEquals(new RouterStopped(0, 0), only(store).payload());
    }

    // ---------------------------------------------------------------- low-level record(event)

    @Test
    void recordCountsTheEventAsGivenWithoutRepricing() {
        DefaultEventStore store = Stores.store(10);
        // The table would price this at 1*100 + 4*10 = 140 and call it openai; the event says otherwise.
        LlmRequestCompleted given = new LlmRequestCompleted(LlmModelMeta.of("ip_1", Provider.ANTHROPIC, "gpt-4o-mini"),
                100, 10, 0, 0, 0, 999, true, "caller-rev");
        AnalyticsEvent e = AnalyticsEvent.of(EventId.random(), 1_000L, "agent-z", given);
        store.record(e);
        assertEquals(e, only(store));
        assertEquals(given, only(store).payload());
        assertEquals(new ModelStats(1, 0, 100, 10, 999, 0), store.stats().byModel().get("gpt-4o-mini"));
        assertEquals(new ModelStats(1, 0, 100, 10, 999, 0), store.stats().byProvider().get("anthropic"));
        assertEquals(new ModelStats(1, 0, 100, 10, 999, 0), store.stats().byAgent().get("agent-z"));
        assertFalse(store.stats().byProvider().containsKey("openai"));
    }

    @Test
    void recordCountsUnpricedAndFailedEventsAsGiven() {
        DefaultEventStore store = Stores.store(10);
        LlmModelMeta meta = LlmModelMeta.of(null, Provider.OPENAI, "gpt-4o");
        store.record(AnalyticsEvent.of(new LlmRequestCompleted(meta, 5, 5, 0, 0, 0, 0, false, null)));
        store.record(AnalyticsEvent.of(new LlmRequestFailed(meta, "e", null)));
        store.record(AnalyticsEvent.of(new RouterStarted(1)));
        assertEquals(new ModelStats(2, 1, 5, 5, 0, 1), store.stats().byModel().get("gpt-4o"));
        assertEquals(3, store.size());
        assertEquals(3, store.accounting().recorded());
    }

    @Test
    void theSameEventObjectRecordedIntoTwoStoresIsHeldIndependently() {
        DefaultEventStore a = Stores.store(10);
        DefaultEventStore b = Stores.store(10);
        AnalyticsEvent e = AnalyticsEvent.of(EventId.random(), 42L, "agent",
                new LlmRequestCompleted(LlmModelMeta.of(null, Provider.OPENAI, "gpt-4o"), 1, 1, 3));
        a.record(e);
        b.record(e);
        AnalyticsEvent inA = only(a);
        AnalyticsEvent inB = only(b);
        assertEquals(inA, inB, "same id, timestamp, agent and payload");
        assertNotSame(inA, inB, "but each store holds its own object");

        // Marking in one store leaves the other's copy alone.
        a.markSynced(List.of(e.eventId()));
        assertTrue(inA.isSynced());
        assertFalse(inB.isSynced());
        assertEquals(0, a.size());
        assertEquals(1, b.size());
        assertEquals(List.of(inB), b.unsyncedEvents());

        // And draining one leaves the other's buffered.
        AnalyticsEvent drained = b.drainAll().get(0);
        assertEquals(e, drained);
        assertEquals(1, a.accounting().markedSynced());
        assertEquals(0, a.accounting().drained());
        assertEquals(1, b.accounting().drained());
        assertEquals(0, b.accounting().markedSynced());
    }

    @Test
    void aDrainedEventRecordedAgainIsACopyTheStoreOwns() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        AnalyticsEvent drained = store.drainAll().get(0);
        store.record(drained);
        AnalyticsEvent held = only(store);
        assertEquals(drained, held);
        store.markSynced(List.of(held.eventId()));
        assertTrue(held.isSynced());
        assertFalse(drained.isSynced(), "the caller's drained object is not the store's to change");
        assertEquals(2, store.stats().totalRequests(), "recorded twice, counted twice");
    }
}
