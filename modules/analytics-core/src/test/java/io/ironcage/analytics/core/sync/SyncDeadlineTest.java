package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.LoopbackServer.Reply;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlines: of one exchange (headers and body), of stop and syncNow, however late or huge. */
@Timeout(30)
class SyncDeadlineTest {
    private LoopbackServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /**
     * 202 headers, then silence: the whole exchange (body included) is bounded by the timeout,
     * so the slot frees, the state says why, and the event is delivered once the server behaves.
     */
    @Test
    void aServerThatGoesQuietAfterTheHeadersTimesOutAndIsRetried() {
        AtomicBoolean quiet = new AtomicBoolean(true);
        server.respond((r, s) -> quiet.get()
                ? Reply.of(202, "{\"event_id\":\"" + r.eventId() + "\",\"status\":\"accepted\"}").stalled(20_000)
                : s.real(r));
        DefaultEventStore store = store(100);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()).withMaxInFlight(2)
                .withTimeout(Duration.ofMillis(400)), obs);
        SyncHandle handle = client.start();
        Set<String> ids = recordCompleted(store, 3, null);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.BACKING_OFF);
        SyncStatus s = client.status();
        assertNotNull(s.lastError(), "lastError says why: " + s);
        assertTrue(s.lastError().contains("timeout"), "lastError: " + s.lastError());
        assertTrue(obs.attempts(SyncAttempt.Outcome.RETRY).stream().anyMatch(a -> a.detail().contains("timeout")),
                () -> "attempts: " + obs.attempts);

        quiet.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedIds().equals(ids)
                && client.status().inFlight() == 0 && client.status().retrying() == 0);
        SyncResult result = handle.stop(Duration.ofSeconds(5));
        assertEquals(3, result.delivered() + result.duplicates(), "each event counted once: " + result);
        assertConservation(store, 3, 3, 0, 0, 0, 0);
    }

    /** ChronoUnit.FOREVER as a stop deadline: saturated, never an ArithmeticException. */
    @Test
    void stopWithAnEndlessDeadlineStopsAndAnswers() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        SyncHandle handle = client.start();
        recordCompleted(store, 2, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 2);
        assertEquals(new SyncResult(2, 0, 0, 0), handle.stop(ChronoUnit.FOREVER.getDuration()));
        assertEquals(SyncState.STOPPED, client.status().state());
    }

    /** An endless request timeout: syncNow (running or temporary) answers, never overflows. */
    @Test
    @SuppressWarnings("try") // the handle only scopes the run
    void syncNowWithAnEndlessTimeoutAnswers() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(1000)
                .withTimeout(ChronoUnit.FOREVER.getDuration()), SyncObserver.NONE);
        recordCompleted(store, 2, null);
        assertEquals(new SyncResult(2, 0, 0, 0), client.syncNow(), "temporary run");
        try (SyncHandle ignored = client.start()) {
            recordCompleted(store, 1, null);
            assertEquals(new SyncResult(1, 0, 0, 0), client.syncNow(), "running actor");
        }
    }

    /**
     * A stop and a syncNow that reach the actor after it drained its mailbox for the last time (here:
     * while it reports STOPPED, in the middle of finishing) are answered at once, not after their
     * deadline plus the grace with a fallback.
     */
    @Test
    void aStopAndASyncNowArrivingWhileTheActorFinishesAreAnswered() throws Exception {
        DefaultEventStore store = store(100);
        AtomicReference<SyncRun> run = new AtomicReference<>();
        CompletableFuture<SyncResult> lateStop = new CompletableFuture<>();
        CompletableFuture<SyncResult> lateSyncNow = new CompletableFuture<>();
        SyncObserver onStopped = new SyncObserver() {
            @Override
            public void stateChanged(SyncState from, SyncState to, String reason) {
                if (to != SyncState.STOPPED) {
                    return;
                }
                // On the actor thread, inside finish(): post both and hold the actor until both wait.
                Thread a = Thread.ofVirtual().start(() -> lateStop.complete(run.get().stop(Duration.ofMillis(200))));
                Thread b = Thread.ofVirtual().start(() -> lateSyncNow.complete(run.get().syncNow()));
                await().atMost(Duration.ofSeconds(5)).until(() -> waiting(a) && waiting(b));
            }
        };
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofMillis(300)), onStopped);
        run.set((SyncRun) client.start());
        recordCompleted(store, 2, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 2);

        SyncResult first = run.get().stop(Duration.ofSeconds(2));
        assertEquals(new SyncResult(2, 0, 0, 0), first);
        long t0 = System.nanoTime();
        assertEquals(first, lateStop.get(3, TimeUnit.SECONDS), "the late stop gets the run's result");
        SyncResult cycle = lateSyncNow.get(3, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(new SyncResult(0, 0, 0, 0), cycle, "nothing delivered by the late cycle, nothing left");
        assertTrue(ms < 1000, "the late callers waited " + ms + " ms beyond the first stop");
    }

    /** A second stop with a shorter deadline shortens the flush: the earliest deadline wins. */
    @Test
    void aSecondStopWithAShorterDeadlineWins() throws Exception {
        server.respond((r, s) -> Reply.of(202, "{}").delayed(10_000));
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofSeconds(20)),
                SyncObserver.NONE);
        SyncHandle handle = client.start();
        Set<String> ids = recordCompleted(store, 3, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().inFlight() == 3);

        CompletableFuture<SyncResult> longStop = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> longStop.complete(handle.stop(Duration.ofSeconds(20))));
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting(t));
        long t0 = System.nanoTime();
        SyncResult result = handle.stop(Duration.ofMillis(200));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "the 200 ms stop took " + ms + " ms");
        assertEquals(new SyncResult(0, 0, 0, 3), result);
        assertEquals(result, longStop.get(2, TimeUnit.SECONDS), "the first caller is answered too");
        assertEquals(ids, SyncFixtures.bufferedIds(store));
        assertConservation(store, 3, 0, 3, 0, 0, 0);
    }

    /** Parked on a reply future, so its message is in the mailbox. */
    private static boolean waiting(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.TIMED_WAITING || s == Thread.State.WAITING;
    }
}
