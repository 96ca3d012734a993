package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.RouterStarted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Buffer operations: size, capacity, drops, drain, snapshot, unsynced events and markSynced. */
class EventStoreBasicsTest {

    /** Records a completion whose input token count is {@code tag}, so tests can tell events apart. */
    static void recordTagged(DefaultEventStore store, long tag) {
        store.recordLlmCompleted("gpt-4o-mini", tag, 0, null, null);
    }

    static List<Long> tags(List<AnalyticsEvent> events) {
        return events.stream().map(e -> ((LlmRequestCompleted) e.payload()).inputTokens()).toList();
    }

    static List<Long> range(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    static List<EventId> ids(List<AnalyticsEvent> events) {
        return events.stream().map(AnalyticsEvent::eventId).toList();
    }

    // ---------------------------------------------------------------- size, capacity, drops

    @Test
    void aNewStoreIsEmpty() {
        DefaultEventStore store = Stores.store(100);
        assertEquals(0, store.size());
        assertTrue(store.isEmpty());
        assertEquals(100, store.capacity());
        assertEquals(0, store.droppedCount());
        assertEquals(0, store.unsyncedCount());
        assertEquals(List.of(), store.drainAll());
        assertEquals(List.of(), store.snapshotEvents());
        assertEquals(List.of(), store.unsyncedEvents());
        assertEquals(new EventAccounting(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), store.accounting());
    }

    @Test
    void recordingGrowsTheBuffer() {
        DefaultEventStore store = Stores.store(100);
        recordTagged(store, 1);
        assertEquals(1, store.size());
        assertFalse(store.isEmpty());
        store.recordRouterStarted(8080);
        store.recordLlmFailed("gpt-4o", null, null, "timeout", null);
        assertEquals(3, store.size());
        assertEquals(2, store.unsyncedCount(), "the router event is local: in the buffer, never unsynced");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 17, 100, 1_000, 1_024, 1_025})
    void capacityIsExactThoughTheQueueRoundsUp(int capacity) {
        DefaultEventStore store = Stores.store(capacity);
        assertEquals(capacity, store.capacity());
        for (int i = 0; i < capacity; i++) {
            recordTagged(store, i);
        }
        assertEquals(capacity, store.size());
        assertEquals(0, store.droppedCount());
        recordTagged(store, capacity);
        assertEquals(capacity, store.size(), "event " + (capacity + 1) + " must not fit");
        assertEquals(1, store.droppedCount());
        assertEquals(range(0, capacity), tags(store.snapshotEvents()), "the newest event is the one dropped");
    }

    @Test
    void dropsAreCountedAndNeverThrown() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 35; i++) {
            recordTagged(store, i);
        }
        store.recordRouterStarted(1);
        store.recordRouterStopped();
        store.recordBudgetThreshold(80, 8, 10, null);
        store.recordLlmFailed("gpt-4o", null, null, null, null);
        assertEquals(10, store.size());
        assertEquals(29, store.droppedCount());
        assertEquals(29, store.accounting().dropped());
        assertEquals(39, store.accounting().recorded());
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    @Test
    void droppedEventsStillCountInTheStatistics() {
        DefaultEventStore store = Stores.store(2);
        for (int i = 0; i < 5; i++) {
            store.recordLlmCompleted("gpt-4o-mini", 10, 1, null, null);
        }
        assertEquals(3, store.droppedCount());
        assertEquals(5, store.stats().totalRequests());
        assertEquals(50, store.stats().totalInputTokens());
        assertEquals(5 * TestPricing.GPT_4O_MINI.cost(10, 1), store.stats().totalCostMicros());
    }

    // ---------------------------------------------------------------- drainAll

    @Test
    void drainAllReturnsEverythingOldestFirstAndEmptiesTheBuffer() {
        DefaultEventStore store = Stores.store(100);
        for (int i = 0; i < 50; i++) {
            recordTagged(store, i);
        }
        List<AnalyticsEvent> drained = store.drainAll();
        assertEquals(range(0, 50), tags(drained));
        assertEquals(0, store.size());
        assertTrue(store.isEmpty());
        assertEquals(0, store.unsyncedCount());
        assertEquals(List.of(), store.drainAll(), "a second drain finds nothing");
        assertEquals(50, store.accounting().drained());
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    @Test
    void drainedEventsBelongToTheCaller() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 3; i++) {
            recordTagged(store, i);
        }
        List<AnalyticsEvent> drained = store.drainAll();
        // The store no longer knows them: marking them is a no-op...
        store.markSynced(ids(drained));
        assertEquals(0, store.accounting().markedSynced());
        assertTrue(drained.stream().noneMatch(AnalyticsEvent::isSynced));
        // ...and the caller's list is its own to change.
        drained.clear();
        recordTagged(store, 9);
        assertEquals(List.of(9L), tags(store.snapshotEvents()));
    }

    @Test
    void drainingFreesCapacity() {
        DefaultEventStore store = Stores.store(10);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 10; i++) {
                recordTagged(store, round * 10L + i);
            }
            assertEquals(range(round * 10L, round * 10L + 10), tags(store.drainAll()));
        }
        assertEquals(0, store.droppedCount());
    }

    // ---------------------------------------------------------------- snapshotEvents

    @Test
    void snapshotIsNonDestructiveAndOrderPreserving() {
        DefaultEventStore store = Stores.store(100);
        for (int i = 0; i < 40; i++) {
            recordTagged(store, i);
        }
        List<AnalyticsEvent> first = store.snapshotEvents();
        List<AnalyticsEvent> second = store.snapshotEvents();
        assertEquals(range(0, 40), tags(first));
        assertEquals(first, second);
        assertEquals(40, store.size());
        assertEquals(first, store.unsyncedEvents());
        assertEquals(first, store.drainAll(), "drain returns what the snapshot showed, in the same order");
    }

    @Test
    void snapshotIsACopy() {
        DefaultEventStore store = Stores.store(10);
        recordTagged(store, 1);
        recordTagged(store, 2);
        List<AnalyticsEvent> snapshot = new ArrayList<>(store.snapshotEvents());
        try {
            store.snapshotEvents().clear();
        } catch (UnsupportedOperationException unmodifiable) {
            // Also fine: then nobody can change it.
        }
        assertEquals(snapshot, store.snapshotEvents());
        assertEquals(2, store.size());
    }

    @Test
    void snapshotOfAFullBufferAfterDropsIsStillInOrder() {
        DefaultEventStore store = Stores.store(7);
        for (int i = 0; i < 20; i++) {
            recordTagged(store, i);
        }
        assertEquals(range(0, 7), tags(store.snapshotEvents()));
        assertEquals(range(0, 4), tags(store.drainAll().subList(0, 4)));
    }

    // ---------------------------------------------------------------- unsynced events, markSynced

    @Test
    void unsyncedEventsAreTheBufferedOnesNotMarked() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 5; i++) {
            recordTagged(store, i);
        }
        List<AnalyticsEvent> all = store.unsyncedEvents();
        assertEquals(range(0, 5), tags(all));
        store.markSynced(List.of(all.get(1).eventId(), all.get(3).eventId()));
        assertEquals(List.of(0L, 2L, 4L), tags(store.unsyncedEvents()));
        assertEquals(3, store.unsyncedCount());
    }

    @Test
    void markSyncedMarksExactlyTheNamedEvents() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 5; i++) {
            recordTagged(store, i);
        }
        List<AnalyticsEvent> all = store.snapshotEvents();
        store.markSynced(List.of(all.get(1).eventId(), all.get(3).eventId()));

        assertEquals(List.of(false, true, false, true, false), all.stream().map(AnalyticsEvent::isSynced).toList());
        assertEquals(2, store.accounting().markedSynced());
        assertEquals(3, store.size());
        assertEquals(List.of(0L, 2L, 4L), tags(store.snapshotEvents()));
        assertEquals(List.of(0L, 2L, 4L), tags(store.unsyncedEvents()));
        assertEquals(3, store.unsyncedCount());
        assertEquals(List.of(0L, 2L, 4L), tags(store.drainAll()));
        assertTrue(store.isEmpty());
        EventAccounting a = store.accounting();
        assertEquals(5, a.recorded());
        assertEquals(3, a.drained());
        assertEquals(2, a.markedSynced());
        assertTrue(a.balanced(), a.toString());
    }

    @Test
    void markingTwiceCountsOnce() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 4; i++) {
            recordTagged(store, i);
        }
        List<EventId> firstTwo = ids(store.snapshotEvents().subList(0, 2));
        store.markSynced(firstTwo);
        store.markSynced(firstTwo);
        store.markSynced(List.of(firstTwo.get(0), firstTwo.get(0)));
        assertEquals(2, store.accounting().markedSynced());
        assertEquals(2, store.size());
        assertTrue(store.accounting().balanced());
    }

    @Test
    void markSyncedIgnoresUnknownIdsAndEmptyCollections() {
        DefaultEventStore store = Stores.store(10);
        recordTagged(store, 0);
        store.markSynced(List.of(EventId.random(), EventId.random()));
        store.markSynced(List.of());
        assertEquals(1, store.size());
        assertEquals(0, store.accounting().markedSynced());
    }

    @Test
    void markSyncedRejectsNull() {
        DefaultEventStore store = Stores.store(10);
        recordTagged(store, 0);
        assertThrows(NullPointerException.class, () -> store.markSynced(null));
        assertThrows(NullPointerException.class, () -> store.markSynced(Arrays.asList(EventId.random(), null)));
        assertEquals(0, store.accounting().markedSynced());
    }

    @Test
    void markedEventsAreInvisibleToEveryReader() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 3; i++) {
            recordTagged(store, i);
        }
        store.markSynced(ids(store.snapshotEvents()));
        assertEquals(0, store.size());
        assertTrue(store.isEmpty());
        assertEquals(0, store.unsyncedCount());
        assertEquals(List.of(), store.snapshotEvents());
        assertEquals(List.of(), store.unsyncedEvents());
        assertEquals(List.of(), store.drainAll());
        assertEquals(0, store.accounting().drained(), "marked events are never handed out by a drain");
        assertEquals(3, store.accounting().markedSynced());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 16, 100, 1_000, 1_024})
    void markedEventsNeverCrowdOutNewOnes(int capacity) {
        DefaultEventStore store = Stores.store(capacity);
        long tag = 0;
        for (int round = 0; round < 4; round++) {
            long first = tag;
            for (int i = 0; i < capacity; i++) {
                recordTagged(store, tag++);
            }
            assertEquals(0, store.droppedCount(), "round " + round);
            assertEquals(range(first, tag), tags(store.snapshotEvents()));
            store.markSynced(ids(store.unsyncedEvents()));
            assertEquals(0, store.size());
        }
        for (int i = 0; i < capacity; i++) {
            recordTagged(store, tag++);
        }
        assertEquals(0, store.droppedCount());
        assertEquals(capacity, store.size());
        assertEquals(range(tag - capacity, tag), tags(store.drainAll()));
        recordTagged(store, tag);
        assertEquals(1, store.size(), "capacity is free again after the drain");
        assertEquals(4L * capacity, store.accounting().markedSynced());
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }

    @Test
    void aFullBufferWithSomeMarkedTakesExactlyAsManyNewEvents() {
        DefaultEventStore store = Stores.store(10);
        for (int i = 0; i < 10; i++) {
            recordTagged(store, i);
        }
        List<AnalyticsEvent> all = store.snapshotEvents();
        store.markSynced(IntStream.of(0, 2, 4, 6).mapToObj(i -> all.get(i).eventId()).toList());
        for (int i = 10; i < 15; i++) {
            recordTagged(store, i);
        }
        assertEquals(10, store.size());
        assertEquals(1, store.droppedCount(), "4 slots were freed, so the fifth new event is dropped");
        assertEquals(List.of(1L, 3L, 5L, 7L, 8L, 9L, 10L, 11L, 12L, 13L), tags(store.snapshotEvents()));
    }

    @Test
    void unsyncedCountIsExactAtRest() {
        DefaultEventStore store = Stores.store(20);
        for (int i = 0; i < 25; i++) {
            recordTagged(store, i);
        }
        assertEquals(20, store.unsyncedCount());
        store.markSynced(ids(store.snapshotEvents().subList(0, 6)));
        assertEquals(14, store.unsyncedCount());
        List<AnalyticsEvent> drained = store.drainAll();
        assertEquals(14, drained.size());
        assertEquals(0, store.unsyncedCount());
        store.recordRouterStarted(1);
        assertEquals(1, store.size());
        assertEquals(0, store.unsyncedCount(), "a local event is never unsynced");
        EventAccounting a = store.accounting();
        assertEquals(new EventAccounting(26, 1, 0, 0, 0, 0, 0, 0, 6, 14, 5), a);
    }

    @Test
    void eventsOfEveryKindAreBuffered() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        store.recordLlmFailed("gpt-4o", null, null, null, null);
        store.recordBudgetThreshold(50, 5, 10, null);
        store.recordRouterStarted(80);
        store.recordRouterStopped();
        assertEquals(List.of("llm_request_completed", "llm_request_failed", "budget_threshold_reached",
                "router_started", "router_stopped"),
                store.snapshotEvents().stream().map(e -> e.payload().eventType()).toList());
    }

    @Test
    void eachEventGetsItsOwnIdAndATimestamp() {
        DefaultEventStore store = Stores.store(100);
        long before = System.currentTimeMillis();
        for (int i = 0; i < 100; i++) {
            store.recordRouterStarted(i);
        }
        long after = System.currentTimeMillis();
        List<AnalyticsEvent> events = store.snapshotEvents();
        assertEquals(100, events.stream().map(AnalyticsEvent::eventId).distinct().count());
        for (AnalyticsEvent e : events) {
            assertTrue(e.timestampMs() >= before && e.timestampMs() <= after);
            assertEquals(7, e.eventId().value().version());
            assertEquals(e.timestampMs(), e.eventId().value().getMostSignificantBits() >>> 16);
        }
        assertNotSame(events.get(0), events.get(1));
        assertEquals(new RouterStarted(0), events.get(0).payload());
    }
}
