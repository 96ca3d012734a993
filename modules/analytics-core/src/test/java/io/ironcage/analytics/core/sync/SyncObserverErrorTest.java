package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review of the fix/sync merge: an {@link Error} thrown by the {@link SyncObserver} (the
 * monitoring hook given to {@code SyncClients.create}, documented in docs/sync.md "Observability
 * hooks"; its javadoc: "an exception it throws is logged once and otherwise ignored").
 *
 * <p>{@code SyncReporter.attempt} and {@code SyncReporter.state} catch {@link RuntimeException}
 * only. An {@code AssertionError} (an {@code assert} in the user's observer) escapes into
 * {@code SyncActor.run()}, which ends the actor; its {@code finish()} calls the observer again for
 * every cancelled request and fails on the first, so the other requests in flight are never given
 * back. The same hole item 6 closed for the per-agent token function ("an Error ... loses an event
 * the actor already claimed; inFlight stays at 1 forever"), on the observer's path. Breaks "never
 * lose an event" (inFlight not 0 at rest) and "no stalls" (one observer Error ends sync for good
 * while the application still holds a handle it believes is running).
 */
@Timeout(30)
class SyncObserverErrorTest {
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
     * An observer whose {@code attempt} always throws an {@code AssertionError}, three requests in
     * flight: every event must still end up delivered (or given back), nothing left in flight.
     */
    @Test
    void anErrorFromTheObserverLosesNoEvent() throws Exception {
        server.respond((r, s) -> s.real(r).delayed(300)); // stored at once, answered 300 ms later
        SyncObserver failing = new SyncObserver() {
            @Override
            public void attempt(SyncAttempt attempt) {
                throw new AssertionError("observer bug");
            }
        };
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withMaxInFlight(3), failing);
        SyncHandle handle = client.start();
        Set<String> ids = recordCompleted(store, 3, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedIds().equals(ids));
        // The stop's deadline is far beyond the 300 ms answers: a working actor settles them all.
        handle.stop(Duration.ofSeconds(3));
        assertConservation(store, 3, 3, 0, 0, 0, 0);
    }

    /**
     * An observer that throws an {@code AssertionError} once: the run must go on delivering (the
     * application's handle still says running; nothing restarts the actor).
     */
    @Test
    void anErrorFromTheObserverDoesNotEndTheRun() {
        AtomicBoolean thrown = new AtomicBoolean();
        SyncObserver failingOnce = new SyncObserver() {
            @Override
            public void attempt(SyncAttempt attempt) {
                if (thrown.compareAndSet(false, true)) {
                    throw new AssertionError("observer bug");
                }
            }
        };
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()), failingOnce);
        SyncHandle handle = client.start();
        recordCompleted(store, 1, null);
        await().atMost(Duration.ofSeconds(5)).until(thrown::get);
        Set<String> later = recordCompleted(store, 2, null);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.storedIds().containsAll(later));
        } catch (ConditionTimeoutException notDelivered) {
            SyncStatus s = client.status();
            handle.stop(Duration.ofSeconds(2));
            fail("events recorded after one observer Error were not delivered within 5 s; status " + s
                    + ", handle " + handle + ", buffered " + store.bufferedForSync());
        }
        handle.stop(Duration.ofSeconds(2));
    }
}
