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
