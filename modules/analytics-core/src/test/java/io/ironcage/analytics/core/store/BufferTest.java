package io.ironcage.analytics.core.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.RouterStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The buffer: room for new events, marks, snapshot order, local events (issue items 8, 9, 10, 19). */
class BufferTest {
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    static AnalyticsEvent llm(long ts) {
        return AnalyticsEvent.of(EventId.random(), ts, "agent",
                new LlmRequestCompleted(new LlmModelMeta(null, "openai", "gpt-4o-mini"), 100, 20, 1500));
    }

    static AnalyticsEvent local(long ts) {
        return AnalyticsEvent.of(EventId.random(), ts, null, new RouterStarted(8080));
    }

    static AnalyticsEvent budget(long ts) {
        return AnalyticsEvent.of(EventId.random(), ts, null, new BudgetThresholdReached(80, 800, 1000));
    }

    private static List<EventId> ids(List<AnalyticsEvent> events) {
        return events.stream().map(AnalyticsEvent::eventId).toList();
    }

    /** Identity comparison of two event lists, in order. */
    private static void assertSameEvents(List<AnalyticsEvent> expected, List<AnalyticsEvent> actual) {
        assertEquals(ids(expected), ids(actual));
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), actual.get(i), "event " + i);
        }
    }

    // ------------------------------------------------------------------ item 8

    @Test
    void markedEventsBehindLiveOnesNeverCrowdOutNewOnes() {
        DefaultEventStore store = Stores.store(32);
        List<AnalyticsEvent> old = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            old.add(llm(i));
            store.record(old.get(i));
        }
        // The newest 16 are marked: 16 slots are free, all behind 16 live events.
        store.markSynced(ids(old.subList(16, 32)));
        assertEquals(16, store.size());
        List<AnalyticsEvent> fresh = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            fresh.add(llm(100 + i));
            store.record(fresh.get(i));
        }
        assertEquals(0, store.droppedCount(), "a new event dropped while slots were free");
        assertEquals(32, store.size());
        List<AnalyticsEvent> expected = new ArrayList<>(old.subList(0, 16));
        expected.addAll(fresh);
        assertSameEvents(expected, store.snapshotEvents()); // and no live event moved
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    @Test
    @Timeout(20)
    void producersRacingForFreedRoomNeverSeeAFalseFull() throws Exception {
        int capacity = 1024;
        int threads = 4;
        DefaultEventStore store = Stores.store(capacity);
        AtomicLong clock = new AtomicLong();
        for (int i = 0; i < capacity; i++) {
            store.record(llm(clock.getAndIncrement()));
        }
        long recorded = capacity;
        for (int round = 0; round < 20; round++) {
            // Every other buffered event is marked: exactly half the room is free.
            List<AnalyticsEvent> snap = store.snapshotEvents();
            List<EventId> marked = new ArrayList<>();
            for (int i = 0; i < snap.size(); i += 2) {
                marked.add(snap.get(i).eventId());
            }
            store.markSynced(marked);
            int perThread = marked.size() / threads;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        store.record(llm(clock.getAndIncrement()));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
            recorded += (long) perThread * threads;
            assertEquals(0, store.droppedCount(), "round " + round + ": dropped with free room");
            assertEquals(capacity, store.size(), "round " + round);
        }
        EventAccounting a = store.accounting();
        assertEquals(recorded, a.recorded());
        assertTrue(a.balanced(), a.toString());
    }

    // ------------------------------------------------------------------ item 9

    @Test
    @Timeout(20)
    void markSyncedNeverMissesABufferedEventWhileProducersMakeRoom() throws Exception {
        // A small buffer kept full by producers; a marker names buffered events (the oldest two,
        // so producers keep making room around live ones) and checks each named one got marked.
        DefaultEventStore store = Stores.store(4);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> miss = new AtomicReference<>();
        List<Future<?>> producers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            producers.add(pool.submit(() -> {
                while (!stop.get()) {
                    store.recordLlmCompleted("gpt-4o-mini", 10, 2, "agent", null);
                }
                return null;
            }));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long rounds = 0;
        try {
            while (System.nanoTime() - end < 0 && miss.get() == null) {
                List<AnalyticsEvent> snap = store.snapshotEvents();
                if (snap.size() < 2) {
                    continue;
                }
                rounds++;
                AnalyticsEvent named = snap.get((int) (rounds & 1));
                store.markSynced(List.of(named.eventId()));
                // Nothing but markSynced takes an event out of this buffer without dropping it:
                // a named event still held after the call was missed.
                if (EventStates.isHeld(named)) {
                    miss.set("round " + rounds + ": " + named.eventId() + " still held after markSynced");
                }
            }
        } finally {
            stop.set(true);
            for (Future<?> f : producers) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        if (miss.get() != null) {
            fail(miss.get());
        }
        assertTrue(rounds > 100, "only " + rounds + " rounds");
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    // ------------------------------------------------------------------ item 10

    @Test
    @Timeout(20)
    void snapshotsAreOldestFirstAndHoldEachEventOnceWhileConsumersRun() throws Exception {
        // One producer with strictly increasing timestamps (its order is the buffer's order), a
        // consumer draining, a marker making holes; the test thread takes snapshots.
        DefaultEventStore store = Stores.store(64);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> workers = new ArrayList<>();
        workers.add(pool.submit(() -> {
            long ts = 0;
            while (!stop.get()) {
                store.record(llm(++ts));
            }
            return null;
        }));
        workers.add(pool.submit(() -> {
            while (!stop.get()) {
                if (store.size() > 48) {
                    store.drainAll();
                }
                List<AnalyticsEvent> snap = store.snapshotEvents();
                if (snap.size() > 3) {
                    store.markSynced(List.of(snap.get(snap.size() / 2).eventId()));
                }
            }
            return null;
        }));
        String problem = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long snapshots = 0;
        try {
            while (problem == null && System.nanoTime() - end < 0) {
                List<AnalyticsEvent> snap = store.snapshotEvents();
                snapshots++;
                Set<AnalyticsEvent> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                for (int i = 0; i < snap.size() && problem == null; i++) {
                    if (!seen.add(snap.get(i))) {
                        problem = "snapshot " + snapshots + ": event " + snap.get(i).timestampMs() + " twice";
                    } else if (i > 0 && snap.get(i).timestampMs() <= snap.get(i - 1).timestampMs()) {
                        problem = "snapshot " + snapshots + ": " + snap.get(i - 1).timestampMs() + " before "
                                + snap.get(i).timestampMs();
                    }
                }
            }
        } finally {
            stop.set(true);
            for (Future<?> f : workers) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        if (problem != null) {
            fail(problem);
        }
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    // ------------------------------------------------------------------ item 19 (store side)

    @Test
    void aFullBufferEvictsTheOldestLocalEventFirst() {
        DefaultEventStore store = Stores.store(4);
        AnalyticsEvent l1 = local(1);
        AnalyticsEvent a = llm(2);
        AnalyticsEvent l2 = budget(3);
        AnalyticsEvent b = llm(4);
        for (AnalyticsEvent e : List.of(l1, a, l2, b)) {
            store.record(e);
        }
        AnalyticsEvent c = llm(5);
        store.record(c); // full: l1 makes room
        assertSameEvents(List.of(a, l2, b, c), store.snapshotEvents());
        AnalyticsEvent l3 = local(6);
        store.record(l3); // full: l2 makes room, even for a local event
        assertSameEvents(List.of(a, b, c, l3), store.snapshotEvents());
        AnalyticsEvent d = llm(7);
        store.record(d); // l3 makes room
        assertEquals(0, store.droppedCount(), "dropped while local events could make room");
        store.record(llm(8)); // every slot holds an LLM event: the new one is dropped
        assertEquals(1, store.droppedCount());
        assertSameEvents(List.of(a, b, c, d), store.snapshotEvents());
        EventAccounting acc = store.accounting();
        assertEquals(3, acc.evictedLocal(), acc.toString());
        assertEquals(1, acc.dropped(), acc.toString());
        assertEquals(4, acc.buffered(), acc.toString());
        assertTrue(acc.balanced(), acc.toString());
    }

    @Test
    void localEventsStayVisibleAndAreNeverUnsynced() {
        DefaultEventStore store = Stores.store(16);
        AnalyticsEvent l1 = local(1);
        AnalyticsEvent a = llm(2);
        AnalyticsEvent l2 = budget(3);
        AnalyticsEvent b = llm(4);
        for (AnalyticsEvent e : List.of(l1, a, l2, b)) {
            store.record(e);
        }
        assertEquals(4, store.size());
        assertSameEvents(List.of(l1, a, l2, b), store.snapshotEvents());
        assertEquals(2, store.unsyncedCount());
        assertSameEvents(List.of(a, b), store.unsyncedEvents());
        store.markSynced(List.of(l2.eventId(), a.eventId()));
        assertTrue(l2.isSynced());
        assertSameEvents(List.of(l1, b), store.snapshotEvents());
        assertEquals(1, store.unsyncedCount());
        assertSameEvents(List.of(l1, b), store.drainAll());
        assertEquals(0, store.size());
        EventAccounting acc = store.accounting();
        assertEquals(2, acc.markedSynced());
        assertEquals(2, acc.drained());
        assertTrue(acc.balanced(), acc.toString());
    }

    // ------------------------------------------------------------------ all paths at once

    @Test
    @Timeout(20)
    void mixedEventsUnderEveryPathAtOnceAreEachCountedOnce() throws Exception {
        // Producers of LLM and local events into a small buffer (evictions and drops), a marker,
        // a drainer: afterwards every event is in exactly one place and every term adds up.
        int capacity = 16;
        DefaultEventStore store = Stores.store(capacity);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong clock = new AtomicLong();
        AtomicReference<String> problem = new AtomicReference<>();
        Set<AnalyticsEvent> marked = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        Set<AnalyticsEvent> drained = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        List<List<AnalyticsEvent>> recorded = new ArrayList<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            List<AnalyticsEvent> mine = new ArrayList<>();
            recorded.add(mine);
            workers.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    long ts = clock.incrementAndGet();
                    AnalyticsEvent e = i % 3 == 0 ? local(ts) : llm(ts);
                    store.record(e);
                    mine.add(e);
                    if (store.size() > capacity) {
                        problem.compareAndSet(null, "size " + store.size() + " over the capacity");
                    }
                }
                return null;
            }));
        }
        workers.add(pool.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
                List<AnalyticsEvent> snap = store.snapshotEvents();
                if (i % 4 == 3) {
                    drained.addAll(store.drainAll());
                } else if (!snap.isEmpty()) {
                    AnalyticsEvent e = snap.get(i % snap.size());
                    store.markSynced(List.of(e.eventId()));
                    if (e.isSynced()) {
                        marked.add(e);
                    }
                }
            }
            return null;
        }));
        try {
            // Until every path ran often enough to matter.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                EventAccounting now = store.accounting();
                return problem.get() != null || now.evictedLocal() > 200 && now.dropped() > 200
                        && now.markedSynced() > 200 && now.drained() > 200;
            });
        } finally {
            stop.set(true);
        }
        for (Future<?> f : workers) {
            f.get(10, TimeUnit.SECONDS);
        }
        if (problem.get() != null) {
            fail(problem.get());
        }
        List<AnalyticsEvent> left = store.snapshotEvents();
        Set<AnalyticsEvent> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AnalyticsEvent e : left) {
            assertTrue(seen.add(e), "buffered twice");
            assertTrue(!marked.contains(e) && !drained.contains(e), "buffered and taken");
        }
        for (AnalyticsEvent e : drained) {
            assertTrue(!marked.contains(e), "drained and marked");
        }
        long total = recorded.stream().mapToLong(List::size).sum();
        EventAccounting a = store.accounting();
        assertEquals(total, a.recorded(), a.toString());
        assertEquals(left.size(), a.buffered(), a.toString());
        assertEquals(drained.size(), a.drained(), a.toString());
        assertEquals(marked.size(), a.markedSynced(), a.toString());
        assertTrue(a.balanced(), a.toString());
        assertTrue(a.evictedLocal() > 0 && a.dropped() > 0 && a.markedSynced() > 0 && a.drained() > 0,
                "every path ran: " + a);
        for (int i = 1; i < left.size(); i++) {
            assertTrue(left.get(i - 1).timestampMs() <= left.get(i).timestampMs(), "oldest first");
        }
    }
}
