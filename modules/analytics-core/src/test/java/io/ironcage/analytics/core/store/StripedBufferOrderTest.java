package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmRequestCompleted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * LLM events are buffered in per-thread stripes: whatever stripe a thread lands in, every list
 * and the sync client's claims stay oldest first, and one thread's events keep the order it
 * recorded them in.
 */
class StripedBufferOrderTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_000;

    @Test
    void snapshotsDrainsAndClaimsAreOldestFirstAcrossRecordingThreads() throws Exception {
        assertOrdered(store -> store.snapshotEvents(), "snapshotEvents()", true);
        assertOrdered(store -> store.unsyncedEvents(), "unsyncedEvents()", true);
        assertOrdered(store -> store.drainAll(), "drainAll()", true);
        // Claims take the oldest head among the stripes; a thread that read the clock, was
        // descheduled and linked after a later event of a thread sharing its stripe makes that
        // stripe out of time order by a millisecond, so only each thread's order is promised.
        assertOrdered(StripedBufferOrderTest::claimAll, "claimForSync() one by one", false);
    }

    private static List<AnalyticsEvent> claimAll(DefaultEventStore store) {
        List<AnalyticsEvent> out = new ArrayList<>();
        for (AnalyticsEvent e; (e = store.claimForSync()) != null; ) {
            out.add(e);
        }
        return out;
    }

    /** Records from several threads at once (each numbering its events by input tokens), then lists. */
    private static void assertOrdered(Function<DefaultEventStore, List<AnalyticsEvent>> list, String what,
                                      boolean byTimestamp) throws Exception {
        DefaultEventStore store = Stores.store(THREADS * PER_THREAD);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String agent = "agent-" + t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 1; i <= PER_THREAD; i++) {
                    store.recordLlmCompleted(TestPricing.GPT_4O.model(), i, 1, agent, null);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        List<AnalyticsEvent> events = list.apply(store);
        assertEquals(THREADS * PER_THREAD, events.size(), what + ": every event once");
        Map<String, Long> lastPerAgent = new HashMap<>();
        long lastTs = Long.MIN_VALUE;
        for (AnalyticsEvent e : events) {
            assertTrue(!byTimestamp || e.timestampMs() >= lastTs, what + ": oldest first by timestamp");
            lastTs = e.timestampMs();
            long n = ((LlmRequestCompleted) e.payload()).inputTokens();
            Long previous = lastPerAgent.put(e.agentId().orElseThrow(), n);
            assertEquals(previous == null ? 1 : previous + 1, n, what + ": one thread's events in its order");
        }
        assertTrue(store.accounting().balanced(), store.accounting().toString());
    }
}
