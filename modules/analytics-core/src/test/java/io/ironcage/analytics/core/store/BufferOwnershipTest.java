package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import java.lang.reflect.Field;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ownership, slot and order promises of the buffer, from the adversarial review of the buffer
 * rewrite (issue items 8, 9, 10, 18, 19) and its fixes: each test names the promise it checks.
 */
@Timeout(10)
class BufferOwnershipTest {

    static AnalyticsEvent llm(long ts) {
        return AnalyticsEvent.of(EventId.random(), ts, "agent",
                new LlmRequestCompleted(new LlmModelMeta(null, "openai", "gpt-4o-mini"), 100, 20, 1500));
    }

    private static List<EventId> ids(List<AnalyticsEvent> events) {
        return events.stream().map(AnalyticsEvent::eventId).toList();
    }

    private static UUID uuid(AnalyticsEvent e) {
        return new UUID(e.idMostSigBits(), e.idLeastSigBits());
    }

    private static EventBuffer bufferOf(DefaultEventStore store) throws ReflectiveOperationException {
        Field f = DefaultEventStore.class.getDeclaredField("buffer");
        f.setAccessible(true);
        return (EventBuffer) f.get(store);
    }

    /**
     * Breaks item 18 ("unsyncedEvents() must list every LLM event not yet delivered or rejected,
     * oldest first") and the order contract of {@code EventStore} ("events with equal timestamps
     * keep the order they were buffered in"). Events recorded in the same millisecond are the
     * normal case (a record costs ~120 ns). {@code unsyncedEvents()} concatenates the buffered
     * events with the ledger's held events (a ConcurrentHashMap keyed by identity hash, so in no
     * particular order) and then sorts by timestamp only: the events the sync client claimed — the
     * oldest ones — come after newer buffered events of the same millisecond, and in hash order
     * among themselves. This happens at rest (claimed events sit in flight / retrying at rest).
     */
    @Test
    void unsyncedEventsAreOldestFirstWhenTimestampsTie() {
        DefaultEventStore store = Stores.store(64);
        long ts = System.currentTimeMillis();
        List<AnalyticsEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AnalyticsEvent e = llm(ts); // one millisecond, as a burst of real recordings is
            store.record(e);
            recorded.add(e);
        }
        // The sync client claims the 8 oldest (they are now in flight, still unsynced).
        for (int i = 0; i < 8; i++) {
            assertSame(recorded.get(i), store.claimForSync());
        }
        assertEquals(20, store.unsyncedCount());
        assertEquals(ids(recorded), ids(store.unsyncedEvents()),
                "unsyncedEvents(): the 8 claimed (oldest) events must come first, in buffered order");
    }

    /**
     * Breaks item 9 / the Ownership rule ("each event lands in exactly one accounting term") and
     * the slot invariant ("live ... in [0, capacity] always"; "a new event may be dropped only
     * when every slot holds a live event", memory bounded by the capacity).
     *
     * <p>{@code giveBack} re-holds the event (RELEASED -> HELD) before offering it; when the buffer
     * is full of LLM events the offer fails and the event is counted as dropped but stays HELD,
     * outside any queue. A concurrent {@code markSynced} whose CLQ iterator had read that event
     * ahead (the iterator caches the next item) still finds it HELD, wins the state CAS and gives
     * back a slot the event never had: the event is counted dropped AND marked, {@code live} drops
     * one below the number of held events, the buffer then takes capacity + 1 events, after a
     * drain {@code size()} is -1, and the next {@code drainAll()} throws IllegalArgumentException
     * ("Illegal Capacity: -1": it sizes its list with {@code size()}).
     *
     * <p>The interleaving is driven deterministically: the id set passed to the buffer's mark is
     * the hook (mark calls {@code contains} for each node while its iterator already holds the
     * next item). Everything done inside the hook is what other threads legitimately do during a
     * markSynced: the sync actor claims two events and, stopping, gives them back while producers
     * have filled the buffer.
     */
    @Test
    void aGivenBackEventDroppedForAFullBufferIsNeverMarkedAndNeverFreesASlot() throws Exception {
        int capacity = 4;
        DefaultEventStore store = Stores.store(capacity);
        EventBuffer buffer = bufferOf(store);
        long ts = System.currentTimeMillis() - 1_000;
        AnalyticsEvent a = llm(ts);
        AnalyticsEvent b = llm(ts + 1);
        store.record(a);
        store.record(b);
        store.record(llm(ts + 2));
        store.record(llm(ts + 3));
        assertEquals(capacity, store.size());

        UUID aId = uuid(a);
        UUID bId = uuid(b);
        boolean[] fired = {false};
        boolean[] dropped = {false};
        // The caller names b (which it delivered by hand, say).
        var named = new AbstractSet<UUID>() {
            @Override
            public boolean contains(Object o) {
                if (o.equals(aId) && !fired[0]) {
                    fired[0] = true;
                    // Meanwhile, on other threads: the sync actor claims a and b ...
                    assertSame(a, store.claimForSync());
                    assertSame(b, store.claimForSync());
                    // ... producers fill the two freed slots with LLM events ...
                    store.record(llm(ts + 4));
                    store.record(llm(ts + 5));
                    // ... and the actor, stopping, gives both back: the buffer is full of LLM
                    // events, so both are dropped (counted as dropped).
                    dropped[0] = !store.giveBack(b, false) & !store.giveBack(a, false);
                }
                return bId.equals(o);
            }

            @Override
            public Iterator<UUID> iterator() {
                return Collections.singleton(bId).iterator();
            }

            @Override
            public int size() {
                return 1;
            }
        };
        int marked = buffer.mark(named);
        assertTrue(dropped[0], "setup: both given-back events were dropped");
        assertEquals(2, store.droppedCount(), "setup");

        // Producers go on: with every slot holding a live LLM event this one must be dropped.
        store.record(llm(ts + 6));
        int held = store.snapshotEvents().size();
        int sizeAfter = store.size();
        List<AnalyticsEvent> drained = store.drainAll();
        int sizeAfterDrain = store.size();
        assertAll(
                () -> assertEquals(0, marked, "b was dropped (counted as dropped), not in the buffer: "
                        + "marking it counts it in a second term"),
                () -> assertEquals(3, store.droppedCount(), "the buffer was full of LLM events: "
                        + "the last record must be dropped"),
                () -> assertEquals(capacity, held, "events held in the buffer (capacity " + capacity + ")"),
                () -> assertEquals(held, sizeAfter, "size() vs events actually buffered"),
                () -> assertEquals(capacity, drained.size(), "drainAll() returned more than the capacity"),
                () -> assertEquals(0, sizeAfterDrain, "size() of an empty buffer"),
                () -> assertDoesNotThrow(store::drainAll, "drainAll() of an empty buffer (it sizes its list "
                        + "with size())"));
    }
    /**
     * The documented order (EventStore.snapshotEvents/unsyncedEvents/drainAll): oldest first by
     * timestamp; one thread's events of a millisecond in the order it buffered them, so an event
     * given back on the recording thread is buffered again after the events of its millisecond.
     */
    @Test
    void aGivenBackEventIsBufferedAgainAfterTheEventsOfItsMillisecond() {
        DefaultEventStore store = Stores.store(16);
        long ts = System.currentTimeMillis();
        AnalyticsEvent a = llm(ts);
        AnalyticsEvent b = llm(ts);
        AnalyticsEvent c = llm(ts);
        AnalyticsEvent older = llm(ts - 1);
        store.record(a);
        store.record(b);
        store.record(c);
        store.record(older);
        assertSame(a, store.claimForSync());
        assertTrue(store.giveBack(a, false), "back in the buffer (not full)");
        List<EventId> expected = ids(List.of(older, b, c, a));
        List<EventId> snapshot = ids(store.snapshotEvents());
        List<EventId> unsynced = ids(store.unsyncedEvents());
        List<EventId> drained = ids(store.drainAll());
        assertAll(
                () -> assertEquals(expected, snapshot, "snapshotEvents()"),
                () -> assertEquals(expected, unsynced, "unsyncedEvents()"),
                () -> assertEquals(expected, drained, "drainAll()"));
    }

    /**
     * D6: the evictor polled the oldest local event but a concurrent markSynced won its state CAS
     * (and gave its slot back). The evictor must take that freed slot rather than evict another
     * local event. Driven deterministically through the buffer's eviction seam; the hook does what
     * a marker whose iterator read the event ahead does: the state CAS, then the slot give-back.
     */
    @Test
    void anEvictorThatLosesALocalEventToAMarkTakesTheFreedSlotInsteadOfEvictingAnother() throws Exception {
        DefaultEventStore store = Stores.store(3);
        EventBuffer buffer = bufferOf(store);
        store.recordRouterStarted(1);
        store.recordRouterStarted(2);
        store.record(llm(System.currentTimeMillis()));
        assertEquals(3, store.size());
        AtomicInteger live = counter(buffer, "live");
        AtomicInteger localLive = counter(buffer, "localLive");
        AnalyticsEvent[] lost = {null};
        buffer.evictionHook = old -> {
            if (lost[0] == null) {
                lost[0] = old;
                assertTrue(EventStates.markBuffered(old), "setup: the marker wins the state CAS");
                localLive.decrementAndGet();
                live.decrementAndGet();
            }
        };
        AnalyticsEvent added = llm(System.currentTimeMillis());
        assertTrue(buffer.offer(prepared(added), EventBuffer.isLlm(added)), "a slot was freed by the mark");
        buffer.evictionHook = null;
        List<AnalyticsEvent> held = buffer.snapshot();
        assertAll(
                () -> assertEquals(0, buffer.evictedLocal(), "no local event evicted: the mark freed a slot"),
                () -> assertEquals(3, held.size(), "buffered: " + held),
                () -> assertEquals(3, buffer.size()),
                () -> assertTrue(held.contains(added)),
                () -> assertEquals(1, held.stream().filter(e -> !EventBuffer.isLlm(e)).count(),
                        "the second local event is still buffered"));
    }

    /**
     * D7: the take-back a record does when it finds the store closed after its offer: the event
     * leaves HELD (to DROPPED), gives its slot back, is invisible to snapshots and polls, and can
     * be taken only once.
     */
    @Test
    void anEventTakenBackAfterCloseLeavesTheBufferOnce() {
        EventBuffer buffer = new EventBuffer(2);
        AnalyticsEvent e = llm(System.currentTimeMillis());
        AnalyticsEvent local = prepared(AnalyticsEvent.of(EventId.random(), System.currentTimeMillis(), null,
                new io.ironcage.analytics.RouterStarted(1)));
        assertTrue(buffer.offer(prepared(e), EventBuffer.isLlm(e)));
        assertTrue(buffer.offer(local, EventBuffer.isLlm(local)));
        assertTrue(buffer.takeBack(e, EventBuffer.isLlm(e)));
        assertTrue(buffer.takeBack(local, EventBuffer.isLlm(local)));
        assertAll(
                () -> assertEquals(0, buffer.size()),
                () -> assertEquals(0, buffer.llmSize()),
                () -> assertEquals(List.of(), buffer.snapshot()),
                () -> assertNull(buffer.pollLlm(), "the node of a taken-back event is discarded"),
                () -> assertNull(buffer.pollLocal()),
                () -> assertTrue(!buffer.takeBack(e, EventBuffer.isLlm(e)), "taken back once"),
                () -> assertEquals(0, buffer.mark(java.util.Set.of(uuid(e))), "never marked after"));
    }

    /**
     * D7: records racing close(): no event stays in the buffer that was not there when close()
     * returned, and every event is in exactly one term. Probabilistic (the window between the
     * closed check and the offer is a few instructions wide): a regression guard, not a proof.
     */
    @Test
    void recordsRacingCloseLeaveNothingInTheBufferAfterCloseReturned() throws Exception {
        for (int round = 0; round < 20; round++) {
            DefaultEventStore store = Stores.store(1 << 20);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                producers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        store.recordLlmCompleted("gpt-4o-mini", 10, 10, null, null);
                    }
                }));
            }
            while (store.size() < 1_000) {
                Thread.onSpinWait();
            }
            store.close();
            int atClose = store.size();
            stop.set(true);
            for (Thread p : producers) {
                p.join();
            }
            int atRest = store.size();
            var a = store.accounting();
            int r = round;
            assertAll(
                    () -> assertTrue(atRest <= atClose, "round " + r + ": " + atRest + " buffered at rest, "
                            + atClose + " when close() returned"),
                    () -> assertEquals(atRest, store.snapshotEvents().size()),
                    () -> assertTrue(a.balanced(), a.toString()));
        }
    }

    private static AnalyticsEvent prepared(AnalyticsEvent e) {
        EventStates.initHeld(e);
        return e;
    }

    private static AtomicInteger counter(EventBuffer buffer, String name) throws ReflectiveOperationException {
        Field f = EventBuffer.class.getDeclaredField(name);
        f.setAccessible(true);
        return (AtomicInteger) f.get(buffer);
    }

    /**
     * The same defect as {@link #aGivenBackEventDroppedForAFullBufferIsNeverMarkedAndNeverFreesASlot},
     * reached with real threads and public calls only (no hook): producers keep a small buffer
     * full, the sync seam claims and gives back events (dropped when the buffer refilled
     * meanwhile), and a caller marks what {@code snapshotEvents()} showed it. Breaks item 9 / the
     * Ownership rule (an event counted as both dropped and markedSynced) and the capacity bound:
     * at rest the buffer holds more events than {@code size()} says, more than its capacity, and
     * {@code size()} goes negative after a drain. {@code accounting().balanced()} stays true (the
     * double count and the slot drift cancel), so the existing conservation checks cannot see it.
     *
     * <p>Probabilistic (a stale iterator item must meet a dropped give-back): on the shared 2-core
     * build machine it failed in 5 of 7 runs, within 0.5 to 3.7 s; the hook test above is the
     * deterministic proof.
     */
    @Test
    void markSyncedRacingGiveBackOnAFullBufferKeepsSizeAndCapacityExact() throws Exception {
        int capacity = 64;
        DefaultEventStore store = Stores.store(capacity);
        String failure = null;
        // Rounds of 400 ms, checked at rest after each, at most ~5 s in all; it usually fails in
        // the first few rounds on a 2-core machine (a probabilistic race: a stale iterator item).
        for (int round = 0; round < 12 && failure == null; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    store.recordLlmCompleted("gpt-4o-mini", 10, 10, null, null);
                }
            });
            Thread claimer = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    AnalyticsEvent e = store.claimForSync();
                    if (e != null) {
                        store.giveBack(e, false); // the sync client stopping: dropped if full
                    }
                }
            });
            long end = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < end) {
                store.markSynced(store.snapshotEvents().stream().map(AnalyticsEvent::eventId).toList());
            }
            stop.set(true);
            producer.join();
            claimer.join();
            // At rest.
            int held = store.snapshotEvents().size();
            if (held != store.size() || held > capacity) {
                failure = "round " + round + ": " + held + " events buffered, size() " + store.size()
                        + ", capacity " + capacity + "; " + store.accounting();
            }
        }
        String atRest = failure;
        assertAll(
                () -> assertNull(atRest, "size() vs buffered events at rest"),
                () -> {
                    // drainAll() sizes its list with size(): a negative size() makes it throw.
                    List<AnalyticsEvent> drained = assertDoesNotThrow(store::drainAll, "drainAll() at rest");
                    assertEquals(0, store.size(), "size() after draining " + drained.size());
                });
    }
}
