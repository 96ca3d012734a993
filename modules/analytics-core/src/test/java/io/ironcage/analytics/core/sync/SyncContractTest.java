package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.completed;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;
import static org.mockserver.model.JsonBody.json;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.MatchType;
import org.mockserver.model.HttpRequest;
import org.mockserver.verify.VerificationTimes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire contract (Protocol 012 as the server really behaves) against MockServer: method, path,
 * content type, the exact body of each event kind, providers, per-agent tokens, and what the
 * client makes of each documented response.
 */
@Timeout(30)
class SyncContractTest {
    private static final String PATH = "/api/v1/analytics/events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ClientAndServer mock;

    @BeforeAll
    static void startMockServer() {
        mock = ClientAndServer.startClientAndServer(0);
    }

    @AfterAll
    static void stopMockServer() {
        mock.stop();
    }

    @BeforeEach
    void reset() {
        mock.reset();
    }

    private static String url() {
        return "http://localhost:" + mock.getLocalPort();
    }

    private static void answerAll(int status, String body) {
        mock.when(request().withMethod("POST").withPath(PATH))
                .respond(response().withStatusCode(status).withHeader("Content-Type", "application/json")
                        .withBody(body));
    }

    private static HttpRequest[] received() {
        return mock.retrieveRecordedRequests(request().withPath(PATH));
    }

    private static JsonNode bodyOf(HttpRequest r) {
        return JSON.readTree(r.getBodyAsString());
    }

    private static SyncResult syncOnce(DefaultEventStore store, SyncConfig config) {
        return client(store, config, SyncObserver.NONE).syncNow();
    }

    @Test
    void completedEventIsOnePostWithTheExactBody() {
        answerAll(202, "{\"event_id\":\"x\",\"status\":\"accepted\"}");
        DefaultEventStore store = store(100);
        AnalyticsEvent e = AnalyticsEvent.of(EventId.random(), 1_767_225_600_123L, "agent-7",
                new LlmRequestCompleted(new LlmModelMeta("ip_openai_001", "openai", "gpt-4o"), 1200, 340, 4321));
        store.record(e);

        assertEquals(new SyncResult(1, 0, 0, 0), syncOnce(store, config(url())));

        HttpRequest[] got = received();
        assertEquals(1, got.length);
        assertEquals("POST", got[0].getMethod().getValue());
        assertEquals(PATH, got[0].getPath().getValue());
        assertEquals("application/json", got[0].getFirstHeader("Content-Type"));
        String expected = """
                {"ic_token":"%s","event_id":"%s","timestamp_ms":1767225600123,
                 "event_type":"llm_request_completed","model":"gpt-4o","provider":"openai",
                 "provider_id":"ip_openai_001","input_tokens":1200,"output_tokens":340,"cost_micros":4321}
                """.formatted(SyncFixtures.TOKEN, e.eventId());
        assertEquals(JSON.readTree(expected), bodyOf(got[0]));
        mock.verify(request().withMethod("POST").withPath(PATH).withHeader("Content-Type", "application/json")
                .withBody(json(expected, MatchType.STRICT)), VerificationTimes.once());
        assertTrue(e.isSynced());
        assertConservation(store, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void failedEventOmitsAbsentFieldsAndTokenCounts() {
        answerAll(202, "{\"event_id\":\"x\",\"status\":\"accepted\"}");
        DefaultEventStore store = store(100);
        AnalyticsEvent bare = AnalyticsEvent.of(EventId.random(), 1_767_225_600_000L, null,
                new LlmRequestFailed(new LlmModelMeta(null, "anthropic", "claude-3-opus-20240229"),
                        "rate_limit_exceeded", null));
        AnalyticsEvent full = AnalyticsEvent.of(EventId.random(), 1_767_225_600_001L, null,
                new LlmRequestFailed(new LlmModelMeta("ip_anthropic_002", "anthropic", "claude-3-opus-20240229"),
                        "overloaded", "Overloaded, try again"));
        store.record(bare);
        store.record(full);

        assertEquals(new SyncResult(2, 0, 0, 0), syncOnce(store, config(url())));

        Map<String, JsonNode> byId = Arrays.stream(received()).map(SyncContractTest::bodyOf)
                .collect(Collectors.toMap(j -> j.get("event_id").asString(), j -> j));
        assertEquals(JSON.readTree("""
                {"ic_token":"%s","event_id":"%s","timestamp_ms":1767225600000,
                 "event_type":"llm_request_failed","model":"claude-3-opus-20240229","provider":"anthropic",
                 "error_code":"rate_limit_exceeded"}
                """.formatted(SyncFixtures.TOKEN, bare.eventId())), byId.get(bare.eventId().toString()));
        assertEquals(JSON.readTree("""
                {"ic_token":"%s","event_id":"%s","timestamp_ms":1767225600001,
                 "event_type":"llm_request_failed","model":"claude-3-opus-20240229","provider":"anthropic",
                 "provider_id":"ip_anthropic_002","error_code":"overloaded","error_message":"Overloaded, try again"}
                """.formatted(SyncFixtures.TOKEN, full.eventId())), byId.get(full.eventId().toString()));
        for (HttpRequest r : received()) {
            assertFalse(r.getBodyAsString().contains("null"), "never null: " + r.getBodyAsString());
        }
    }

    @Test
    void providersOutsideTheServersListAreSentAsUnknown() {
        answerAll(202, "{\"event_id\":\"x\",\"status\":\"accepted\"}");
        DefaultEventStore store = store(100);
        store.record(completed(null, "gpt-4o", "azure"));
        store.record(completed(null, "claude-3-haiku", "Anthropic"));
        store.record(completed(null, "llama-3", "unknown"));

        assertEquals(new SyncResult(3, 0, 0, 0), syncOnce(store, config(url())));

        Map<String, String> providerByModel = Arrays.stream(received()).map(SyncContractTest::bodyOf)
                .collect(Collectors.toMap(j -> j.get("model").asString(), j -> j.get("provider").asString()));
        assertEquals(Map.of("gpt-4o", "unknown", "claude-3-haiku", "anthropic", "llama-3", "unknown"),
                providerByModel);
    }

    @Test
    void realProvidersStayInTheUsersFiguresAndGoOnTheWireAsTheContractSays() {
        answerAll(202, "{\"event_id\":\"x\",\"status\":\"accepted\"}");
        // The embedded table: gemini/... is gemini, deepseek/... deepseek, claude-3-haiku anthropic.
        DefaultEventStore store = io.ironcage.analytics.core.Assembly.newStore(io.ironcage.analytics.StoreConfig.builder()
                .name("sync-contract-providers").capacity(100).jmx(false).build(), false);
        store.recordLlmCompleted(LlmUsage.builder("gemini/gemini-2.0-flash").inputTokens(1_000).outputTokens(100).build());
        store.recordLlmCompleted(LlmUsage.builder("deepseek/deepseek-chat").inputTokens(1_000).outputTokens(100).build());
        store.recordLlmCompleted(LlmUsage.builder("my-llama").providerName("bedrock").inputTokens(10).build());
        store.recordLlmCompleted(LlmUsage.builder("gpt-4o-mini").inputTokens(10).build());
        // A billed failure: its tokens and cost stay local, the contract's failed event has none.
        store.recordLlmFailed(LlmUsage.builder("claude-3-haiku-20240307").inputTokens(4_000).outputTokens(2_000).build(),
                "stream_interrupted", null);
        assertEquals(Set.of("gemini", "deepseek", "bedrock", "openai", "anthropic"), store.stats().byProvider().keySet());
        assertEquals(3_500, store.stats().byProvider().get("anthropic").costMicros());

        assertEquals(new SyncResult(5, 0, 0, 0), syncOnce(store, config(url())));

        Map<String, JsonNode> byModel = Arrays.stream(received()).map(SyncContractTest::bodyOf)
                .collect(Collectors.toMap(j -> j.get("model").asString(), j -> j));
        Map<String, String> providerByModel = byModel.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("provider").asString()));
        assertEquals(Map.of("gemini/gemini-2.0-flash", "unknown", "deepseek/deepseek-chat", "unknown",
                "my-llama", "unknown", "gpt-4o-mini", "openai", "claude-3-haiku-20240307", "anthropic"), providerByModel);
        JsonNode failed = byModel.get("claude-3-haiku-20240307");
        assertEquals(Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model", "provider", "error_code"),
                java.util.stream.StreamSupport.stream(failed.propertyNames().spliterator(), false).collect(Collectors.toSet()),
                "a failed event carries no tokens or cost on the wire: " + failed);
        assertEquals("llm_request_failed", failed.get("event_type").asString());
        store.close();
    }

    @Test
    void eachEventGoesWithItsAgentsToken() {
        answerAll(202, "{\"event_id\":\"x\",\"status\":\"accepted\"}");
        DefaultEventStore store = store(100);
        AnalyticsEvent a = completed("agent-a");
        AnalyticsEvent b = completed("agent-b");
        AnalyticsEvent other = completed("agent-without-own-token");
        AnalyticsEvent none = completed(null);
        for (AnalyticsEvent e : List.of(a, b, other, none)) {
            store.record(e);
        }
        Map<String, String> tokens = Map.of("agent-a", "ic_token_a", "agent-b", "ic_token_b");

        assertEquals(new SyncResult(4, 0, 0, 0), syncOnce(store, config(url()).withTokenForAgent(tokens::get)));

        Map<String, String> tokenById = Arrays.stream(received()).map(SyncContractTest::bodyOf)
                .collect(Collectors.toMap(j -> j.get("event_id").asString(), j -> j.get("ic_token").asString()));
        assertEquals(Map.of(a.eventId().toString(), "ic_token_a", b.eventId().toString(), "ic_token_b",
                other.eventId().toString(), SyncFixtures.TOKEN, none.eventId().toString(), SyncFixtures.TOKEN),
                tokenById);
    }

    @Test
    void onlyLlmEventsGoOnTheWire() {
        answerAll(202, "{\"event_id\":\"x\",\"status\":\"accepted\"}");
        DefaultEventStore store = store(100);
        store.recordRouterStarted(8080);
        store.recordBudgetThreshold(80, 8_000_000, 10_000_000, "agent-1");
        AnalyticsEvent llm = completed("agent-1");
        store.record(llm);
        store.recordRouterStopped();

        assertEquals(new SyncResult(1, 0, 0, 0), syncOnce(store, config(url())));

        HttpRequest[] got = received();
        assertEquals(1, got.length);
        assertEquals(llm.eventId().toString(), bodyOf(got[0]).get("event_id").asString());
        assertConservation(store, 4, 1, 3, 0, 0, 0); // the 3 local events stay in the store
    }

    /** The response table of the contract, one row per documented answer. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            202 | {"event_id":"e","status":"accepted"}                                   | DELIVERED    | 1 | 0 | 0 | 0
            200 | {"event_id":"e","status":"duplicate"}                                  | DUPLICATE    | 0 | 1 | 0 | 0
            400 | {"error":"VALIDATION_ERROR","message":"timestamp_ms out of range"}     | REJECTED     | 0 | 0 | 1 | 0
            400 | {"error":"INVALID_TOKEN","message":"Invalid agent_id format in token"} | AUTH_FAILED  | 0 | 0 | 0 | 1
            401 | {"error":"UNAUTHORIZED","message":"Invalid or expired IC token"}       | AUTH_FAILED  | 0 | 0 | 0 | 1
            403 | {"error":"FORBIDDEN"}                                                  | AUTH_FAILED  | 0 | 0 | 0 | 1
            429 | {"error":"RATE_LIMITED"}                                               | RATE_LIMITED | 0 | 0 | 0 | 1
            500 | {"error":"DATABASE_ERROR","message":"connection pool exhausted"}       | RETRY        | 0 | 0 | 0 | 1
            """)
    void responseTable(int status, String body, SyncAttempt.Outcome outcome, long delivered, long duplicates,
                       long rejected, long remaining) {
        answerAll(status, body);
        DefaultEventStore store = store(100);
        AnalyticsEvent e = completed("agent-1");
        store.record(e);
        RecordingObserver obs = new RecordingObserver();
        SyncConfig config = config(url()).withTimeout(Duration.ofMillis(400));

        SyncResult result = client(store, config, obs).syncNow();

        assertEquals(new SyncResult(delivered, duplicates, rejected, remaining), result);
        SyncAttempt first = obs.attempts.peek();
        assertEquals(outcome, first.outcome());
        assertEquals(status, first.statusCode());
        assertFalse(first.retry());
        boolean kept = remaining == 1;
        assertEquals(kept ? Set.of(e.eventId().toString()) : Set.of(), SyncFixtures.bufferedIds(store),
                "undelivered events are back in the store");
        assertEquals(delivered + duplicates == 1, e.isSynced());
        assertConservation(store, 1, delivered + duplicates, kept ? 1 : 0, rejected, 0, 0);
        if (remaining == 0) {
            assertEquals(1, received().length, "a delivered or rejected event is sent once");
        }
    }
}
