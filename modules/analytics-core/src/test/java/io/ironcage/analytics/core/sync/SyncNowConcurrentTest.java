package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * D1: a {@code syncNow()} that finds another {@code syncNow()}'s temporary run holding the store
 * (the server is slow, so that run flushes for its whole timeout
 * and then for up to the answer grace) waits for it at most its own
 * timeout, and nothing is lost or left in flight.
 */
@Timeout(30)
class SyncNowConcurrentTest {
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
    void aSyncNowBehindAnotherTemporaryRunIsAnsweredWithinItsTimeout() throws Exception {
        server.respond((r, s) -> LoopbackServer.Reply.of(503, "{}").delayed(5_000));
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofMillis(500)),
                SyncObserver.NONE);
        recordCompleted(store, 1, null);
        CompletableFuture<SyncResult> first = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> first.complete(client.syncNow()));
        await().atMost(Duration.ofSeconds(5)).until(() -> SyncRun.holding(store) != null); // it holds the store

        long t0 = System.nanoTime();
        SyncResult second = client.syncNow();
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        // Its own 500 ms timeout plus scheduling slack; without the bound it waited for the other run.
        assertTrue(tookMillis < 2_000, "the second syncNow() took " + tookMillis + " ms (timeout 500 ms)");
        assertEquals(1, second.remaining(), "the event is still undelivered: " + second);
        assertEquals(1, first.get(10, TimeUnit.SECONDS).remaining());
        assertConservation(store, 1, 0, 1, 0, 0, 0);
    }
}
