package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.Assembly;
import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.bufferedIds;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.LoopbackServer.Reply;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, triggering, stopping; the disabled client; the shutdown hook; what is left behind. */
@Timeout(30)
@SuppressWarnings("try") // try-with-resources scopes a running client; the handle itself is not used
class SyncLifecycleTest {
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
    void aDisabledConfigMakesAClientThatDoesNothing() {
        DefaultEventStore store = store(100);
        recordCompleted(store, 3, null);
        for (SyncConfig disabled : List.of(SyncConfig.disabled(), SyncConfig.of("", ""), SyncConfig.of("  ", "x"))) {
            SyncClient client = Analytics.newSyncClient(store, disabled);
            assertEquals(SyncResult.NONE, client.syncNow());
            SyncHandle handle = client.start();
            assertEquals(SyncResult.NONE, handle.stop(Duration.ofSeconds(1)));
            handle.close();
        }
        assertEquals(3, store.size(), "nothing was taken from the store");
        assertEquals(0, server.requests().size());
    }

    @Test
    void theServiceLoaderPathMakesTheActorClient() {
        DefaultEventStore store = store(100);
        Set<String> ids = recordCompleted(store, 2, "agent-1");
        SyncClient client = Analytics.newSyncClient(store, config(server.url()));
        assertInstanceOf(ActorSyncClient.class, client);
        assertEquals(new SyncResult(2, 0, 0, 0), client.syncNow());
        assertEquals(ids, server.storedIds());
    }

    @Test
    void aStoreOfAnotherImplementationIsRefusedClearly() {
        EventStore foreign = (EventStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EventStore.class}, (p, m, a) -> null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Assembly.newSyncClient(foreign, config(server.url())));
        assertTrue(e.getMessage().contains("Analytics.newStore"), e.getMessage());
        assertFalse(e.getMessage().contains(SyncFixtures.TOKEN));
    }

    @Test
    void startTwiceGivesTheSameHandleAndAStoppedClientCanStartAgain() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        SyncHandle first = client.start();
        assertSame(first, client.start());
        recordCompleted(store, 2, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 2);
        assertEquals(new SyncResult(2, 0, 0, 0), first.stop(Duration.ofSeconds(2)));
        assertEquals(SyncState.STOPPED, client.status().state());

        SyncHandle second = client.start();
        assertNotSame(first, second);
        recordCompleted(store, 3, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 5);
        second.close();
        assertConservation(store, 5, 5, 0, 0, 0, 0);
    }

    @Test
    void extremeDurationsDoNotOverflow() {
        DefaultEventStore store = store(100);
        // A threshold above what is recorded: the deliveries belong to the syncNow() cycle, not to
        // a threshold drive that could finish before the cycle begins.
        SyncConfig config = config(server.url()).withInterval(Duration.ofDays(365L * 1000))
                .withTimeout(Duration.ofDays(365L * 1000)).withShutdownTimeout(Duration.ofDays(365L * 1000))
                .withBatchThreshold(1_000);
        ActorSyncClient client = client(store, config, SyncObserver.NONE);
        SyncHandle handle = client.start();
        try {
            recordCompleted(store, 2, null);
            assertEquals(new SyncResult(2, 0, 0, 0), client.syncNow());
            assertEquals(new SyncResult(2, 0, 0, 0), handle.stop(Duration.ofDays(365L * 1000)));
        } finally {
            handle.stop(Duration.ofSeconds(5)); // a failed assertion must not leave the client running
        }
    }

    @Test
    void closeIsIdempotentAndStopAfterStopAnswersTheSame() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        SyncHandle handle = client.start();
        recordCompleted(store, 4, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 4);
        handle.close();
        handle.close();
        assertEquals(new SyncResult(4, 0, 0, 0), handle.stop(Duration.ofSeconds(1)));
        assertEquals(SyncState.STOPPED, client.status().state());
    }

    @Test
    void syncNowWithoutStartRunsOneTemporaryCycle() {
        DefaultEventStore store = store(100);
        Set<String> ids = recordCompleted(store, 5, "agent-1");
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        assertEquals(new SyncResult(5, 0, 0, 0), client.syncNow());
        assertEquals(ids, server.storedIds());
        assertEquals(SyncState.STOPPED, client.status().state(), "nothing keeps running");

        recordCompleted(store, 1, "agent-1");
        assertEquals(new SyncResult(1, 0, 0, 0), client.syncNow(), "each call is a fresh cycle");
        assertConservation(store, 6, 6, 0, 0, 0, 0);
    }

    @Test
    void syncNowWithTheServerDownReturnsWithinItsTimeoutAndKeepsEveryEvent() {
        server.down();
        DefaultEventStore store = store(100);
        Set<String> ids = recordCompleted(store, 5, "agent-1");
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofMillis(500)),
                SyncObserver.NONE);
        long t0 = System.nanoTime();
        assertEquals(new SyncResult(0, 0, 0, 5), client.syncNow());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "syncNow took " + ms + " ms with a 500 ms timeout");
        assertEquals(ids, bufferedIds(store));
        assertConservation(store, 5, 0, 5, 0, 0, 0);
    }

    @Test
    void syncNowOnARunningActorWaitsForItsCycle() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(1000), SyncObserver.NONE);
        try (SyncHandle ignored = client.start()) {
            Set<String> ids = recordCompleted(store, 3, null);
            assertEquals(new SyncResult(3, 0, 0, 0), client.syncNow());
            assertEquals(ids, server.storedIds());
        }
    }

    @Test
    void theBatchThresholdTriggersASyncBeforeTheInterval() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(5), SyncObserver.NONE);
        try (SyncHandle ignored = client.start()) {
            recordCompleted(store, 4, null);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> server.storedCount() == 0);
            Set<String> ids = recordCompleted(store, 1, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 5);
            assertTrue(server.storedIds().containsAll(ids));
        }
    }

    @Test
    void theTimerSyncsWhatStaysBelowTheThreshold() {
        DefaultEventStore store = store(100);
        SyncConfig config = config(server.url()).withBatchThreshold(1000).withInterval(Duration.ofMillis(200));
        ActorSyncClient client = client(store, config, SyncObserver.NONE);
        try (SyncHandle ignored = client.start()) {
            Set<String> ids = recordCompleted(store, 2, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.storedIds().equals(ids));
            Set<String> more = recordCompleted(store, 1, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.storedIds().containsAll(more));
        }
    }

    @Test
    void stopFlushesTheBufferBeforeItsDeadline() {
        server.respond((r, s) -> s.real(r).delayed(20));
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(1000), SyncObserver.NONE);
        SyncHandle handle = client.start();
        Set<String> ids = recordCompleted(store, 20, null);
        assertEquals(0, server.storedCount(), "no trigger yet");
        assertEquals(new SyncResult(20, 0, 0, 0), handle.stop(Duration.ofSeconds(10)));
        assertEquals(ids, server.storedIds());
        assertConservation(store, 20, 20, 0, 0, 0, 0);
    }

    @Test
    void stopCancelsWhatIsStillInFlightAtItsDeadline() {
        server.respond((r, s) -> Reply.of(202, "{}").delayed(10_000));
        DefaultEventStore store = store(100);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofSeconds(20)), obs);
        SyncHandle handle = client.start();
        Set<String> ids = recordCompleted(store, 6, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().inFlight() == 4);

        long t0 = System.nanoTime();
        SyncResult result = handle.stop(Duration.ofMillis(300));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "stop took " + ms + " ms for a 300 ms deadline");
        assertEquals(new SyncResult(0, 0, 0, 6), result);
        assertEquals(4, obs.attempts(SyncAttempt.Outcome.CANCELLED).size());
        assertEquals(ids, bufferedIds(store));
        assertConservation(store, 6, 0, 6, 0, 0, 0);
    }

    @Test
    void aSecondClientOnTheSameStoreIsRefused() {
        DefaultEventStore store = store(100);
        ActorSyncClient one = client(store, config(server.url()), SyncObserver.NONE);
        ActorSyncClient two = client(store, config(server.url()), SyncObserver.NONE);
        try (SyncHandle ignored = one.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, two::start);
            assertTrue(e.getMessage().contains(store.name()), e.getMessage());
            assertEquals(SyncState.STOPPED, two.status().state());
        }
        try (SyncHandle ignored = two.start()) {
            assertEquals(SyncState.RUNNING, two.status().state(), "free again once the first stopped");
        }
    }

    @Test
    void theShutdownHookIsRegisteredOnStartAndRemovedOnStop() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withShutdownHook(true), SyncObserver.NONE);
        SyncRun run = (SyncRun) client.start();
        Thread hook = run.shutdownHook();
        assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "registered while running");
        Runtime.getRuntime().addShutdownHook(hook);
        run.close();
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "removed by stop");

        SyncRun noHook = (SyncRun) client(store, config(server.url()), SyncObserver.NONE).start();
        assertEquals(null, noHook.shutdownHook());
        noHook.close();
    }

    @Test
    void theRateLimitSpacesRequests() {
        DefaultEventStore store = store(100);
        // 600 per minute: a burst of 10, then one every 100 ms.
        ActorSyncClient client = client(store, config(server.url()).withRateLimit(600), SyncObserver.NONE);
        try (SyncHandle ignored = client.start()) {
            recordCompleted(store, 15, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 15);
        }
        List<Long> at = server.requests().stream().map(LoopbackServer.Received::atNanos).sorted().toList();
        long spanMs = (at.get(14) - at.get(0)) / 1_000_000;
        assertTrue(spanMs >= 400, "15 requests at 600/min (burst 10) took only " + spanMs + " ms");
    }

    @Test
    void nothingIsLeftRunningAfterStop() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        SyncHandle handle = client.start();
        recordCompleted(store, 3, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 3);
        assertTrue(httpClientThreads() > 0, "the JDK client has its selector thread while running");
        handle.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> httpClientThreads() == 0);
        assertEquals(SyncState.STOPPED, client.status().state());
    }

    private static long httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("HttpClient-")).count();
    }
}
