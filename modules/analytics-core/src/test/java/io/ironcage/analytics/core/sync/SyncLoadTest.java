package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.completed;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.failed;
import static io.ironcage.analytics.core.sync.SyncFixtures.routerStarted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100,000 events recorded from 4 threads while the actor syncs them to a real loopback HTTP
 * server: the server ends up with every LLM event exactly once, each POSTed once, and every
 * conservation term matches the ids the test collected itself.
 */
class SyncLoadTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 25_000;

    @Test
    @Timeout(60)
    void hundredThousandEventsFromFourThreadsArriveExactlyOnce() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            DefaultEventStore store = store(THREADS * PER_THREAD);
            ActorSyncClient client = client(store, config(server.url()).withBatchThreshold(10)
                    .withInterval(Duration.ofSeconds(1)), SyncObserver.NONE);
            SyncHandle handle = client.start();

            List<Set<String>> llmIds = new ArrayList<>();
            AtomicInteger local = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> recorders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Set<String> mine = new HashSet<>();
                llmIds.add(mine);
                String agent = "agent-" + t;
                recorders.add(Thread.ofPlatform().name("recorder-" + t).start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < PER_THREAD; i++) {
                        AnalyticsEvent e = i % 100 == 99 ? routerStarted() : i % 10 == 9 ? failed(agent) : completed(agent);
                        store.record(e);
                        if (e.payload() instanceof io.ironcage.analytics.RouterStarted) {
                            local.incrementAndGet();
                        } else {
                            mine.add(e.eventId().toString());
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread r : recorders) {
                r.join();
            }
            Set<String> expected = new HashSet<>();
            llmIds.forEach(expected::addAll);
            int llm = expected.size();
            assertEquals(THREADS * PER_THREAD - local.get(), llm);

            await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofMillis(100))
                    .until(() -> server.storedCount() == llm && store.size() == local.get()
                            && client.status().inFlight() == 0 && client.status().retrying() == 0);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            SyncResult result = handle.stop(Duration.ofSeconds(5));

            assertEquals(new SyncResult(llm, 0, 0, 0), result);
            assertEquals(expected, server.storedIds(), "the server holds exactly the recorded LLM events");
            assertTrue(server.posts.values().stream().allMatch(c -> c.get() == 1), "each event POSTed exactly once");
            assertEquals(llm, server.posts.size());
            assertConservation(store, THREADS * PER_THREAD, llm, local.get(), 0, 0, 0); // local events stay
            System.out.printf("load: %d LLM events delivered in %d ms (%.0f/s)%n", llm, ms, llm * 1000.0 / ms);
        }
    }
}
