package io.ironcage.analytics.core.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventReceiver;
import io.ironcage.analytics.StreamingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The streaming channel: every event offered, overflow dropped and counted, blocking receives wake up. */
class StreamingTest {

    private static List<AnalyticsEvent> pollAll(EventReceiver r) {
        List<AnalyticsEvent> out = new ArrayList<>();
        for (AnalyticsEvent e; (e = r.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    /** Starts a thread that runs the receive and completes the future with its result. */
    private static CompletableFuture<AnalyticsEvent> receiveOn(Thread.Builder builder, Receive receive,
                                                               Thread[] started) {
        CompletableFuture<AnalyticsEvent> f = new CompletableFuture<>();
        started[0] = builder.start(() -> {
            try {
                f.complete(receive.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    @FunctionalInterface
    private interface Receive {
        AnalyticsEvent get() throws InterruptedException;
    }

    private static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    void everyRecordedEventArrivesInOrder() {
        DefaultEventStore store = Stores.streaming(100, 100);
        EventReceiver r = store.receiver();
        for (int i = 0; i < 30; i++) {
            EventStoreBasicsTest.recordTagged(store, i);
        }
        store.recordLlmFailed("gpt-4o", null, null, null, null);
        store.recordRouterStarted(1);
        store.recordBudgetThreshold(10, 1, 10, null);
        store.recordRouterStopped();
        List<AnalyticsEvent> received = pollAll(r);
        assertEquals(store.snapshotEvents(), received);
        assertEquals(34, received.size());
        assertEquals(0, r.droppedCount());
        assertNull(r.poll());
    }

    @Test
    void aFullChannelDropsAndCountsApartFromTheBuffer() {
        DefaultEventStore store = Stores.streaming(100, 5);
        EventReceiver r = store.receiver();
        for (int i = 0; i < 12; i++) {
            EventStoreBasicsTest.recordTagged(store, i);
        }
        assertEquals(7, r.droppedCount());
        assertEquals(7, store.streamDroppedCount());
        assertEquals(0, store.droppedCount(), "channel drops are not buffer drops");
        assertEquals(12, store.size());
        assertEquals(EventStoreBasicsTest.range(0, 5), EventStoreBasicsTest.tags(pollAll(r)));
        EventStoreBasicsTest.recordTagged(store, 12);
        assertEquals(List.of(12L), EventStoreBasicsTest.tags(pollAll(r)), "room again once received");
        assertEquals(7, r.droppedCount());
    }

    @Test
    void bufferDropsDoNotStopTheStream() {
        DefaultEventStore store = Stores.streaming(2, 10);
        EventReceiver r = store.receiver();
        for (int i = 0; i < 6; i++) {
            EventStoreBasicsTest.recordTagged(store, i);
        }
        assertEquals(4, store.droppedCount());
        assertEquals(0, r.droppedCount());
        assertEquals(EventStoreBasicsTest.range(0, 6), EventStoreBasicsTest.tags(pollAll(r)));
    }

    @Test
    void aFullChannelNeverBlocksTheRecorder() {
        DefaultEventStore store = Stores.streaming(10, 1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 100_000; i++) {
                store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
            }
        });
        assertEquals(99_999, store.receiver().droppedCount());
        assertEquals(99_990, store.droppedCount());
        assertEquals(100_000, store.stats().totalRequests());
    }

    @Test
    void takeWakesUpWhenAnEventArrives() throws Exception {
        DefaultEventStore store = Stores.streaming(10, 10);
        Thread[] t = new Thread[1];
        CompletableFuture<AnalyticsEvent> taken = receiveOn(Thread.ofVirtual(), store.receiver()::take, t);
        awaitParked(t[0]);
        assertTrue(!taken.isDone(), "take() must wait while the channel is empty");
        store.recordRouterStarted(4242);
        AnalyticsEvent e = taken.get(10, TimeUnit.SECONDS);
        assertEquals(store.snapshotEvents().get(0), e);
    }

    @Test
    void takeOnAPlatformThreadWakesUpToo() throws Exception {
        DefaultEventStore store = Stores.streaming(10, 10);
        Thread[] t = new Thread[1];
        CompletableFuture<AnalyticsEvent> taken = receiveOn(Thread.ofPlatform().daemon(), store.receiver()::take, t);
        awaitParked(t[0]);
        store.recordRouterStarted(1);
        assertNotNull(taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void timedPollWakesUpWhenAnEventArrives() throws Exception {
        DefaultEventStore store = Stores.streaming(10, 10);
        Thread[] t = new Thread[1];
        long start = System.nanoTime();
        CompletableFuture<AnalyticsEvent> polled =
                receiveOn(Thread.ofVirtual(), () -> store.receiver().poll(Duration.ofMinutes(5)), t);
        awaitParked(t[0]);
        store.recordLlmCompleted("gpt-4o", 3, 4, null, null);
        AnalyticsEvent e = polled.get(10, TimeUnit.SECONDS);
        assertEquals(store.snapshotEvents().get(0), e);
        assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5));
    }

    @Test
    void timedPollReturnsNullWhenNothingArrives() throws InterruptedException {
        DefaultEventStore store = Stores.streaming(10, 10);
        long start = System.nanoTime();
        assertNull(store.receiver().poll(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "returned before the timeout");
        assertNull(store.receiver().poll(Duration.ZERO));
    }

    @Test
    void takeIsInterruptible() throws Exception {
        DefaultEventStore store = Stores.streaming(10, 10);
        Thread[] t = new Thread[1];
        CompletableFuture<AnalyticsEvent> taken = receiveOn(Thread.ofVirtual(), store.receiver()::take, t);
        awaitParked(t[0]);
        t[0].interrupt();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> taken.get(10, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    @Test
    void manyEventsToABlockedReceiverAllArrive() throws Exception {
        DefaultEventStore store = Stores.streaming(10_000, 10_000);
        CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try {
                while (n < 5_000) {
                    store.receiver().take();
                    n++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        });
        for (int i = 0; i < 5_000; i++) {
            store.recordRouterStarted(i % 65_536);
        }
        try {
            assertEquals(5_000, received.get(20, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("receiver missed a wake-up", e);
        }
        assertEquals(0, store.receiver().droppedCount());
    }

    @Test
    void analyticsEntryPointBuildsAStreamingStore() throws InterruptedException {
        StreamingStore s = Analytics.newStreamingStore(Stores.config().capacity(10).streamCapacity(3)
                .pricing(TestPricing.standard()).build());
        try (var store = s.store()) {
            store.recordLlmCompleted("gpt-4o-mini", 11, 1, null, null);
            AnalyticsEvent e = s.receiver().poll(Duration.ofSeconds(5));
            assertNotNull(e);
            assertEquals(store.snapshotEvents().get(0), e);
            assertEquals(TestPricing.GPT_4O_MINI.cost(11, 1), store.stats().totalCostMicros());
        }
    }
}
