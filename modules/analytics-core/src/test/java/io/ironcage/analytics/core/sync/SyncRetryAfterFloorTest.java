package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.Assembly;
import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * D6: a server that answers every request with 429 and {@code Retry-After: 0} still gets
 * requests spaced by at least the configured initial back-off, not one request after another.
 */
@Timeout(30)
class SyncRetryAfterFloorTest {
    private LoopbackServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aRetryAfterOfZeroIsFlooredAtTheInitialBackoff() {
        server.respond((r, s) -> LoopbackServer.Reply.of(429, "{\"error\":\"RATE_LIMITED\"}")
                .header("Retry-After", "0"));
        DefaultEventStore store = store(100);
        SyncConfig config = config(server.url()).withRetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        ActorSyncClient client = (ActorSyncClient) Assembly.newSyncClient(store, config, SyncTuning.forConfig(config),
                SyncObserver.NONE);
        SyncHandle handle = client.start();
        try {
            recordCompleted(store, 1, null);
            // Watch one second of traffic, measured by the server's own receive times.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<LoopbackServer.Received> rs = server.requests();
                return rs.size() >= 2 && rs.getLast().atNanos() - rs.getFirst().atNanos() >= 1_000_000_000L;
            });
        } finally {
            handle.stop(Duration.ofMillis(100));
        }
        List<LoopbackServer.Received> rs = server.requests();
        long first = rs.getFirst().atNanos();
        long inFirstSecond = rs.stream().filter(r -> r.atNanos() - first < 1_000_000_000L).count();
        // 200 ms apart: about 5 in a second; without the floor, hundreds.
        assertTrue(inFirstSecond <= 12, inFirstSecond + " requests in 1 s against Retry-After: 0");
        for (int i = 1; i < rs.size(); i++) {
            long gapMillis = (rs.get(i).atNanos() - rs.get(i - 1).atNanos()) / 1_000_000;
            assertTrue(gapMillis >= 150, "request " + i + " came " + gapMillis + " ms after the previous one");
        }
        assertConservation(store, 1, 0, 1, 0, 0, 0);
    }
}
