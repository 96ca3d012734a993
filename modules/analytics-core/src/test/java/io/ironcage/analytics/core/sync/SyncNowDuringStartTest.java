package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review of the fix/sync merge: a {@code syncNow()} that races a {@code start()} (or a long
 * {@code stop()}) of the same client.
 *
 * <p>Breaks the project standard "no stalls" and the promise that a {@code syncNow()} is always
 * answered (issue item 3: "A stop() or syncNow() ... is never answered"; docs/sync.md: a cycle
 * answers "at the latest after timeout()").
 *
 * <p>Between {@code SyncRun.start()} putting the new run into {@code ACTIVE} ({@code register()})
 * and {@code ActorSyncClient.start()} publishing it in {@code current}, a concurrent
 * {@code syncNow()} sees no live run, builds a temporary run, and that run's {@code register()}
 * finds the live run of the same client and calls {@code awaitTermination()} on it: it waits, with
 * no deadline, until someone stops the long-lived run. The test seam only widens that window (the
 * start thread pauses at its "thread" step); the same interleaving happens with two plain threads.
 * The same unbounded wait happens behind a run that is stopping with a long deadline (second test).
 */
@Timeout(30)
class SyncNowDuringStartTest {
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
    void aSyncNowRacingStartIsAnsweredWithinItsTimeout() throws Exception {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(1000)
                .withTimeout(Duration.ofMillis(500)), SyncObserver.NONE);
        AtomicReference<Thread> starter = new AtomicReference<>();
        CountDownLatch inStart = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client.startFault(step -> {
            if (step.equals("thread") && Thread.currentThread() == starter.get()) {
                inStart.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<SyncHandle> started = new CompletableFuture<>();
        Thread a = Thread.ofVirtual().unstarted(() -> started.complete(client.start()));
        starter.set(a);
        a.start();
        assertTrue(inStart.await(5, TimeUnit.SECONDS), "start() reached its last step");

        recordCompleted(store, 1, null);
        CompletableFuture<SyncResult> cycle = new CompletableFuture<>();
        Thread b = Thread.ofVirtual().start(() -> cycle.complete(client.syncNow()));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.getState() == Thread.State.WAITING
                || b.getState() == Thread.State.TIMED_WAITING || cycle.isDone());
        release.countDown(); // start() completes normally: the run is live and published
        SyncHandle handle = started.get(5, TimeUnit.SECONDS);
        try {
            // The timeout is 500 ms; 3 s is generous for a cycle of one event on loopback.
            SyncResult r = cycle.get(3, TimeUnit.SECONDS);
            assertEquals(0, r.remaining(), "the cycle delivered the buffered event: " + r);
        } catch (TimeoutException stalled) {
            boolean inAwaitTermination = java.util.Arrays.stream(b.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("awaitTermination"));
            throw new AssertionError("syncNow() racing start() was not answered within 3 s (timeout 500 ms); "
                    + "its thread is " + b.getState() + (inAwaitTermination ? " in SyncRun.awaitTermination" : "")
                    + " on the live run", stalled);
        } finally {
            handle.stop(Duration.ofSeconds(2)); // releases the stalled syncNow
            cycle.get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The same wait, behind a stop that is still flushing: a {@code syncNow()} that comes after
     * {@code stop(1 h)} was asked (the server is failing, so the flush waits out each back-off
     * until its deadline) builds a temporary run whose {@code register()} waits for the stopping
     * run to end: an hour, not the syncNow's own 500 ms timeout.
     */
    @Test
    void aSyncNowDuringALongStopIsAnsweredWithinItsTimeout() throws Exception {
        server.respond((r, s) -> LoopbackServer.Reply.of(503, "{}"));
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofMillis(500)),
                SyncObserver.NONE);
        SyncHandle handle = client.start();
        recordCompleted(store, 1, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.BACKING_OFF);
        CompletableFuture<SyncResult> longStop = new CompletableFuture<>();
        Thread stopper = Thread.ofVirtual().start(() -> longStop.complete(handle.stop(Duration.ofHours(1))));
        await().atMost(Duration.ofSeconds(5)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);

        CompletableFuture<SyncResult> cycle = new CompletableFuture<>();
        Thread b = Thread.ofVirtual().start(() -> cycle.complete(client.syncNow()));
        try {
            SyncResult r = cycle.get(3, TimeUnit.SECONDS);
            assertEquals(1, r.remaining(), "the event is still undelivered (the server answers 503): " + r);
        } catch (TimeoutException stalled) {
            boolean inAwaitTermination = java.util.Arrays.stream(b.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("awaitTermination"));
            throw new AssertionError("syncNow() during a stop(1 h) was not answered within 3 s (timeout 500 ms); "
                    + "its thread is " + b.getState() + (inAwaitTermination ? " in SyncRun.awaitTermination" : "")
                    + " on the stopping run", stalled);
        } finally {
            handle.stop(Duration.ofMillis(100)); // the earliest deadline wins: ends the long stop
            longStop.get(5, TimeUnit.SECONDS);
            cycle.get(5, TimeUnit.SECONDS);
        }
    }
}
