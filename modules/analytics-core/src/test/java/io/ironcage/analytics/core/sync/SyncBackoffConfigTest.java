package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.Assembly;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.LoopbackServer.Reply;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SyncConfig.withRetryBackoff reaches the actor through the public factory (no test tuning). */
@Timeout(30)
class SyncBackoffConfigTest {
    private LoopbackServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** A long configured back-off: after one failure the next attempt is minutes away, not 0.5 s. */
    @Test
    void aLongConfiguredBackoffKeepsTheRetryWaiting() {
        server.respond((r, s) -> Reply.of(503, "{\"error\":\"UNAVAILABLE\"}"));
        DefaultEventStore store = store(100);
        SyncConfig cfg = config(server.url()).withRetryBackoff(Duration.ofMinutes(10), Duration.ofMinutes(15));
        ActorSyncClient client = (ActorSyncClient) Assembly.newSyncClient(store, cfg);
        SyncHandle handle = client.start();
        recordCompleted(store, 1, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.BACKING_OFF);
        Instant next = client.status().nextAttempt();
        assertNotNull(next);
        // 10 min with equal jitter: at least 5 min away.
        assertTrue(next.isAfter(Instant.now().plus(Duration.ofMinutes(4))), "next attempt at " + next);
        assertEquals(1, server.requests().size(), "no second attempt yet");
        assertEquals(new SyncResult(0, 0, 0, 1), handle.stop(Duration.ofMillis(200)));
    }

    /**
     * A tiny configured back-off: three failures in a row cost milliseconds (the default schedule,
     * 0.25-0.5 s, then 0.5-1 s, then 1-2 s, would need at least 1.75 s).
     */
    @Test
    @SuppressWarnings("try") // the handle only scopes the run
    void aShortConfiguredBackoffRetriesQuickly() {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        server.respond((r, s) -> failuresLeft.getAndDecrement() > 0 ? Reply.of(500, "{}") : s.real(r));
        DefaultEventStore store = store(100);
        SyncConfig cfg = config(server.url()).withRetryBackoff(Duration.ofMillis(5), Duration.ofMillis(10));
        ActorSyncClient client = (ActorSyncClient) Assembly.newSyncClient(store, cfg);
        try (SyncHandle ignored = client.start()) {
            Set<String> ids = recordCompleted(store, 1, null);
            await().atMost(Duration.ofMillis(1500)).until(() -> server.storedIds().equals(ids));
            assertEquals(4, server.requests().size());
        }
    }
}
