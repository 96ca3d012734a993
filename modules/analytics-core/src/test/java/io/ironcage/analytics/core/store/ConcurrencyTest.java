package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.ModelStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Multi-threaded safety: no deadlock with readers, races on first-seen keys, marks and drains. */
class ConcurrencyTest {
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Runs the tasks together (released by one latch) and returns their results in order. */
    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recordersAndEveryKindOfReaderNeverDeadlock() throws Exception {
        DefaultEventStore store = Stores.store(512);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong recordedSoFar = new AtomicLong();
        int recorders = 4;
        int perRecorder = 50_000;
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int r = 0; r < recorders; r++) {
            int recorder = r;
            tasks.add(() -> {
                for (int i = 0; i < perRecorder; i++) {
                    if (i % 5 == 0) {
                        store.recordLlmFailed("model-" + (i % 30), "agent-" + recorder, null, null, null);
                    } else {
                        store.recordLlmCompleted("gpt-4o-mini", 1, 1, i % 2 == 0 ? "agent-" + recorder : null, null);
                    }
                    recordedSoFar.incrementAndGet();
                }
                return (long) perRecorder;
            });
        }
        tasks.add(() -> {   // the recorders' watcher: releases the readers when they are done
            while (recordedSoFar.get() < (long) recorders * perRecorder) {
                Thread.yield();
            }
            done.set(true);
            return 0L;
        });
        for (int reader = 0; reader < 2; reader++) {
            tasks.add(() -> {
                long snapshots = 0;
                long previous = 0;
                while (!done.get()) {
                    long floor = recordedSoFar.get();
                    ComputedStats s = store.stats();
                    // Totals only grow, and never lag behind what recorders had finished before the read.
                    assertTrue(s.totalRequests() >= previous, "totals went back");
                    assertTrue(s.totalRequests() >= floor, s.totalRequests() + " < " + floor);
                    assertTrue(s.failedRequests() <= s.totalRequests());
                    previous = s.totalRequests();
                    snapshots++;
                }
                return snapshots;
            });
        }
        tasks.add(() -> {
            long n = 0;
            while (!done.get()) {
                n += store.drainAll().size();
            }
            return n;
        });
        tasks.add(() -> {
            long n = 0;
            while (!done.get()) {
                List<AnalyticsEvent> snapshot = store.snapshotEvents();
                store.markSynced(snapshot.stream().limit(10).map(AnalyticsEvent::eventId).toList());
                n += store.unsyncedEvents().size() + store.size() + store.unsyncedCount();
                store.accounting();
            }
            return n;
        });

        List<Long> results = runTogether(tasks);
        assertTrue(results.get(recorders + 1) > 0 && results.get(recorders + 2) > 0, "readers never ran");
        ComputedStats s = store.stats();
        assertEquals((long) recorders * perRecorder, s.totalRequests());
        assertEquals((long) recorders * perRecorder / 5, s.failedRequests());
        assertEquals(s.totalRequests(), s.byModel().values().stream().mapToLong(ModelStats::requestCount).sum());
        for (int r = 0; r < recorders; r++) {
            assertEquals(perRecorder / 5 + perRecorder * 2 / 5, s.byAgent().get("agent-" + r).requestCount());
        }
        assertTrue(store.accounting().balanced(), store.accounting().toString());
        assertEquals(results.get(recorders + 3), store.accounting().drained());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void racingFirstSightingsOfModelsRespectTheLimit() throws Exception {
        // Many small races rather than one big one: the interesting moment is the admission of the
        // last key, when a thread that just missed the key in the map finds the table full.
        int threads = 4;
        int limit = 8;
        int models = 24;
        for (int round = 0; round < 2_000; round++) {
            DefaultEventStore store = Stores.store(Stores.config().capacity(1).maxModels(limit));
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    for (int m = 0; m < models; m++) {
                        store.recordLlmCompleted("model-" + m, 1, 0, null, null);
                    }
                    return null;
                });
            }
            runTogether(tasks);
            ComputedStats s = store.stats();
            String where = "round " + round + ": " + s.byModel();
            assertEquals(limit + 1, s.byModel().size(), "the limit plus the overflow key; " + where);
            assertEquals((long) threads * models, s.totalRequests(), where);
            long other = s.byModel().get(StatsTable.OVERFLOW_KEY).requestCount();
            assertEquals(other, store.modelOverflowEvents(), where);
            assertEquals((long) threads * (models - limit), other, where);
            // Whichever models won, each admitted one has every one of its events.
            s.byModel().forEach((k, v) -> {
                if (!k.equals(StatsTable.OVERFLOW_KEY)) {
                    assertEquals(threads, v.requestCount(), k + " in " + where);
                }
            });
        }
    }

    @RepeatedTest(5)
    void concurrentMarkingOfTheSameEventsCountsEachOnce() throws Exception {
        DefaultEventStore store = Stores.store(1_000);
        for (int i = 0; i < 1_000; i++) {
            store.recordRouterStarted(i);
        }
        List<EventId> ids = store.snapshotEvents().stream().map(AnalyticsEvent::eventId).toList();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(() -> {
                store.markSynced(ids);
                return null;
            });
        }
        runTogether(tasks);
        assertEquals(1_000, store.accounting().markedSynced());
        assertEquals(0, store.size());
        assertTrue(store.accounting().balanced());
    }

    @RepeatedTest(10)
    void aRaceBetweenMarkAndDrainGivesEachEventToExactlyOne() throws Exception {
        DefaultEventStore store = Stores.store(2_000);
        for (int i = 0; i < 2_000; i++) {
            EventStoreBasicsTest.recordTagged(store, i);
        }
        List<AnalyticsEvent> all = store.snapshotEvents();
        List<EventId> ids = all.stream().map(AnalyticsEvent::eventId).toList();
        List<Callable<List<AnalyticsEvent>>> tasks = List.of(
                () -> {
                    store.markSynced(ids);
                    return List.of();
                },
                store::drainAll);
        List<AnalyticsEvent> drained = runTogether(tasks).get(1);
        drained = new ArrayList<>(drained);
        drained.addAll(store.drainAll());
        long marked = all.stream().filter(AnalyticsEvent::isSynced).count();
        assertTrue(drained.stream().noneMatch(AnalyticsEvent::isSynced), "a drained event was also marked");
        assertEquals(2_000, marked + drained.size());
        EventAccounting a = store.accounting();
        assertEquals(marked, a.markedSynced());
        assertEquals(drained.size(), a.drained());
        assertTrue(a.balanced(), a.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyStreamedEventIsReceivedOrCountedAsDropped() throws Exception {
        DefaultEventStore store = Stores.streaming(100, 256);
        int recorders = 3;
        int perRecorder = 40_000;
        AtomicBoolean done = new AtomicBoolean();
        Future<Long> receiver = pool.submit(() -> {
            long n = 0;
            while (!done.get()) {
                if (store.receiver().poll(java.time.Duration.ofMillis(5)) != null) {
                    n++;
                }
            }
            while (store.receiver().poll() != null) {
                n++;
            }
            return n;
        });
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int r = 0; r < recorders; r++) {
            tasks.add(() -> {
                for (int i = 0; i < perRecorder; i++) {
                    store.recordRouterStarted(i);
                }
                return null;
            });
        }
        runTogether(tasks);
        done.set(true);
        long received = receiver.get(30, TimeUnit.SECONDS);
        assertEquals((long) recorders * perRecorder, received + store.receiver().droppedCount());
        assertTrue(received > 0);
        assertFalse(store.receiver().droppedCount() < 0);
    }
}
