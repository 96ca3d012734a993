package io.ironcage.analytics.core.subscribe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.Subscription;
import io.ironcage.analytics.core.Assembly;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.StoreCleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Public subscribers: per-subscription queue and thread, drops, failures, close. */
class SubscribersTest {
    static {
        // The core module does not read java.logging (it only uses System.Logger); this test does.
        SubscribersTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MODEL = "gpt-4o";

    private final List<DefaultEventStore> stores = new ArrayList<>();
    private final List<CountDownLatch> latches = new ArrayList<>();

    @AfterEach
    void closeStores() {
        latches.forEach(CountDownLatch::countDown); // never leave a listener blocked
        stores.forEach(DefaultEventStore::close);
    }

    private DefaultEventStore store(String name) {
        return store(name, 10_000);
    }

    private DefaultEventStore store(String name, int capacity) {
        DefaultEventStore s = Assembly.newStore(StoreConfig.builder().name(name).jmx(false).capacity(capacity).build(), false);
        stores.add(s);
        return s;
    }

    private CountDownLatch latch() {
        CountDownLatch l = new CountDownLatch(1);
        latches.add(l);
        return l;
    }

    /** The sequence number a test put in an event's input tokens. */
    private static long seq(AnalyticsEvent e) {
        return ((LlmRequestCompleted) e.payload()).inputTokens();
    }

    private static void record(DefaultEventStore store, long seq) {
        store.recordLlmCompleted(MODEL, seq, 1, null, null);
    }

    private static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }

    private static Thread threadOf(Subscription s) {
        return ((QueueSubscription) s).thread();
    }

    /**
     * One listener blocked on a latch, one fast: the fast one gets every event in order while the
     * recorder finishes without waiting; the blocked one's queue (4) fills and the rest is dropped
     * and counted, for it only.
     */
    @Test
    void aBlockedListenerDelaysNeitherRecordingNorAnotherSubscriber() throws Exception {
        DefaultEventStore store = store("subs-blocked");
        CountDownLatch release = latch();
        ConcurrentLinkedQueue<Long> blockedGot = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> fastGot = new ConcurrentLinkedQueue<>();
        Subscription blocked = store.subscribe(e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            blockedGot.add(seq(e));
        }, 4);
        Subscription fast = store.subscribe(e -> fastGot.add(seq(e)));
        int n = 500;
        CompletableFuture<Void> recorder = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < n; i++) {
                record(store, i);
            }
        });
        // Recording completes while the blocked listener is still blocked.
        await().atMost(WAIT).until(recorder::isDone);
        recorder.join();
        assertEquals(1, release.getCount(), "the blocked listener was never released");
        await().atMost(WAIT).until(() -> fastGot.size() == n);
        assertEquals(range(0, n), List.copyOf(fastGot), "the fast subscriber gets every event, in order");
        assertEquals(0, fast.droppedCount());
        // The blocked one holds at most one event in hand and four queued; the rest are dropped.
        long dropped = blocked.droppedCount();
        assertTrue(dropped >= n - 5 && dropped <= n - 4, "dropped " + dropped);
        release.countDown();
        await().atMost(WAIT).until(() -> blockedGot.size() + dropped == n);
        List<Long> got = List.copyOf(blockedGot);
        assertEquals(got.stream().sorted().toList(), got, "what the blocked one got came in order");
        assertEquals(0L, got.get(0), "the first event was delivered (in hand or queued)");
        assertEquals(dropped, blocked.droppedCount(), "no drop after the recording ended");
    }

    /** A throwing listener: logged once, every failure counted, later events still delivered. */
    @Test
    void aThrowingListenerIsLoggedOnceCountedAndKeepsReceiving() {
        Logger jul = Logger.getLogger(QueueSubscription.class.getName());
        ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
        Filter previous = jul.getFilter();
        // A filter, not a Handler subclass (see EventLogTest): it sees every record the logger
        // would publish; false keeps the console quiet.
        jul.setFilter(r -> {
            records.add(r);
            return false;
        });
        try {
            DefaultEventStore store = store("subs-throwing");
            ConcurrentLinkedQueue<Long> got = new ConcurrentLinkedQueue<>();
            Subscription s = store.subscribe(e -> {
                long seq = seq(e);
                if (seq % 2 == 0) {
                    throw new IllegalStateException("secret-" + seq);
                }
                got.add(seq);
            });
            for (int i = 0; i < 20; i++) {
                record(store, i);
            }
            await().atMost(WAIT).until(() -> got.size() == 10 && s.failedCount() == 10);
            assertEquals(List.of(1L, 3L, 5L, 7L, 9L, 11L, 13L, 15L, 17L, 19L), List.copyOf(got));
            assertEquals(0, s.droppedCount());
            List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertEquals(1, warnings.size(), "one warning per subscription: " + warnings.size());
            String message = warnings.get(0).getMessage();
            assertTrue(message.contains("subs-throwing") && message.contains("IllegalStateException")
                    && message.contains(SubscribersTest.class.getName()), message);
            assertFalse(message.contains("secret"), "the exception's message (the event's content) is not logged: " + message);
        } finally {
            jul.setFilter(previous);
        }
    }

    /**
     * close() stops the subscription: its thread delivers what was queued at close, then ends;
     * nothing recorded afterwards reaches the listener; idempotent.
     */
    @Test
    void closingASubscriptionDeliversWhatWasQueuedThenEndsItsThread() throws Exception {
        DefaultEventStore store = store("subs-close");
        CountDownLatch release = latch();
        ConcurrentLinkedQueue<Long> got = new ConcurrentLinkedQueue<>();
        Subscription s = store.subscribe(e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            got.add(seq(e));
        }, 16);
        Thread t = threadOf(s);
        assertTrue(t.isVirtual());
        assertEquals("ironcage-subscriber-subs-close-1", t.getName());
        for (int i = 0; i < 5; i++) {
            record(store, i);
        }
        s.close();
        s.close();
        assertTrue(s.isClosed());
        record(store, 99); // after close: never delivered
        assertTrue(t.isAlive(), "close() did not wait for the blocked listener");
        assertFalse(s.awaitTermination(Duration.ofMillis(50)), "the blocked listener holds the thread");
        release.countDown();
        assertTrue(s.awaitTermination(WAIT), "the thread ended");
        assertFalse(t.isAlive());
        assertEquals(range(0, 5), List.copyOf(got), "the events queued at close were delivered, not the later one");
        assertEquals(0, s.droppedCount());
    }

    /** An idle subscription's thread (parked) ends at close at once: no leftover thread. */
    @Test
    void closingAnIdleSubscriptionLeavesNoThread() throws Exception {
        DefaultEventStore store = store("subs-idle");
        AtomicInteger got = new AtomicInteger();
        Subscription s = store.subscribe(e -> got.incrementAndGet());
        record(store, 1);
        await().atMost(WAIT).until(() -> got.get() == 1);
        Thread t = threadOf(s);
        await().atMost(WAIT).until(() -> t.getState() == Thread.State.WAITING); // parked, idle
        s.close();
        await().atMost(WAIT).until(() -> !t.isAlive());
        assertEquals(0, store.observer(Subscribers.class).size(), "off the recording path");
    }

    /** Closing the store closes its subscriptions and ends their threads. */
    @Test
    void closingTheStoreClosesItsSubscriptions() throws Exception {
        DefaultEventStore store = store("subs-store-close");
        ConcurrentLinkedQueue<Long> got = new ConcurrentLinkedQueue<>();
        Subscription a = store.subscribe(e -> got.add(seq(e)));
        Subscription b = store.subscribe(e -> { }, 8);
        record(store, 7);
        store.close();
        assertTrue(a.isClosed() && b.isClosed());
        assertTrue(a.awaitTermination(WAIT) && b.awaitTermination(WAIT));
        assertFalse(threadOf(a).isAlive() || threadOf(b).isAlive());
        assertEquals(List.of(7L), List.copyOf(got), "the event recorded before close was delivered");
    }

    /**
     * A store collected without close(): its subscriptions are closed at the next expunge (the
     * hub's StoreCleaner registration), so their threads do not outlive it parked forever.
     */
    @Test
    void aStoreCollectedUnclosedClosesItsSubscriptions() {
        AtomicInteger got = new AtomicInteger();
        Subscription s = subscribeToAnUnclosedStore(got);
        Thread t = threadOf(s);
        await().atMost(WAIT).until(() -> got.get() == 3);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            StoreCleaner.expunge();
            return s.isClosed();
        });
        await().atMost(WAIT).until(() -> !t.isAlive());
    }

    /** A store referred to by nothing once this returns; the listener does not capture it. */
    private static Subscription subscribeToAnUnclosedStore(AtomicInteger got) {
        DefaultEventStore store = Assembly.newStore(StoreConfig.builder().name("subs-unclosed").jmx(false).build(), false);
        Subscription s = store.subscribe(e -> got.incrementAndGet());
        for (int i = 0; i < 3; i++) {
            record(store, i);
        }
        return s;
    }

    /**
     * Subscribing and closing while four threads record, then closing the store mid-recording:
     * no record call fails, every subscription's thread ends, the hub is left empty.
     */
    @Test
    void subscribeAndCloseRaceWithRecording() throws Exception {
        DefaultEventStore store = store("subs-race", 1_000);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        // Platform threads: four CPU-bound virtual recorders would occupy every carrier (2 CPUs)
        // and starve the subscriptions' virtual threads of delivery (not of correctness).
        List<Thread> recorders = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < 4; t++) {
            Thread r = new Thread(() -> {
                try {
                    for (long i = 0; !stop.get(); i++) {
                        record(store, i);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            r.start();
            recorders.add(r);
        }
        List<Subscription> all = new ArrayList<>();
        AtomicInteger delivered = new AtomicInteger();
        try {
            for (int i = 0; i < 50; i++) {
                Subscription s = store.subscribe(e -> delivered.incrementAndGet(), 1 + i % 7);
                all.add(s);
                if (i % 2 == 0) {
                    s.close();
                }
            }
            await().atMost(WAIT).until(() -> delivered.get() > 0);
            store.close();
        } finally {
            stop.set(true);
            for (Thread r : recorders) {
                r.join(WAIT);
            }
        }
        assertEquals(null, failure.get(), "no record call threw");
        for (Subscription s : all) {
            assertTrue(s.isClosed());
            assertTrue(s.awaitTermination(WAIT), s.toString());
        }
        assertEquals(0, store.observer(Subscribers.class).size());
    }

    /** Subscribing to a closed store: IllegalStateException naming the store. */
    @Test
    void subscribingAfterCloseThrows() {
        DefaultEventStore store = store("subs-closed-store");
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.subscribe(ev -> { }));
        assertTrue(e.getMessage().contains("subs-closed-store"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> store.observer(Subscribers.class).subscribe(ev -> { }, 4),
                "the hub refuses too (a subscribe racing with close)");
    }

    /** Capacity outside 1..MAX: IllegalArgumentException naming the value; null listener: NPE. */
    @Test
    void capacityAndListenerAreValidated() throws Exception {
        DefaultEventStore store = store("subs-validate");
        for (int bad : new int[] {0, -1, Subscription.MAX_QUEUE_CAPACITY + 1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.subscribe(ev -> { }, bad));
            assertTrue(e.getMessage().contains("queueCapacity") && e.getMessage().contains(Integer.toString(bad)), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> store.subscribe(null));
        assertEquals(0, store.observer(Subscribers.class).size(), "nothing subscribed by a rejected call");
        store.subscribe(ev -> { }, Subscription.MAX_QUEUE_CAPACITY).close();
        // Capacity 1 (below the queue's own minimum of 2) holds one event: with the listener
        // blocked on the first, of five events one is in hand, one queued, three dropped (or
        // none in hand yet: one queued, four dropped).
        CountDownLatch release = latch();
        Subscription one = store.subscribe(ev -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, 1);
        for (int i = 0; i < 5; i++) {
            record(store, i);
        }
        long dropped = one.droppedCount();
        assertTrue(dropped == 3 || dropped == 4, "dropped " + dropped);
        // A capacity that is not a power of two is held exactly too: 3.
        CountDownLatch release3 = latch();
        Subscription three = store.subscribe(ev -> {
            try {
                release3.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, 3);
        for (int i = 0; i < 10; i++) {
            record(store, i);
        }
        long dropped3 = three.droppedCount();
        assertTrue(dropped3 == 6 || dropped3 == 7, "dropped " + dropped3);
    }

    /**
     * Four recording threads, one subscriber with a queue big enough for all: it receives every
     * event exactly once (by id), and each thread's events in that thread's order.
     */
    @Test
    void fourRecordersOneSubscriberEveryEventExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        DefaultEventStore store = store("subs-concurrent", threads * perThread);
        ConcurrentLinkedQueue<AnalyticsEvent> got = new ConcurrentLinkedQueue<>();
        Subscription s = store.subscribe(got::add, threads * perThread);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = t * 1_000_000L;
            Thread r = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perThread; i++) {
                    record(store, base + i);
                }
            });
            r.start();
            recorders.add(r);
        }
        start.countDown();
        for (Thread r : recorders) {
            r.join(WAIT);
            assertFalse(r.isAlive());
        }
        await().atMost(WAIT).until(() -> got.size() >= threads * perThread);
        assertEquals(0, s.droppedCount());
        assertEquals(0, s.failedCount());
        List<AnalyticsEvent> events = List.copyOf(got);
        assertEquals(threads * perThread, events.size());
        Set<EventId> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        Set<EventId> recorded = new HashSet<>();
        store.drainAll().forEach(e -> recorded.add(e.eventId()));
        assertEquals(threads * perThread, recorded.size(), "every event buffered");
        assertEquals(recorded, ids, "each recorded event delivered once, no other");
        for (int t = 0; t < threads; t++) {
            long base = t * 1_000_000L;
            List<Long> mine = events.stream().map(SubscribersTest::seq).filter(q -> q >= base && q < base + perThread).toList();
            assertEquals(range(base, base + perThread), mine, "thread " + t + "'s events in its order");
        }
        assertNotNull(s.toString());
    }
}
