package io.ironcage.analytics.core.json;

import static io.ironcage.analytics.core.json.EventJsonTest.BARE_META;
import static io.ironcage.analytics.core.json.EventJsonTest.OPENAI_META;
import static io.ironcage.analytics.core.json.EventJsonTest.event;
import static io.ironcage.analytics.core.json.EventJsonTest.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The Protocol 012 request body: exactly the ingestion endpoint's fields. */
class WireBodyTest {
    private static final String TOKEN = "ic_test_token";

    private static JsonNode wire(AnalyticsEvent e) {
        return EventJsonTest.JSON.readTree(new String(EventJson.wireBody(e, TOKEN), StandardCharsets.UTF_8));
    }

    @Test
    void completedEventHasExactlyTheContractFields() {
        AnalyticsEvent e = event("agent-1",
                new LlmRequestCompleted(OPENAI_META, 1_200, 300, 1_000, 0, 200, 1_234, true, "test-1"));
        JsonNode n = wire(e);
        assertEquals(Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model", "provider", "input_tokens",
                "output_tokens", "cost_micros", "provider_id"), names(n));
        assertEquals(TOKEN, n.get("ic_token").stringValue());
        assertEquals(e.eventId().toString(), n.get("event_id").stringValue());
        assertTrue(n.get("timestamp_ms").isIntegralNumber());
        assertEquals(e.timestampMs(), n.get("timestamp_ms").longValue());
        assertEquals("llm_request_completed", n.get("event_type").stringValue());
        assertEquals("gpt-4o-mini", n.get("model").stringValue());
        assertEquals("openai", n.get("provider").stringValue());
        assertEquals("ip_openai_001", n.get("provider_id").stringValue());
        assertTrue(n.get("input_tokens").isIntegralNumber());
        assertEquals(1_200, n.get("input_tokens").longValue());
        assertEquals(300, n.get("output_tokens").longValue());
        assertEquals(1_234, n.get("cost_micros").longValue());
    }

    @Test
    void providerIdIsOmittedWhenAbsent() {
        JsonNode n = wire(event(null, new LlmRequestCompleted(BARE_META, 1, 1, 1)));
        assertEquals(Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model", "provider", "input_tokens",
                "output_tokens", "cost_micros"), names(n));
        assertEquals("anthropic", n.get("provider").stringValue());
    }

    @Test
    void failedEventHasErrorFieldsAndNoTokenFields() {
        JsonNode n = wire(event("agent-1", new LlmRequestFailed(OPENAI_META, "rate_limit_exceeded", "slow down")));
        assertEquals(Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model", "provider", "provider_id",
                "error_code", "error_message"), names(n));
        assertEquals("llm_request_failed", n.get("event_type").stringValue());
        assertEquals("rate_limit_exceeded", n.get("error_code").stringValue());
        assertEquals("slow down", n.get("error_message").stringValue());
    }

    @Test
    void aBilledFailureSendsNoTokensAndARealProviderIsSentAsTheContractSays() {
        // The event keeps the real provider and the billed usage; the contract's failed event has
        // neither tokens nor cost, and only openai, anthropic or unknown as provider.
        JsonNode n = wire(event(null, new LlmRequestFailed(new LlmModelMeta(null, "gemini", "gemini/gemini-2.0-flash"),
                "stream_interrupted", null, 4_000, 2_000, 0, 0, 0, 3_280)));
        assertEquals(Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model", "provider", "error_code"),
                names(n));
        assertEquals("unknown", n.get("provider").stringValue());
        for (String real : new String[] {"vertex_ai", "bedrock", "azure", "deepseek", "mistral"}) {
            JsonNode c = wire(event(null, new LlmRequestCompleted(new LlmModelMeta(null, real, "m"), 1, 1, 1)));
            assertEquals("unknown", c.get("provider").stringValue(), real);
        }
        assertEquals("openai", wire(event(null, new LlmRequestCompleted(new LlmModelMeta(null, "openai", "m"), 1, 1, 1)))
                .get("provider").stringValue());
    }

    @Test
    void failedEventWithoutOptionalsOmitsThem() {
        JsonNode n = wire(event(null, new LlmRequestFailed(BARE_META, null, null)));
        assertEquals(Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model", "provider"), names(n));
    }

    @Test
    void noNullsAndNoAgentOnTheWire() {
        // The server derives the agent from the token, never from the body.
        for (AnalyticsEvent e : new AnalyticsEvent[] {
                event("agent-1", new LlmRequestCompleted(BARE_META, 1, 1, 1)),
                event("agent-1", new LlmRequestFailed(BARE_META, null, "m"))}) {
            JsonNode n = wire(e);
            assertFalse(n.has("agent_id"), n.toString());
            for (String name : n.propertyNames()) {
                assertFalse(n.get(name).isNull(), name);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"openai, openai", "anthropic, anthropic", "unknown, unknown", "OpenAI, openai",
            "ANTHROPIC, anthropic", "google, unknown", "azure-openai, unknown", "mistral, unknown"})
    void providerOutsideTheServersSetIsSentAsUnknown(String recorded, String sent) {
        AnalyticsEvent completed = event(null, new LlmRequestCompleted(new LlmModelMeta(null, recorded, "m"), 1, 1, 1));
        AnalyticsEvent failed = event(null, new LlmRequestFailed(new LlmModelMeta(null, recorded, "m"), null, null));
        assertEquals(sent, wire(completed).get("provider").stringValue());
        assertEquals(sent, wire(failed).get("provider").stringValue());
    }

    @Test
    void nonLlmEventsNeverGoOnTheWire() {
        for (AnalyticsEvent e : new AnalyticsEvent[] {event(null, new BudgetThresholdReached(1, 1, 1)),
                event(null, new RouterStarted(1)), event(null, new RouterStopped(1, 1))}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> EventJson.wireBody(e, TOKEN));
            assertTrue(x.getMessage().contains(e.payload().eventType()), x.getMessage());
        }
    }

    @Test
    void theTokenIsSentAsGivenAndEscaped() {
        String token = "tok\"with\\quotes";
        JsonNode n = EventJsonTest.JSON.readTree(EventJson.wireBody(event(null,
                new LlmRequestCompleted(BARE_META, 1, 1, 1)), token));
        assertEquals(token, n.get("ic_token").stringValue());
    }

    @Test
    void bodyIsUtf8() {
        AnalyticsEvent e = event(null, new LlmRequestFailed(BARE_META, null, "Überlastet ✓"));
        byte[] body = EventJson.wireBody(e, TOKEN);
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("Überlastet ✓"));
        assertEquals("Überlastet ✓", EventJsonTest.JSON.readTree(body).get("error_message").stringValue());
    }

    @Test
    void nullArgumentsAreRejected() {
        AnalyticsEvent e = event(null, new LlmRequestCompleted(BARE_META, 1, 1, 1));
        assertThrows(NullPointerException.class, () -> EventJson.wireBody(null, TOKEN));
        assertThrows(NullPointerException.class, () -> EventJson.wireBody(e, null));
    }
}
