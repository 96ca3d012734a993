package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetStatus;
import io.ironcage.analytics.pricing.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AtomicBudgetTrackerTest {

    private record Crossing(int percent, long spent, long limit) {}

    private static final class Recorder implements ThresholdListener {
        final ConcurrentLinkedQueue<Crossing> crossings = new ConcurrentLinkedQueue<>();

        @Override
        public void crossed(int percent, long spentMicros, long limitMicros) {
            crossings.add(new Crossing(percent, spentMicros, limitMicros));
        }

        List<Integer> percents() {
            return crossings.stream().map(Crossing::percent).toList();
        }
    }

    /** Runs the task on 4 threads released together by a barrier; returns their results. */
    private static <T> List<T> race(Callable<T> task) throws Exception {
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachThresholdFiresExactlyOnceUnderFourRacingThreads() throws Exception {
        for (int round = 0; round < 25; round++) {
            Recorder recorder = new Recorder();
            AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(40_000), recorder);
            race(() -> {
                for (int i = 0; i < 12_000; i++) {
                    tracker.addSpend(1);
                }
                return null;
            });
            assertEquals(48_000, tracker.spentMicros());
            assertEquals(List.of(50, 80, 90, 100), recorder.percents().stream().sorted().toList(),
                    "round " + round + ": " + recorder.crossings);
            for (Crossing c : recorder.crossings) {
                assertTrue(c.spent() >= 40_000L * c.percent() / 100, "reported spend reached the threshold: " + c);
                assertEquals(40_000, c.limit());
            }
        }
    }

    @Test
    void oneSpendCrossingSeveralThresholdsReportsEachInOrder() {
        Recorder recorder = new Recorder();
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1_000_000), recorder);
        tracker.addSpend(950_000);
        assertEquals(List.of(new Crossing(50, 950_000, 1_000_000), new Crossing(80, 950_000, 1_000_000),
                new Crossing(90, 950_000, 1_000_000)), List.copyOf(recorder.crossings));
        tracker.addSpend(10_000);
        assertEquals(3, recorder.crossings.size(), "no threshold fires twice");
    }

    @Test
    void aThresholdIsCrossedWhenTheSpendReachesIt() {
        Recorder recorder = new Recorder();
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1001).withThresholds(50), recorder);
        tracker.addSpend(500);
        assertTrue(recorder.crossings.isEmpty(), "500 is below 50% of 1001 (500.5)");
        tracker.addSpend(1);
        assertEquals(List.of(new Crossing(50, 501, 1001)), List.copyOf(recorder.crossings));
    }

    @Test
    void racingReservationsNeverExceedTheLimit() throws Exception {
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1_000_000), null);
        List<Long> granted = race(() -> {
            long n = 0;
            for (int i = 0; i < 10_000; i++) {
                if (tracker.reserve(37).isPresent()) {
                    n++;
                }
            }
            return n;
        });
        long total = granted.stream().mapToLong(Long::longValue).sum();
        // 40,000 attempts for room for exactly floor(1,000,000 / 37) = 27,027
        assertEquals(27_027, total);
        assertEquals(27_027 * 37, tracker.reservedMicros());
        assertEquals(0, tracker.spentMicros());
        assertFalse(tracker.canSpend(37));
        assertTrue(tracker.canSpend(1_000_000 - 27_027 * 37));
    }

    @Test
    void racingReserveAndCommitNeverSpendsPastTheLimit() throws Exception {
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(500_000), null);
        List<Long> spent = race(() -> {
            long sum = 0;
            for (int i = 0; i < 20_000; i++) {
                Optional<Reservation> r = tracker.reserve(100);
                if (r.isPresent()) {
                    long actual = ThreadLocalRandom.current().nextLong(101);
                    assertTrue(r.get().commit(actual));
                    sum += actual;
                }
            }
            return sum;
        });
        long total = spent.stream().mapToLong(Long::longValue).sum();
        assertEquals(total, tracker.spentMicros());
        assertEquals(0, tracker.reservedMicros());
        assertTrue(total <= 500_000, "spent " + total);
        assertTrue(total > 500_000 - 100 - 4 * 100, "the budget was used up: " + total);
    }

    @Test
    void commitSpendsTheActualCostAndReleasesTheRest() {
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(10_000), null);
        Reservation r = tracker.reserve(1_000).orElseThrow();
        assertEquals(1_000, r.amountMicros());
        assertEquals(1_000, tracker.reservedMicros());
        assertFalse(tracker.canSpend(9_001));
        assertTrue(r.commit(300));
        assertEquals(300, tracker.spentMicros());
        assertEquals(0, tracker.reservedMicros());
        assertTrue(tracker.canSpend(9_700));
        assertFalse(r.commit(300), "a second commit does nothing");
        assertFalse(r.release(), "release after commit does nothing");
        r.close();
        assertEquals(300, tracker.spentMicros());
        assertEquals(0, tracker.reservedMicros());
        assertTrue(r.isSettled());
    }

    @Test
    void releaseAndCloseGiveEverythingBack() {
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1_000), null);
        Reservation r = tracker.reserve(1_000).orElseThrow();
        assertTrue(tracker.reserve(1).isEmpty());
        assertTrue(r.release());
        assertFalse(r.commit(10), "commit after release does nothing");
        assertEquals(0, tracker.spentMicros());
        try (Reservation held = tracker.reserve(600).orElseThrow()) {
            assertEquals(600, tracker.reservedMicros());
            assertFalse(held.isSettled());
        }
        assertEquals(0, tracker.reservedMicros());
    }

    @Test
    void aCommitAboveTheReservationIsRecordedInFull() {
        Recorder recorder = new Recorder();
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1_000), recorder);
        tracker.reserve(100).orElseThrow().commit(1_200);
        assertEquals(1_200, tracker.spentMicros());
        assertEquals(0, tracker.reservedMicros());
        assertEquals(List.of(50, 80, 90, 100), recorder.percents());
        assertTrue(tracker.status().exceeded());
    }

    @Test
    void statusAddsUp() {
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1_000), null);
        tracker.addSpend(400);
        Reservation held = tracker.reserve(300).orElseThrow();
        assertTrue(tracker.canSpend(300));
        assertFalse(tracker.canSpend(301));
        assertEquals(new BudgetStatus(400, 1_000, 300, 300, 40.0, false), tracker.status());
        tracker.addSpend(700);
        assertEquals(new BudgetStatus(1_100, 1_000, 300, 0, 110.0, true), tracker.status());
        held.release();
        assertEquals(0, tracker.status().reservedMicros());
    }

    @Test
    void changingTheLimitReArmsAndReports() {
        Recorder recorder = new Recorder();
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(1_000), recorder);
        tracker.addSpend(600);
        assertEquals(List.of(50), recorder.percents());
        tracker.setLimit(2_000);
        assertEquals(2_000, tracker.limitMicros());
        assertEquals(List.of(50), recorder.percents(), "600 is 30% of 2000: nothing new");
        tracker.addSpend(400);
        assertEquals(List.of(50, 50), recorder.percents(), "re-armed 50% fires again at 1000 of 2000");
        tracker.setLimit(1_000);
        assertEquals(List.of(50, 50, 80, 90, 100), recorder.percents(), "lowering the limit reports what it reaches");
        assertEquals(new Crossing(100, 1_000, 1_000), List.copyOf(recorder.crossings).get(4));
    }

    @Test
    void aReporterHoldingTheOldLimitsNeitherRepeatsAThresholdNorSwallowsOneOfTheNewLimit() throws Exception {
        // The spender crosses 50 % of 100 and is held inside the listener while setLimit(1000)
        // re-arms; when it goes on, it must not report against the limits it read before.
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch limitChanged = new CountDownLatch(1);
        Recorder recorder = new Recorder();
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(100), (percent, spent, limit) -> {
            recorder.crossed(percent, spent, limit);
            if (percent == 50 && limit == 100) {
                inListener.countDown();
                try {
                    assertTrue(limitChanged.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Thread spender = Thread.ofPlatform().start(() -> tracker.addSpend(95));
        assertTrue(inListener.await(10, TimeUnit.SECONDS));
        tracker.setLimit(1_000);
        limitChanged.countDown();
        spender.join(10_000);
        assertFalse(spender.isAlive());
        assertEquals(List.of(new Crossing(50, 95, 100)), List.copyOf(recorder.crossings),
                "95 reaches nothing of 1,000; 50 % of 100 was reported once");
        tracker.addSpend(405);
        assertEquals(List.of(new Crossing(50, 95, 100), new Crossing(50, 500, 1_000)), List.copyOf(recorder.crossings),
                "50 % of the new limit fires when the spend reaches it");
    }

    @Test
    void thresholdsStayExactlyOnceWhenSetLimitRacesSpenders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 4_000; round++) {
                Recorder recorder = new Recorder();
                // A listener that takes a moment, as a real one does (the store records an event).
                AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(100), (percent, spent, limit) -> {
                    recorder.crossed(percent, spent, limit);
                    long until = System.nanoTime() + 10_000;
                    while (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                });
                tracker.addSpend(45);
                CyclicBarrier start = new CyclicBarrier(3);
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    // Each spend crosses several thresholds of 100 at once.
                    fs.add(pool.submit(() -> {
                        start.await();
                        tracker.addSpend(50);
                        return null;
                    }));
                }
                fs.add(pool.submit(() -> {
                    start.await();
                    tracker.setLimit(1_000);
                    return null;
                }));
                for (Future<?> f : fs) {
                    f.get(10, TimeUnit.SECONDS);
                }
                // 145 spent so far, below 50 % of 1,000; now reach it.
                tracker.addSpend(400);
                List<Crossing> all = List.copyOf(recorder.crossings);
                for (long limit : new long[] {100, 1_000}) {
                    List<Integer> percents = all.stream().filter(c -> c.limit() == limit).map(Crossing::percent).toList();
                    assertEquals(percents.size(), percents.stream().distinct().count(),
                            "round " + round + ": a threshold of " + limit + " reported twice: " + all);
                }
                assertEquals(List.of(50), all.stream().filter(c -> c.limit() == 1_000).map(Crossing::percent).toList(),
                        "round " + round + ": 50 % of 1,000 exactly once: " + all);
                for (Crossing c : all) {
                    assertTrue(c.spent() >= c.limit() * c.percent() / 100, "round " + round + ": " + c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOtherCrossings() {
        List<Integer> seen = new ArrayList<>();
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(100), (percent, spent, limit) -> {
            seen.add(percent);
            if (percent == 50) {
                throw new IllegalStateException("listener failure (expected by the test)");
            }
        });
        tracker.addSpend(95);
        assertEquals(List.of(50, 80, 90), seen);
        assertEquals(95, tracker.spentMicros());
    }

    @Test
    void invalidArgumentsAreRejected() {
        AtomicBudgetTracker tracker = new AtomicBudgetTracker(Budget.ofMicros(100), null);
        assertThrows(IllegalArgumentException.class, () -> tracker.addSpend(-1));
        assertThrows(IllegalArgumentException.class, () -> tracker.canSpend(-1));
        assertThrows(IllegalArgumentException.class, () -> tracker.reserve(-1));
        assertThrows(IllegalArgumentException.class, () -> tracker.setLimit(0));
        tracker.addSpend(Long.MAX_VALUE - 10);
        assertThrows(IllegalArgumentException.class, () -> tracker.addSpend(11), "overflow is refused");
        assertEquals(Long.MAX_VALUE - 10, tracker.spentMicros());
    }
}
