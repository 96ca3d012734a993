package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.LoopbackServer.Reply;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review of the actor split, end to end through the public handle: an observer whose callback for
 * a CANCELLED attempt throws a VirtualMachineError (which SyncReporter lets through) after every
 * event was given back. Pre-split, run()'s catch called finish() a second time, which published
 * STOPPED and answered the stop with the run's result. Post-split, finish() is idempotent and the
 * status snapshot is never republished.
 */
@Timeout(30)
class SyncFinishFailureReviewTest {
    private LoopbackServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    // Regression (issue 11 review): after stop() returned, client.status() still says RUNNING with 3 requests in flight (status never republished once giveEverythingBack threw after the give-back)
    @Test
    void afterAStopWhoseCancelReportFailedTheStatusShowsTheRunStopped() {
        server.respond((r, s) -> Reply.of(202, "{}").delayed(10_000));
        AtomicBoolean thrown = new AtomicBoolean();
        SyncObserver failsOnCancel = new SyncObserver() {
            @Override
            public void attempt(SyncAttempt attempt) {
                if (attempt.outcome() == SyncAttempt.Outcome.CANCELLED && thrown.compareAndSet(false, true)) {
                    throw new InternalError("observer failure (once)");
                }
            }
        };
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofSeconds(20)),
                failsOnCancel);
        SyncHandle handle = client.start();
        recordCompleted(store, 3, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().inFlight() == 3);

        SyncResult result = handle.stop(Duration.ofMillis(200));
        assertEquals(new SyncResult(0, 0, 0, 3), result);
        assertConservation(store, 3, 0, 3, 0, 0, 0); // the events are back in the buffer

        SyncStatus status = client.status();
        assertEquals(SyncState.STOPPED, status.state(), "the run is over: " + status);
        assertEquals(0, status.inFlight(), "nothing in flight after stop returned: " + status);
    }
}
