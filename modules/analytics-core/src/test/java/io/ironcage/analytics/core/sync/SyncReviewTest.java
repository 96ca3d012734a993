package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Adversarial review of the sync side of the buffer rewrite (the ledger's held registry, item
 * 18): each test here fails against the current code and names the promise it breaks.
 */
@Timeout(30)
class SyncReviewTest {
    private LoopbackServer server;
    private SyncHandle handle;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        if (handle != null) {
            handle.close();
        }
        server.close();
    }

    /**
     * Breaks the actor's crash promise ("sync actor failed; giving every held event back to the
     * store", SyncActor.run) and with it item 18 and the ledger's contract (an event leaves the
     * held registry "when it is delivered, rejected or given back"). Between
     * {@code store.claimForSync()} and {@code inFlight.add(attempt)} the actor calls the user's
     * per-agent token function; {@code tokenFor} catches only RuntimeException, so an Error from
     * it (here an AssertionError) kills the actor. {@code finish()} gives back what is in
     * {@code inFlight}, {@code retry} and the pauses, but the claimed event is in none of them:
     * it stays "in flight" in the ledger (and in its held registry) forever, with no actor to
     * settle it. No later run can see it (it is not in the buffer), so it is never delivered,
     * and {@code unsyncedCount()} / {@code accounting().inFlight()} stay at 1 at rest.
     */
    @Test
    void aCrashedActorGivesBackTheEventItWasClaiming() {
        DefaultEventStore store = store(100);
        SyncConfig crashing = config(server.url()).withTokenForAgent(agent -> {
            throw new AssertionError("bug in the per-agent token function");
        });
        AnalyticsEvent e = SyncFixtures.completed("agent-1");
        store.record(e);
        ActorSyncClient c = client(store, crashing, SyncObserver.NONE);
        handle = c.start(); // the initial demand claims e; the token function then throws
        await().atMost(Duration.ofSeconds(5)).until(() -> c.status().state() == SyncState.STOPPED);

        EventAccounting a = store.accounting();
        List<AnalyticsEvent> buffered = store.snapshotEvents();
        // A healthy client afterwards must be able to deliver it.
        client(store, config(server.url()), SyncObserver.NONE).syncNow();
        EventAccounting after = store.accounting();
        assertAll(
                () -> assertEquals(0, a.inFlight(), "in flight with no actor running: " + a),
                () -> assertEquals(List.of(e), buffered, "the claimed event is given back to the buffer"),
                () -> assertEquals(Set.of(e.eventId().toString()), server.storedIds(),
                        "a later run delivers it; accounting after it: " + after),
                () -> assertEquals(0, store.unsyncedCount(), "unsynced at rest after the later run: " + after));
    }
    /**
     * Breaks item 19 ("keep them ... never unsynced"): {@code SyncStatus.backlog} (and the Sync
     * MXBean's {@code getBacklog}) is documented as "events waiting for delivery", but it is
     * computed as {@code store.size() + retrying} (SyncActor.status, ActorSyncClient.status), and
     * {@code size()} now includes local events, which are never sent. A store holding only a
     * router-started and a budget-threshold event reports a backlog of 2 although nothing waits
     * for delivery ({@code unsyncedCount()} is 0).
     */
    @Test
    void localEventsAreNeverPartOfTheSyncBacklog() {
        DefaultEventStore store = store(100);
        store.recordRouterStarted(8080);
        store.recordBudgetThreshold(80, 8_000_000, 10_000_000, null);
        assertEquals(0, store.unsyncedCount(), "setup: local events are never unsynced");
        ActorSyncClient c = client(store, config(server.url()), SyncObserver.NONE);
        long stoppedBacklog = c.status().backlog();
        handle = c.start();
        long runningBacklog = c.status().backlog();
        assertAll(
                () -> assertEquals(0, stoppedBacklog, "backlog of a stopped client"),
                () -> assertEquals(0, runningBacklog, "backlog of a running client"));
    }
}
