package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.Assembly;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.LoopbackServer.Reply;
import io.ironcage.analytics.management.ManagementNames;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the sync client does to the store's accounting and lists (issue items 18, 19, 20). */
@Timeout(30)
class SyncAccountingTest {
    private LoopbackServer server;
    private SyncHandle handle;
    private CountDownLatch release;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        if (release != null) {
            release.countDown();
        }
        if (handle != null) {
            handle.close();
        }
        server.close();
    }

    private static AnalyticsEvent llm(String agent, long ts) {
        return AnalyticsEvent.of(EventId.random(), ts, agent,
                new LlmRequestCompleted(new LlmModelMeta(null, "openai", "gpt-4o-mini"), 100, 20, 1500));
    }

    private static List<String> ids(List<AnalyticsEvent> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }

    // ------------------------------------------------------------------ item 19

    @Test
    void localEventsStayInTheStoreThroughASync() {
        DefaultEventStore store = store(100);
        store.recordRouterStarted(8080);
        store.recordBudgetThreshold(80, 8_000_000, 10_000_000, "agent-1");
        AnalyticsEvent llm = SyncFixtures.completed("agent-1");
        store.record(llm);
        store.recordRouterStopped();
        List<AnalyticsEvent> locals = store.snapshotEvents().stream().filter(e -> e != llm).toList();
        assertEquals(3, locals.size());

        assertEquals(new SyncResult(1, 0, 0, 0), client(store, config(server.url()), SyncObserver.NONE).syncNow());

        assertEquals(Set.of(llm.eventId().toString()), server.storedIds());
        assertEquals(ids(locals), ids(store.snapshotEvents()), "local events are still in the store");
        assertEquals(3, store.size());
        assertEquals(0, store.unsyncedCount(), "local events are never unsynced");
        assertEquals(List.of(), store.unsyncedEvents());
        EventAccounting a = store.accounting();
        assertEquals(3, a.buffered(), a.toString());
        assertEquals(1, a.delivered(), a.toString());
        assertTrue(a.balanced(), a.toString());
        // A second cycle leaves them where they are too.
        assertEquals(new SyncResult(0, 0, 0, 0), client(store, config(server.url()), SyncObserver.NONE).syncNow());
        assertEquals(ids(locals), ids(store.drainAll()));
        assertEquals(3, store.accounting().drained());
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    /**
     * Local events stay in the buffer, so the sync client must not count them as its backlog, nor
     * let them reach the batch threshold.
     */
    @Test
    void localEventsAreNeitherBacklogNorThreshold() {
        DefaultEventStore store = store(100);
        for (int i = 0; i < 5; i++) {
            store.recordRouterStarted(8000 + i);
        }
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(3), SyncObserver.NONE);
        assertEquals(0, client.status().backlog(), "stopped: local events are no backlog");
        handle = client.start();
        assertEquals(0, client.status().backlog(), "running: local events are no backlog");
        store.record(SyncFixtures.completed("agent-1"));
        store.record(SyncFixtures.completed("agent-1"));
        assertEquals(2, client.status().backlog(), "two LLM events wait");
        store.record(SyncFixtures.completed("agent-1")); // the third LLM event is the threshold
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedCount() == 3);
        assertEquals(5, store.size(), "the local events are still there");
        assertEquals(0, client.status().backlog());
    }

    // ------------------------------------------------------------------ item 18

    @Test
    void unsyncedEventsListEverythingTheSyncClientHolds() {
        String paused = "ic_paused-token-1";
        long t0 = System.currentTimeMillis() - 10_000;
        AnalyticsEvent p1 = llm("agent-p", t0);
        AnalyticsEvent p2 = llm("agent-p", t0 + 1);
        AnalyticsEvent slow = llm("agent-slow", t0 + 2);
        String slowId = slow.eventId().toString();
        // The paused token is refused (its events wait, held for it); agent-slow's event is
        // answered only when the test lets it (in flight meanwhile); the rest like the real server.
        CountDownLatch answerSlow = new CountDownLatch(1);
        release = answerSlow;
        server.respond((r, s) -> {
            if (paused.equals(r.token())) {
                return Reply.of(401, "{\"error\":\"UNAUTHORIZED\"}");
            }
            if (slowId.equals(r.eventId())) {
                try {
                    answerSlow.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return s.real(r);
        });
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(3)
                .withTokenForAgent(agent -> "agent-p".equals(agent) ? paused : null), SyncObserver.NONE);
        handle = client.start();
        store.record(p1);
        store.record(p2);
        store.record(slow); // the threshold: all three are claimed
        await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0
                && client.status().inFlight() + client.status().retrying() == 3);
        AnalyticsEvent buffered = llm("agent-b", t0 + 3);
        store.record(buffered);
        AnalyticsEvent local = AnalyticsEvent.of(EventId.random(), t0 + 4, null,
                new io.ironcage.analytics.RouterStarted(1));
        store.record(local);

        List<String> all = ids(List.of(p1, p2, slow, buffered));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertEquals(4, store.unsyncedCount());
            assertEquals(all, ids(store.unsyncedEvents()), "buffered, in flight and held, oldest first");
        });
        assertEquals(0, server.storedCount(), "nothing answered yet");
        // Once the slow one is delivered: the held ones and the buffered one.
        answerSlow.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedIds().contains(slow.eventId().toString()));
        List<String> left = ids(List.of(p1, p2, buffered));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertEquals(3, store.unsyncedCount());
            assertEquals(left, ids(store.unsyncedEvents()));
        });
        assertSame(p1, store.unsyncedEvents().get(0), "the held event itself, not a copy");
    }

    // ------------------------------------------------------------------ item 20

    @Test
    void duplicatesAreTheirOwnTermEverywhere() throws Exception {
        String name = "sync-dup-" + System.nanoTime();
        DefaultEventStore store = Assembly.newStore(StoreConfig.builder().name(name).capacity(100)
                .pricing(TestCatalog.INSTANCE).jmx(true).build(), false);
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(SyncFixtures.completed("agent-1"));
        }
        Set<String> dupIds = Set.of(events.get(1).eventId().toString(), events.get(3).eventId().toString());
        server.respond((r, s) -> dupIds.contains(r.eventId())
                ? Reply.of(200, "{\"event_id\":\"" + r.eventId() + "\",\"status\":\"duplicate\"}") : s.real(r));
        try (Recording rec = new Recording()) {
            rec.enable("io.ironcage.analytics.SyncAttempt");
            rec.enable("io.ironcage.analytics.StoreStatistics").withPeriod(Duration.ofMillis(100));
            rec.start();
            ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(1_000), SyncObserver.NONE);
            handle = client.start();
            events.forEach(store::record);

            SyncResult result = client.syncNow();
            assertEquals(new SyncResult(3, 2, 0, 0), result);
            SyncStatus st = client.status();
            assertEquals(3, st.delivered());
            assertEquals(2, st.duplicates());
            EventAccounting a = store.accounting();
            assertEquals(3, a.delivered(), "delivered means first deliveries: " + a);
            assertEquals(2, a.duplicates(), a.toString());
            assertEquals(store.ledger().delivered(), a.delivered());
            assertEquals(store.ledger().duplicates(), a.duplicates());
            assertTrue(a.balanced(), a.toString());

            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            ObjectName sync = new ObjectName(ManagementNames.DOMAIN + ":type=Sync,name=" + name);
            assertEquals(3L, mbs.getAttribute(sync, "Delivered"));
            assertEquals(2L, mbs.getAttribute(sync, "Duplicates"));
            ObjectName storeBean = new ObjectName(ManagementNames.DOMAIN + ":type=EventStore,name=" + name);
            CompositeData acc = (CompositeData) mbs.getAttribute(storeBean, "Accounting");
            assertEquals(3L, acc.get("delivered"));
            assertEquals(2L, acc.get("duplicates"));

            // JFR: per attempt, and the periodic statistics.
            Path file = dir.resolve("dup.jfr");
            List<RecordedEvent> stats = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(150))
                    .until(() -> {
                        rec.dump(file);
                        return RecordingFile.readAllEvents(file).stream()
                                .filter(e -> e.getEventType().getName().endsWith("StoreStatistics")
                                        && name.equals(e.getString("store")))
                                .filter(e -> e.getLong("delivered") + e.getLong("rejected") != 0)
                                .toList();
                    }, l -> !l.isEmpty());
            RecordedEvent last = stats.get(stats.size() - 1);
            assertEquals(3, last.getLong("delivered"));
            assertEquals(2, last.getLong("duplicates"));
            List<RecordedEvent> attempts = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().endsWith("SyncAttempt") && name.equals(e.getString("store")))
                    .toList();
            assertEquals(5, attempts.size());
            Map<String, Long> deliveredByOutcome = attempts.stream().collect(Collectors.groupingBy(
                    e -> e.getString("outcome"), Collectors.summingLong(e -> e.getInt("delivered"))));
            assertEquals(Map.of("DELIVERED", 3L, "DUPLICATE", 0L), deliveredByOutcome);
            Map<String, Long> duplicatesByOutcome = attempts.stream().collect(Collectors.groupingBy(
                    e -> e.getString("outcome"), Collectors.summingLong(e -> e.getInt("duplicates"))));
            assertEquals(Map.of("DELIVERED", 0L, "DUPLICATE", 2L), duplicatesByOutcome);
        } finally {
            if (handle != null) {
                handle.close();
                handle = null;
            }
            store.close();
        }
    }
}
