package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** start(): racing callers, and a start that fails part-way. */
@Timeout(60)
class SyncStartTest {
    private LoopbackServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** Callers racing start(): one run, one HTTP client; the losers leave no selector thread behind. */
    @Test
    void racingStartsLeaveNoHttpClientBehind() throws Exception {
        // A clean baseline: clients closed by earlier tests may take a moment to end their selector.
        await().atMost(Duration.ofSeconds(5)).until(() -> httpClientThreads() == 0);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int round = 0; round < 5; round++) {
                ActorSyncClient client = client(store(100), config(server.url()), SyncObserver.NONE);
                CyclicBarrier barrier = new CyclicBarrier(callers);
                List<Future<SyncHandle>> handles = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    handles.add(pool.submit(() -> {
                        barrier.await();
                        return client.start();
                    }));
                }
                SyncHandle first = handles.get(0).get();
                for (Future<SyncHandle> h : handles) {
                    assertSame(first, h.get(), "every racing caller gets the one run");
                }
                assertEquals(1, httpClientThreads(), "one HTTP client (one selector thread) while running");
                first.close();
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> httpClientThreads() == 0);
    }

    /**
     * Each step of start() failing in turn (the shutdown hook's registration fails for real during
     * JVM shutdown): start throws a clear error, leaves nothing registered, and a later start works.
     */
    @Test
    void aStartThatFailsPartWayUndoesEverythingAndALaterStartWorks() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withShutdownHook(true), SyncObserver.NONE);
        int recorded = 0;
        for (String step : SyncRun.START_STEPS) {
            client.startFault(s -> {
                if (s.equals(step)) {
                    throw new IllegalStateException("Shutdown in progress");
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, client::start, step);
            assertTrue(e.getMessage().contains(store.name()) && e.getMessage().contains("Shutdown in progress"),
                    step + ": " + e.getMessage());
            assertEquals(SyncState.STOPPED, client.status().state(), step);
            recordCompleted(store, 1, null);
            recorded++;
            await().atMost(Duration.ofSeconds(5)).until(() -> httpClientThreads() == 0);
            int before = recorded - 1;
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> server.storedCount() == before); // nothing runs after a failed start

            client.startFault(null);
            SyncHandle handle = assertTimeoutPreemptively(Duration.ofSeconds(5), client::start,
                    step + ": a later start must not wait for the failed one");
            int expected = recorded;
            client.syncNow();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == expected);
            handle.close();
        }
        // Another client can take the store: the failed runs are not registered for it.
        ActorSyncClient other = client(store, config(server.url()), SyncObserver.NONE);
        other.start().close();
        assertConservation(store, recorded, recorded, 0, 0, 0, 0);
    }

    static long httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("HttpClient-")).count();
    }
}
