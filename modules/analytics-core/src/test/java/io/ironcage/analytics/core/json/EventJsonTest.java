package io.ironcage.analytics.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.EventPayload;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The full JSON form: exact round trips, Protocol 012 names, absent optionals omitted. */
class EventJsonTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final LlmModelMeta OPENAI_META = LlmModelMeta.of("ip_openai_001", Provider.OPENAI, "gpt-4o-mini");
    static final LlmModelMeta BARE_META = LlmModelMeta.of(null, Provider.ANTHROPIC, "claude-3-opus-20240229");

    static AnalyticsEvent event(String agent, EventPayload payload) {
        return AnalyticsEvent.of(EventId.random(), 1_732_000_000_123L, agent, payload);
    }

    static Stream<AnalyticsEvent> everyKind() {
        return Stream.of(
                event("agent-1", new LlmRequestCompleted(OPENAI_META, 1_200, 300, 1_000, 0, 200, 1_234, true, "test-1")),
                event(null, new LlmRequestCompleted(BARE_META, 1_250, 300, 1_000, 200, 0, 0, false, null)),
                event(null, new LlmRequestCompleted(OPENAI_META, 11, 1, 1)),
                event("agent-2", new LlmRequestCompleted(LlmModelMeta.of(null, Provider.UNKNOWN, "llama-3-70b"),
                        Long.MAX_VALUE, 0, 0, 0, 0, Long.MAX_VALUE, true, null)),
                event("agent-1", new LlmRequestFailed(OPENAI_META, "rate_limit_exceeded", "Rate limit \"reached\"\n")),
                event(null, new LlmRequestFailed(BARE_META, null, null)),
                event(null, new LlmRequestFailed(BARE_META, "x".repeat(5_000), "ünïcödé ✓ \u0000 \t")),
                // A billed failure (issue 12): its usage and cost round-trip; a real provider name too.
                event("agent-4", new LlmRequestFailed(new LlmModelMeta("ip_g", "gemini", "gemini/gemini-2.0-flash"),
                        "stream_interrupted", null, 4_000, 2_000, 1_000, 500, 300, 3_280)),
                event(null, new LlmRequestFailed(BARE_META, null, null, 0, 0, 0, 0, 0, 7)),
                event("agent-3", new BudgetThresholdReached(80, 8_000_000, 10_000_000)),
                event(null, new BudgetThresholdReached(0, 0, 0)),
                event(null, new RouterStarted(45_297)),
                event(null, new RouterStarted(0)),
                event(null, new RouterStopped(12, 34_567)),
                AnalyticsEvent.of(EventId.random(), 0L, null, new RouterStopped(0, 0)),
                AnalyticsEvent.of(EventId.random(), -5L, null, new RouterStarted(65_535)));
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    static Set<String> names(JsonNode n) {
        return Set.copyOf(n.propertyNames());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsExactly(AnalyticsEvent e) {
        String json = EventJson.toJson(e);
        AnalyticsEvent back = EventJson.fromJson(json);
        assertEquals(e, back);
        assertEquals(e.payload(), back.payload());
        assertEquals(json, EventJson.toJson(back), "writing is deterministic");
    }

    @Test
    void readingGivesANewUnsyncedEvent() {
        AnalyticsEvent e = event(null, new RouterStarted(1));
        AnalyticsEvent back = EventJson.fromJson(EventJson.toJson(e));
        assertNotSame(e, back);
        assertFalse(back.isSynced());
    }

    @Test
    void completedEventUsesProtocol012Names() {
        AnalyticsEvent e = event("agent-1", new LlmRequestCompleted(OPENAI_META, 1_200, 300, 1_000, 50, 200, 1_234,
                true, "test-1"));
        JsonNode n = tree(EventJson.toJson(e));
        assertEquals(e.eventId().toString(), n.get("event_id").stringValue());
        assertTrue(n.get("timestamp_ms").isIntegralNumber());
        assertEquals(1_732_000_000_123L, n.get("timestamp_ms").longValue());
        assertEquals("agent-1", n.get("agent_id").stringValue());
        assertEquals("llm_request_completed", n.get("event_type").stringValue());
        assertEquals("ip_openai_001", n.get("provider_id").stringValue());
        assertEquals("openai", n.get("provider").stringValue());
        assertEquals("gpt-4o-mini", n.get("model").stringValue());
        assertEquals(1_200, n.get("input_tokens").longValue());
        assertEquals(300, n.get("output_tokens").longValue());
        assertEquals(1_234, n.get("cost_micros").longValue());
        assertEquals(1_000, n.get("cache_read_tokens").longValue());
        assertEquals(50, n.get("cache_write_tokens").longValue());
        assertEquals(200, n.get("reasoning_tokens").longValue());
        assertTrue(n.get("priced").booleanValue());
        assertEquals("test-1", n.get("pricing_revision").stringValue());
        assertEquals(Set.of("event_id", "timestamp_ms", "agent_id", "event_type", "provider_id", "provider", "model",
                "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
                "cost_micros", "priced", "pricing_revision"), names(n));
    }

    @Test
    void failedEventUsesProtocol012Names() {
        AnalyticsEvent e = event("agent-1", new LlmRequestFailed(OPENAI_META, "rate_limit_exceeded", "slow down"));
        JsonNode n = tree(EventJson.toJson(e));
        assertEquals("llm_request_failed", n.get("event_type").stringValue());
        assertEquals("rate_limit_exceeded", n.get("error_code").stringValue());
        assertEquals("slow down", n.get("error_message").stringValue());
        assertEquals(Set.of("event_id", "timestamp_ms", "agent_id", "event_type", "provider_id", "provider", "model",
                "error_code", "error_message"), names(n));
    }

    @Test
    void localEventTypesAndFields() {
        JsonNode budget = tree(EventJson.toJson(event(null, new BudgetThresholdReached(80, 8, 10))));
        assertEquals("budget_threshold_reached", budget.get("event_type").stringValue());
        assertEquals(Set.of("event_id", "timestamp_ms", "event_type", "threshold_percent", "current_spend_micros",
                "budget_micros"), names(budget));
        assertEquals(80, budget.get("threshold_percent").intValue());
        JsonNode started = tree(EventJson.toJson(event(null, new RouterStarted(8080))));
        assertEquals("router_started", started.get("event_type").stringValue());
        assertEquals(8080, started.get("port").intValue());
        JsonNode stopped = tree(EventJson.toJson(event(null, new RouterStopped(3, 4))));
        assertEquals("router_stopped", stopped.get("event_type").stringValue());
        assertEquals(Set.of("event_id", "timestamp_ms", "event_type", "total_requests", "total_cost_micros"),
                names(stopped));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void absentOptionalsAreOmittedNotNullAndNamesAreSnakeCase(AnalyticsEvent e) {
        JsonNode n = tree(EventJson.toJson(e));
        for (String name : n.propertyNames()) {
            assertFalse(n.get(name).isNull(), name + " is null in " + n);
            assertTrue(name.matches("[a-z][a-z0-9_]*"), "not snake_case: " + name);
        }
        assertEquals(e.agentId().isPresent(), n.has("agent_id"));
    }

    @Test
    void anEventWithoutOptionalsHasNoOptionalFields() {
        JsonNode c = tree(EventJson.toJson(event(null, new LlmRequestCompleted(BARE_META, 1, 1, 0, 0, 0, 0, false,
                null))));
        assertFalse(c.has("agent_id"));
        assertFalse(c.has("provider_id"));
        assertFalse(c.has("pricing_revision"));
        assertFalse(c.get("priced").booleanValue());
        JsonNode f = tree(EventJson.toJson(event(null, new LlmRequestFailed(BARE_META, null, null))));
        assertEquals(Set.of("event_id", "timestamp_ms", "event_type", "provider", "model"), names(f));
    }

    @Test
    void theProviderIsKeptAsRecordedInTheFullForm() {
        AnalyticsEvent e = event(null, new LlmRequestCompleted(new LlmModelMeta(null, "google", "gemini-pro"), 1, 1, 1));
        assertEquals("google", tree(EventJson.toJson(e)).get("provider").stringValue());
        assertEquals(e, EventJson.fromJson(EventJson.toJson(e)));
    }

    // ---------------------------------------------------------------- reading optional fields

    @Test
    void readerDefaultsForFieldsAnOlderWriterLeftOut() {
        String id = EventId.random().toString();
        AnalyticsEvent e = EventJson.fromJson("{\"event_id\":\"" + id + "\",\"timestamp_ms\":5,"
                + "\"event_type\":\"llm_request_completed\",\"provider\":\"openai\",\"model\":\"gpt-4\","
                + "\"input_tokens\":10,\"output_tokens\":2,\"cost_micros\":7}");
        assertEquals(AnalyticsEvent.of(EventId.parse(id), 5, null,
                new LlmRequestCompleted(LlmModelMeta.of(null, Provider.OPENAI, "gpt-4"), 10, 2, 7)), e);
    }

    @Test
    void explicitNullsReadAsAbsent() {
        String id = EventId.random().toString();
        AnalyticsEvent e = EventJson.fromJson("{\"event_id\":\"" + id + "\",\"timestamp_ms\":5,\"agent_id\":null,"
                + "\"event_type\":\"llm_request_failed\",\"provider\":\"openai\",\"model\":\"gpt-4\","
                + "\"provider_id\":null,\"error_code\":null,\"error_message\":null}");
        assertEquals(AnalyticsEvent.of(EventId.parse(id), 5, null,
                new LlmRequestFailed(LlmModelMeta.of(null, Provider.OPENAI, "gpt-4"), null, null)), e);
    }

    // ---------------------------------------------------------------- bad input

    private static ObjectNode valid() {
        return (ObjectNode) tree(EventJson.toJson(event("agent-1",
                new LlmRequestCompleted(OPENAI_META, 10, 2, 0, 0, 0, 7, true, "test-1"))));
    }

    private static void assertRejected(String json, String... mention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventJson.fromJson(json));
        for (String m : mention) {
            assertTrue(e.getMessage().contains(m), "\"" + m + "\" not in: " + e.getMessage());
        }
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected("{", "parse");
        assertRejected("not json", "parse");
        assertRejected("[1, 2]", "object");
        assertRejected("\"text\"", "object");
        assertRejected("null", "object");
        assertRejected("", "");
        assertThrows(NullPointerException.class, () -> EventJson.fromJson(null));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        for (String field : List.of("event_id", "timestamp_ms", "event_type", "model", "provider", "input_tokens",
                "output_tokens", "cost_micros")) {
            ObjectNode n = valid();
            n.remove(field);
            assertRejected(n.toString(), "\"" + field + "\"");
        }
    }

    @Test
    void wrongTypesAreNamed() {
        assertRejected(valid().put("timestamp_ms", "123").toString(), "timestamp_ms");
        assertRejected(valid().put("input_tokens", 1.5).toString(), "input_tokens");
        assertRejected(valid().put("output_tokens", "2").toString(), "output_tokens");
        assertRejected(valid().put("cost_micros", true).toString(), "cost_micros");
        assertRejected(valid().put("model", 5).toString(), "model");
        assertRejected(valid().put("provider", false).toString(), "provider");
        assertRejected(valid().put("agent_id", 1).toString(), "agent_id");
        assertRejected(valid().put("provider_id", 1).toString(), "provider_id");
        assertRejected(valid().put("priced", "yes").toString(), "priced");
        assertRejected(valid().put("pricing_revision", 3).toString(), "pricing_revision");
        assertRejected(valid().put("cache_read_tokens", "x").toString(), "cache_read_tokens");
        assertRejected(valid().put("event_type", 1).toString(), "event_type");
        assertRejected(valid().put("event_id", 1).toString(), "event_id");
    }

    @Test
    void numbersBeyondTheirRangeAreNamed() {
        assertRejected(valid().put("input_tokens", new java.math.BigInteger("99999999999999999999")).toString(),
                "input_tokens");
        String budget = EventJson.toJson(event(null, new BudgetThresholdReached(80, 8, 10)));
        ObjectNode b = (ObjectNode) tree(budget);
        assertRejected(b.put("threshold_percent", 4_294_967_376L).toString(), "threshold_percent");
        ObjectNode r = (ObjectNode) tree(EventJson.toJson(event(null, new RouterStarted(80))));
        assertRejected(r.put("port", 4_294_967_376L).toString(), "port");
    }

    @Test
    void invalidValuesAreRejected() {
        assertRejected(valid().put("event_id", "not-a-uuid").toString(), "not-a-uuid");
        assertRejected(valid().put("event_type", "llm_request_exploded").toString(), "event_type",
                "llm_request_exploded");
        assertRejected(valid().put("input_tokens", -1).toString(), "inputTokens", "-1");
        assertRejected(valid().put("model", "").toString(), "model");
        assertRejected(valid().put("cache_read_tokens", 11).toString(), "cacheReadTokens", "11");
        ObjectNode b = (ObjectNode) tree(EventJson.toJson(event(null, new BudgetThresholdReached(80, 8, 10))));
        assertRejected(b.put("threshold_percent", 101).toString(), "thresholdPercent", "101");
        ObjectNode r = (ObjectNode) tree(EventJson.toJson(event(null, new RouterStarted(80))));
        assertRejected(r.put("port", 70_000).toString(), "port", "70000");
    }

    @Test
    void toJsonRejectsNull() {
        assertThrows(NullPointerException.class, () -> EventJson.toJson(null));
    }
}
