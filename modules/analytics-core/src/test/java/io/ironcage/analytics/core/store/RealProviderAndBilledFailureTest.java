package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LatencyStats;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.core.pricing.PriceTables;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 parts 3 and 4: the real provider's name in the user's figures (from the caller, the
 * price table, or the model name), the per model x provider view, and failures that were billed.
 */
class RealProviderAndBilledFailureTest {

    private static DefaultEventStore embedded(StoreConfigTweak tweak) {
        return Stores.store(tweak.apply(Stores.config().capacity(1_000)), PriceTables.embedded());
    }

    private interface StoreConfigTweak {
        io.ironcage.analytics.StoreConfig.Builder apply(io.ironcage.analytics.StoreConfig.Builder b);
    }

    private static void completed(DefaultEventStore store, String model) {
        store.recordLlmCompleted(LlmUsage.builder(model).inputTokens(100).outputTokens(10).build());
    }

    private static String providerOfOnlyEvent(DefaultEventStore store) {
        List<AnalyticsEvent> events = store.drainAll();
        assertEquals(1, events.size());
        return switch (events.get(0).payload()) {
            case io.ironcage.analytics.LlmRequestCompleted c -> c.meta().provider();
            case LlmRequestFailed f -> f.meta().provider();
            default -> throw new AssertionError(events.get(0));
        };
    }

    @Test
    void theEmbeddedTablesProviderIsNormalisedToOneNamePerProvider() {
        // model -> expected provider, each model checked against the embedded LiteLLM table
        // (its litellm_provider in the comment).
        Map<String, String> expected = new HashMap<>();
        expected.put("gemini/gemini-2.0-flash", "gemini");                  // gemini (Google AI Studio)
        expected.put("gemini-2.0-flash", "vertex_ai");                      // vertex_ai-language-models
        expected.put("vertex_ai/claude-3-5-haiku", "vertex_ai");            // vertex_ai-anthropic_models
        expected.put("deepseek/deepseek-chat", "deepseek");                 // deepseek
        expected.put("deepseek-chat", "deepseek");                          // deepseek
        expected.put("anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock"); // bedrock
        expected.put("amazon.nova-2-lite-v1:0", "bedrock");                 // bedrock_converse
        expected.put("azure/codex-mini", "azure");                          // azure
        expected.put("azure_ai/Llama-3.3-70B-Instruct", "azure");           // azure_ai
        expected.put("mistral/mistral-small-latest", "mistral");            // mistral
        expected.put("gpt-4o-mini", "openai");                              // openai
        expected.put("claude-3-haiku-20240307", "anthropic");               // anthropic
        try (DefaultEventStore store = embedded(b -> b)) {
            expected.forEach((model, provider) -> {
                completed(store, model);
                assertEquals(provider, providerOfOnlyEvent(store), model);
            });
            ComputedStats s = store.stats();
            assertEquals(2, s.byProvider().get("vertex_ai").requestCount());
            assertEquals(2, s.byProvider().get("deepseek").requestCount());
            assertEquals(2, s.byProvider().get("bedrock").requestCount());
            assertEquals(2, s.byProvider().get("azure").requestCount());
            assertEquals(1, s.byProvider().get("gemini").requestCount());
            assertEquals(1, s.byProvider().get("mistral").requestCount());
            assertNull(s.byProvider().get("unknown"), "nothing from the table falls to unknown: " + s.byProvider());
        }
    }

    @Test
    void theCallersNameWinsThenTheTableThenTheModelName() {
        try (DefaultEventStore store = embedded(b -> b)) {
            // Given: the caller's name beats the table's (deepseek) and the caller's enum.
            store.recordLlmCompleted(LlmUsage.builder("deepseek-chat").providerName("together_ai")
                    .provider(Provider.OPENAI).inputTokens(1).build());
            assertEquals("together_ai", providerOfOnlyEvent(store));
            // Given as the enum (the existing API): its name, as before.
            store.recordLlmCompletedWithProvider("gemini/gemini-2.0-flash", Provider.OPENAI, 1, 1, null, null);
            assertEquals("openai", providerOfOnlyEvent(store));
            // Not in the table: inferred from the model name.
            completed(store, "claude-not-in-any-table");
            assertEquals("anthropic", providerOfOnlyEvent(store));
            completed(store, "my-own-model");
            assertEquals("unknown", providerOfOnlyEvent(store));
            // A failure without usage resolves the same way.
            store.recordLlmFailed("gemini/gemini-2.0-flash", null, null, "timeout", null);
            assertEquals("gemini", providerOfOnlyEvent(store));

            Map<String, ModelStats> p = store.stats().byProvider();
            assertEquals(1, p.get("together_ai").requestCount());
            assertEquals(1, p.get("openai").requestCount());
            assertEquals(1, p.get("anthropic").requestCount());
            assertEquals(1, p.get("unknown").requestCount());
            assertEquals(1, p.get("gemini").failedCount());
        }
    }

    @Test
    void aTinyTableInOurOwnFormatNormalisesItsProviderColumn() throws Exception {
        String table = "# ironcage-price-table 1\n"
                + "# revision: test-2026-12-02@sha256:0123456789ab\n"
                + "# source-sha256: " + "ab".repeat(32) + "\n"
                + "model\tprovider\tinput\toutput\tcache_read\tcache_write\tcache_write_1h\treasoning\tmax_output\ttiers\n"
                + "m-vertex\tvertex_ai-mistral_models\t1000\t2000\t-\t-\t-\t-\t-\t-\n"
                + "m-converse\tbedrock_converse\t1000\t2000\t-\t-\t-\t-\t-\t-\n"
                + "m-codestral\ttext-completion-codestral\t1000\t2000\t-\t-\t-\t-\t-\t-\n"
                + "claude-none\t-\t1000\t2000\t-\t-\t-\t-\t-\t-\n";
        PricingCatalog catalog = PriceTables.load(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "t.tsv");
        try (DefaultEventStore store = Stores.store(Stores.config(), catalog)) {
            for (String m : List.of("m-vertex", "m-converse", "m-codestral", "claude-none")) {
                completed(store, m);
            }
            Map<String, ModelStats> p = store.stats().byProvider();
            assertEquals(Map.of("vertex_ai", 1L, "bedrock", 1L, "mistral", 1L, "anthropic", 1L),
                    Map.of("vertex_ai", p.get("vertex_ai").requestCount(), "bedrock", p.get("bedrock").requestCount(),
                            "mistral", p.get("mistral").requestCount(), "anthropic", p.get("anthropic").requestCount()));
            assertEquals(4, p.size(), "no provider column: inferred from the name (claude-* is anthropic): " + p);
        }
    }

    @Test
    void aUserCatalogsTableProviderIsNormalisedToo() {
        TestPricing.Price base = new TestPricing.Price("hosted-llama", Provider.UNKNOWN, 2, 3);
        io.ironcage.analytics.pricing.ModelPrice converse = new io.ironcage.analytics.pricing.ModelPrice() {
            @Override public String model() { return base.model(); }
            @Override public Provider provider() { return base.provider(); }
            @Override public String revision() { return base.revision(); }
            @Override public long costMicros(LlmUsage usage) { return base.costMicros(usage); }
            @Override public long maxCostMicros(long in, Long out) { return base.maxCostMicros(in, out); }
            @Override public String tableProvider() { return "bedrock_converse"; }
        };
        PricingCatalog catalog = new PricingCatalog() {
            @Override public java.util.Optional<io.ironcage.analytics.pricing.ModelPrice> find(String model) {
                return model.equals("hosted-llama") ? java.util.Optional.of(converse) : java.util.Optional.empty();
            }
            @Override public String revision() { return "user-1"; }
            @Override public int size() { return 1; }
        };
        try (DefaultEventStore store = Stores.store(Stores.config(), catalog)) {
            completed(store, "hosted-llama");
            assertEquals("bedrock", providerOfOnlyEvent(store));
            assertEquals(new ModelStats(1, 0, 100, 10, 230, 0), store.stats().byProvider().get("bedrock"));
        }
    }

    @Test
    void aBlankOrOverLongProviderNameIsRejectedNamingTheValue() {
        LlmUsage.Builder b = LlmUsage.builder("m");
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> b.providerName("  "));
        assertTrue(blank.getMessage().contains("providerName") && blank.getMessage().contains("\"  \""), blank.getMessage());
        String longName = "p".repeat(257);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> b.providerName(longName));
        assertTrue(tooLong.getMessage().contains("providerName") && tooLong.getMessage().contains("257"), tooLong.getMessage());
        assertEquals("p".repeat(256), b.providerName("p".repeat(256)).build().providerName());
        assertNull(LlmUsage.builder("m").providerName(null).build().providerName());
    }

    @Test
    void byModelAndProviderSumsToByModelAndToByProvider() {
        // maxProviders 3: the fourth provider goes to (other), which the view shows too.
        try (DefaultEventStore store = embedded(b -> b.maxProviders(3))) {
            String[] providers = {"p-a", "p-b", "p-c", "p-d"};
            for (int i = 0; i < 40; i++) {
                String model = "model-" + (i % 5);
                store.recordLlmCompleted(LlmUsage.builder(model).providerName(providers[i % 4])
                        .inputTokens(10 + i).outputTokens(i).agentId("agent").build());
            }
            store.recordLlmFailed(LlmUsage.builder("claude-3-haiku-20240307").inputTokens(1_000).outputTokens(200).build(),
                    "stream_cut", null);
            store.recordLlmFailed("gpt-4o-mini", null, null, "rate_limit", null);
            ComputedStats s = store.stats();
            Map<String, ModelStats> models = new HashMap<>();
            Map<String, ModelStats> byProvider = new HashMap<>();
            s.byModelAndProvider().forEach((model, inner) -> inner.forEach((provider, stats) -> {
                models.merge(model, stats, ModelStats::plus);
                byProvider.merge(provider, stats, ModelStats::plus);
            }));
            assertEquals(s.byModel(), models);
            assertEquals(s.byProvider(), byProvider);
            assertTrue(s.byProvider().containsKey(StatsTable.OVERFLOW_KEY), s.byProvider().toString());
            assertTrue(s.byProvider().size() <= 4, "3 providers and (other): " + s.byProvider().keySet());
            assertEquals(42, s.totalRequests());
            // model-0 was recorded with all four providers: three cells and the over-limit one.
            assertEquals(java.util.Set.of("p-a", "p-b", "p-c", StatsTable.OVERFLOW_KEY),
                    s.byModelAndProvider().get("model-0").keySet());
            assertEquals(8, s.byModelAndProvider().get("model-0").values().stream().mapToLong(ModelStats::requestCount).sum());
            assertThrows(UnsupportedOperationException.class, () -> s.byModelAndProvider().get("model-0").clear());
        }
    }

    @Test
    void aBilledFailureCarriesItsTimingIntoTheEventAndTheLatencyFigures() {
        try (DefaultEventStore store = embedded(b -> b)) {
            store.recordLlmFailed(LlmUsage.builder("claude-3-haiku-20240307").inputTokens(100).outputTokens(50)
                    .reasoningTokens(10).duration(java.time.Duration.ofMillis(900))
                    .timeToFirstToken(java.time.Duration.ofMillis(200)).build(), "stream_interrupted", null);
            LlmRequestFailed f = (LlmRequestFailed) store.snapshotEvents().get(0).payload();
            assertEquals(java.time.Duration.ofMillis(900), f.duration());
            assertEquals(java.time.Duration.ofMillis(200), f.timeToFirstToken());
            ModelStats m = store.stats().byModel().get("claude-3-haiku-20240307");
            assertEquals(1, m.failedCount());
            assertEquals(10, m.reasoningTokens());
            assertEquals(1, m.latency().count());
            assertEquals(1, m.timeToFirstToken().count());
        }
    }

    @Test
    void aBilledFailureIsPricedExactlyAndCountedEverywhere() {
        // claude-3-haiku-20240307 in the embedded table: input 250,000,000 femto-USD per token
        // (0.25 microdollars), cache read 30,000,000 (0.03), output 1,250,000,000 (1.25).
        // 3,000 uncached x 0.25 + 1,000 cache reads x 0.03 + 2,000 output x 1.25
        // = 750 + 30 + 2,500 = 3,280 microdollars.
        try (DefaultEventStore store = embedded(b -> b.budget(Budget.ofMicros(1_000_000)))) {
            store.recordLlmFailed(LlmUsage.builder("claude-3-haiku-20240307").inputTokens(4_000).cacheReadTokens(1_000)
                    .outputTokens(2_000).agentId("agent-1").providerId("ip_anthropic_001").build(),
                    "stream_interrupted", "connection reset after 2,000 tokens");

            List<AnalyticsEvent> events = store.snapshotEvents();
            assertEquals(1, events.size());
            LlmRequestFailed f = (LlmRequestFailed) events.get(0).payload();
            assertEquals(new LlmRequestFailed(new LlmModelMeta("ip_anthropic_001", "anthropic", "claude-3-haiku-20240307"),
                    "stream_interrupted", "connection reset after 2,000 tokens", 4_000, 2_000, 1_000, 0, 0, 3_280), f);
            assertEquals("agent-1", events.get(0).agentId().orElseThrow());

            // Merged with i12/figures: a billed failure's cache and reasoning tokens count as a
            // completion's do (no timing given: empty latency).
            ModelStats expected = new ModelStats(1, 1, 4_000, 2_000, 3_280, 0, 1_000, 0, 0, 0,
                    LatencyStats.EMPTY, LatencyStats.EMPTY);
            ComputedStats s = store.stats();
            assertEquals(expected, s.byModel().get("claude-3-haiku-20240307"));
            assertEquals(expected, s.byProvider().get("anthropic"));
            assertEquals(expected, s.byAgent().get("agent-1"));
            assertEquals(3_280, s.totalCostMicros());
            assertEquals(1, s.failedRequests());
            assertEquals(1, s.totalRequests(), "a failure is one request, as before");
            assertEquals(3_280, store.budget().orElseThrow().spentMicros());
            assertTrue(store.accounting().balanced(), store.accounting().toString());
            assertEquals(1, store.accounting().recorded());
        }
    }

    @Test
    void billedFailuresCarryTheirRemainderLikeCompletions() {
        // gpt-4o-mini: input 150,000,000 femto-USD (0.15 microdollars). One input token each:
        // 0.15 microdollars per failure, so 20 failures are exactly 3 microdollars in all, the
        // sub-microdollar remainders carried from event to event (shared with completions).
        try (DefaultEventStore store = embedded(b -> b)) {
            for (int i = 0; i < 10; i++) {
                store.recordLlmFailed(LlmUsage.builder("gpt-4o-mini").inputTokens(1).build(), null, null);
                store.recordLlmCompleted(LlmUsage.builder("gpt-4o-mini").inputTokens(1).build());
            }
            assertEquals(3, store.stats().totalCostMicros());
            assertEquals(10, store.stats().failedRequests());
            assertEquals(20, store.stats().totalInputTokens());
        }
    }

    @Test
    void theOldFailureBillsNothing() {
        try (DefaultEventStore store = embedded(b -> b.budget(Budget.ofMicros(1_000)))) {
            store.recordLlmFailed("claude-3-haiku-20240307", "agent-1", null, "overloaded", null);
            LlmRequestFailed f = (LlmRequestFailed) store.snapshotEvents().get(0).payload();
            assertEquals(new LlmRequestFailed(f.meta(), "overloaded", null), f);
            assertEquals(new ModelStats(1, 1, 0, 0, 0, 0), store.stats().byAgent().get("agent-1"));
            assertEquals(0, store.budget().orElseThrow().spentMicros());
        }
    }

    @Test
    void aBilledFailureWithBadInputRecordsNothing() {
        try (DefaultEventStore store = embedded(b -> b.maxModels(4))) {
            assertThrows(NullPointerException.class, () -> store.recordLlmFailed(null, "e", null));
            // Cost overflows a long in femto-USD: rejected before anything is counted or admitted.
            LlmUsage huge = LlmUsage.builder("claude-3-opus-20240229").outputTokens(Long.MAX_VALUE / 2).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.recordLlmFailed(huge, "e", null));
            assertTrue(e.getMessage().contains("claude-3-opus-20240229"), e.getMessage());
            assertEquals(0, store.stats().totalRequests());
            assertEquals(0, store.size());
            assertTrue(store.stats().byModel().isEmpty(), "no key admitted: " + store.stats().byModel());
            assertEquals(0, store.accounting().recorded());
        }
    }

    @Test
    void aRecordedFailedEventWithUsageCountsItsTokensCostAndBudget() {
        try (DefaultEventStore store = embedded(b -> b.budget(Budget.ofMicros(1_000_000)))) {
            store.record(AnalyticsEvent.of(EventId.random(), 1_767_225_600_000L, "agent-2",
                    new LlmRequestFailed(new LlmModelMeta(null, "gemini", "gemini/gemini-2.0-flash"), "cut", null,
                            500, 70, 0, 0, 0, 42)));
            assertEquals(new ModelStats(1, 1, 500, 70, 42, 0), store.stats().byProvider().get("gemini"));
            assertEquals(new ModelStats(1, 1, 500, 70, 42, 0), store.stats().byAgent().get("agent-2"));
            assertEquals(42, store.budget().orElseThrow().spentMicros());
        }
    }

    // Regression (issue 12 review): a caller's provider name keyed the figures as given, so
    // "OpenAI" and "openai" (or LiteLLM's "azure_ai" and "azure") were two providers.
    @Test
    void aCallersProviderNameIsNormalisedLikeTheTables() {
        try (DefaultEventStore store = embedded(b -> b)) {
            for (String name : List.of("OpenAI", "openai", " OPENAI ")) {
                store.recordLlmCompleted(LlmUsage.builder("gpt-4o-mini").inputTokens(10).outputTokens(1)
                        .providerName(name).build());
            }
            store.recordLlmCompleted(LlmUsage.builder("my-deployment").inputTokens(10).outputTokens(1)
                    .providerName("Azure_AI").build());
            store.recordLlmCompleted(LlmUsage.builder("gemini/gemini-2.0-flash").inputTokens(10).outputTokens(1)
                    .providerName("GEMINI").build());
            Map<String, ModelStats> byProvider = store.stats().byProvider();
            assertEquals(Map.of("openai", 3L, "azure", 1L, "gemini", 1L),
                    Map.of("openai", byProvider.get("openai").requestCount(),
                            "azure", byProvider.get("azure").requestCount(),
                            "gemini", byProvider.get("gemini").requestCount()));
            assertEquals(3, byProvider.size(), byProvider.keySet().toString());
        }
    }
}
