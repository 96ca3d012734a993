package io.ironcage.analytics.core.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The IC tokens never reach the logs, even when a server echoes them back in its error messages,
 * through 401 pauses, a rejection and recovery; nor the client's or its status's text.
 */
class SyncSecretsTest {
    static {
        // The core module does not read java.logging; tests capture the JUL records of the
        // library's System.Logger through a filter lambda, spun after this read edge exists.
        SyncSecretsTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    private static final String AGENT_TOKEN = "ic_agent-secret-31d0e2";
    private static final List<String> LOGGERS = List.of("io.ironcage.analytics.sync",
            "io.ironcage.analytics.core.jmx.SyncMBeans");
    // Strong references: java.util.logging holds loggers weakly, and a collected logger would come
    // back without the capture filter.
    private final List<Logger> held = LOGGERS.stream().map(Logger::getLogger).toList();

    /**
     * Every kind of answer, each field echoing the token that was sent (and a long tail): no text the
     * client keeps or reports shows a token, and each is clipped. The 400 with an unknown error code
     * used to put the server's text, whole, into lastError.
     */
    @Test
    void serverTextsAreRedactedAndClippedForEveryKindOfAnswer() throws Exception {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Filter capture = r -> {
            String text = r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters());
            lines.add(text + (r.getThrown() == null ? "" : " " + r.getThrown()));
            return false;
        };
        Filter[] previous = new Filter[LOGGERS.size()];
        Level[] previousLevel = new Level[LOGGERS.size()];
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger l = held.get(i);
            previous[i] = l.getFilter();
            previousLevel[i] = l.getLevel();
            l.setLevel(Level.ALL);
            l.setFilter(capture);
        }
        String tail = "x".repeat(5000);
        // Each answer kind, as a function of the token the request carried.
        java.util.Map<String, java.util.function.Function<String, LoopbackServer.Reply>> kinds =
                new java.util.LinkedHashMap<>();
        kinds.put("202", t -> LoopbackServer.Reply.of(202, echo(t, "accepted", tail)).header("X-Echo", t));
        kinds.put("200 duplicate", t -> LoopbackServer.Reply.of(200, "{\"event_id\":\"" + t + "\",\"status\":"
                + "\"duplicate\",\"message\":\"" + t + tail + "\"}"));
        kinds.put("400 validation", t -> LoopbackServer.Reply.of(400, "{\"error\":\"VALIDATION_ERROR\",\"message\":\""
                + t + " " + t + tail + "\"}"));
        kinds.put("400 invalid token", t -> LoopbackServer.Reply.of(400, "{\"error\":\"INVALID_TOKEN\","
                + "\"message\":\"" + t + tail + "\"}"));
        kinds.put("400 unknown error", t -> LoopbackServer.Reply.of(400, echo(t, t, tail)));
        kinds.put("400 long error", t -> LoopbackServer.Reply.of(400, "{\"error\":\"" + tail + t + "\"}"));
        kinds.put("401", t -> LoopbackServer.Reply.of(401, echo(t, t, tail)));
        kinds.put("403", t -> LoopbackServer.Reply.of(403, echo(t, t, tail)));
        kinds.put("413", t -> LoopbackServer.Reply.of(413, echo(t, t, tail)));
        kinds.put("422", t -> LoopbackServer.Reply.of(422, echo(t, t, tail)));
        kinds.put("429", t -> LoopbackServer.Reply.of(429, echo(t, t, tail)).header("Retry-After", t + tail));
        kinds.put("500", t -> LoopbackServer.Reply.of(500, echo(t, t, tail)));
        kinds.put("503", t -> LoopbackServer.Reply.of(503, echo(t, t, tail)).header("Retry-After", t));
        kinds.put("302", t -> LoopbackServer.Reply.of(302, echo(t, t, tail)).header("Location", "http://x/" + t));
        List<String> texts = new java.util.ArrayList<>();
        try (LoopbackServer server = LoopbackServer.start()) {
            for (var kind : kinds.entrySet()) {
                {
                    server.respond((r, s) -> kind.getValue().apply(r.token()));
                    RecordingObserver obs = new RecordingObserver();
                    DefaultEventStore store = SyncFixtures.store(100);
                    SyncConfig config = SyncFixtures.config(server.url())
                            .withTokenForAgent(a -> a.equals("agent-b") ? AGENT_TOKEN : null);
                    ActorSyncClient client = SyncFixtures.client(store, config, obs);
                    SyncHandle handle = client.start();
                    // One event with the configuration's token, one with the agent's.
                    SyncFixtures.record(store, List.of(SyncFixtures.completed(null), SyncFixtures.completed("agent-b")));
                    await().atMost(Duration.ofSeconds(5)).until(() -> obs.attempts.size() >= 2
                            && client.status().inFlight() == 0);
                    SyncStatus status = client.status();
                    String label = kind.getKey();
                    for (String text : java.util.Arrays.asList(status.lastError(), status.lastRejectionReason())) {
                        if (text != null) {
                            assertTrue(text.length() <= 300, label + ": not clipped (" + text.length() + " chars)");
                        }
                    }
                    texts.add(label + ": " + status + " " + client);
                    handle.stop(Duration.ofMillis(100));
                    obs.changes.forEach(c -> texts.add(label + ": change " + c));
                    obs.attempts.forEach(a -> texts.add(label + ": attempt " + a));
                    assertTrue(obs.attempts.stream().allMatch(a -> a.detail() == null || a.detail().length() <= 300),
                            label + ": attempt detail not clipped");
                }
            }
            assertTrue(server.requests.stream().anyMatch(r -> AGENT_TOKEN.equals(r.token())),
                    "the agent's own token was really sent");
        } finally {
            for (int i = 0; i < LOGGERS.size(); i++) {
                Logger l = held.get(i);
                l.setFilter(previous[i]);
                l.setLevel(previousLevel[i]);
            }
        }
        assertFalse(lines.isEmpty(), "the capture saw the sync's log lines");
        texts.addAll(lines);
        for (String secret : List.of(SyncFixtures.TOKEN, AGENT_TOKEN)) {
            for (String text : texts) {
                assertFalse(text.contains(secret), "a token shows: " + text);
            }
        }
    }

    private static String echo(String token, String error, String tail) {
        return "{\"event_id\":\"" + token + "\",\"status\":\"" + token + "\",\"error\":\"" + error
                + "\",\"message\":\"" + token + tail + "\",\"ic_token\":\"" + token + "\"}";
    }

    @Test
    void tokensNeverAppearInLogsOrTexts() throws Exception {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Filter capture = r -> {
            String text = r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters());
            lines.add(text + (r.getThrown() == null ? "" : " " + r.getThrown()));
            return false; // keep the console quiet
        };
        Filter[] previous = new Filter[LOGGERS.size()];
        Level[] previousLevel = new Level[LOGGERS.size()];
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger l = held.get(i);
            previous[i] = l.getFilter();
            previousLevel[i] = l.getLevel();
            l.setLevel(Level.ALL);
            l.setFilter(capture);
        }
        AtomicInteger n = new AtomicInteger();
        try (LoopbackServer server = LoopbackServer.start();
             DefaultEventStore store = SyncFixtures.store(100)) {
            // First two answers: 401 echoing the token; then a rejection echoing it; then the real server.
            server.respond((r, s) -> switch (n.incrementAndGet()) {
                case 1, 2 -> LoopbackServer.Reply.of(401,
                        "{\"error\":\"UNAUTHORIZED\",\"message\":\"Invalid or expired IC token " + r.token() + "\"}");
                case 3 -> LoopbackServer.Reply.of(400,
                        "{\"error\":\"VALIDATION_ERROR\",\"message\":\"bad event for token " + r.token() + "\"}");
                default -> s.real(r);
            });
            SyncConfig config = SyncFixtures.config(server.url())
                    .withTokenForAgent(agent -> agent.equals("agent-b") ? AGENT_TOKEN : null);
            ActorSyncClient client = SyncFixtures.client(store, config, SyncObserver.NONE);
            SyncHandle handle = client.start();
            SyncFixtures.record(store, List.of(SyncFixtures.completed("agent-a"), SyncFixtures.completed("agent-b"),
                    SyncFixtures.completed("agent-a"), SyncFixtures.completed("agent-b")));
            await().atMost(Duration.ofSeconds(15)).until(() -> client.status().delivered() + client.status().rejected() == 4);
            String clientText = client + " " + client.status() + " " + handle + " " + config;
            SyncResult result = handle.stop(Duration.ofSeconds(5));

            assertEquals(1, result.rejected(), "the third answer rejected one event");
            assertEquals(3, result.delivered() + result.duplicates());
            assertTrue(server.requests.stream().anyMatch(r -> AGENT_TOKEN.equals(r.token())),
                    "the agent's own token was really sent");
            assertFalse(lines.isEmpty(), "the capture saw the sync's log lines");
            for (String secret : List.of(SyncFixtures.TOKEN, AGENT_TOKEN)) {
                for (String line : lines) {
                    assertFalse(line.contains(secret), "a log line shows a token: " + line);
                }
                assertFalse(clientText.contains(secret), "a toString shows a token: " + clientText);
            }
        } finally {
            for (int i = 0; i < LOGGERS.size(); i++) {
                Logger l = held.get(i);
                l.setFilter(previous[i]);
                l.setLevel(previousLevel[i]);
            }
        }
    }
}
