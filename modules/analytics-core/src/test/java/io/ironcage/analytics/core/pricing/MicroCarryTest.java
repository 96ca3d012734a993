package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicroCarryTest {

    /** gpt-4o-mini's input price, 1.5e-7 USD per token, from the embedded table. */
    private static CoreModelPrice gpt4oMini() {
        return PriceTables.embedded().lookup("gpt-4o-mini");
    }

    @Test
    void millionSmallRequestsSumExactly() {
        CoreModelPrice price = gpt4oMini();
        MicroCarry carry = new MicroCarry();
        long total = 0;
        long roundedAlone = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long femtos = price.costFemtos(10, 0, 0, 0, 0, 0);
            long micros = carry.add(femtos);
            assertTrue(micros == 1 || micros == 2, "each event gets 1 or 2 microdollars, got " + micros);
            total += micros;
            roundedAlone += femtos / CoreModelPrice.FEMTOS_PER_MICRO;
        }
        assertEquals(1_500_000, total);
        assertEquals(1_000_000, roundedAlone, "without the carry a third would be lost");
        assertEquals(0, carry.pendingFemtos());
    }

    @Test
    void millionSmallRequestsFromFourThreadsSumExactly() throws Exception {
        CoreModelPrice price = gpt4oMini();
        MicroCarry carry = new MicroCarry();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sums.add(pool.submit(() -> {
                    start.await();
                    long sum = 0;
                    for (int i = 0; i < 250_000; i++) {
                        sum += carry.add(price.costFemtos(10, 0, 0, 0, 0, 0));
                    }
                    return sum;
                }));
            }
            long total = 0;
            for (Future<Long> f : sums) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(1_500_000, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void arbitraryCostsSumToTheExactTotalRoundedDown() {
        SplittableRandom random = new SplittableRandom(42);
        MicroCarry carry = new MicroCarry();
        long femtoTotal = 0;
        long microTotal = 0;
        for (int i = 0; i < 100_000; i++) {
            long femtos = random.nextLong(50_000_000_000L);
            femtoTotal += femtos;
            microTotal += carry.add(femtos);
            assertEquals(femtoTotal / CoreModelPrice.FEMTOS_PER_MICRO, microTotal);
        }
        assertEquals(femtoTotal % CoreModelPrice.FEMTOS_PER_MICRO, carry.pendingFemtos());
    }

    @Test
    void theAccumulatorIsDrainedWithoutLosingAMicrodollar() {
        // Start just below the high-water mark, at a whole number of microdollars (as if that many
        // had already been handed out), and cross it.
        long start = MicroCarry.HIGH_WATER / MicroCarry.FEMTOS_PER_MICRO * MicroCarry.FEMTOS_PER_MICRO;
        MicroCarry carry = new MicroCarry(start);
        long handedOut = 0;
        long added = 0;
        for (int i = 0; i < 20; i++) {
            handedOut += carry.add(999_999_999L);
            added += 999_999_999L;
        }
        assertEquals(added / MicroCarry.FEMTOS_PER_MICRO, handedOut);
        assertEquals(added % MicroCarry.FEMTOS_PER_MICRO, carry.pendingFemtos());
        assertTrue(carry.accumulator() < MicroCarry.HIGH_WATER, "the crossing call drained the accumulator");
        assertTrue(carry.accumulator() > 0);
        // after the drain the hand-out continues exactly
        handedOut += carry.add(1_000_000_001L);
        added += 1_000_000_001L;
        assertEquals(added / MicroCarry.FEMTOS_PER_MICRO, handedOut);
    }

    @Test
    void negativeCostsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MicroCarry().add(-1));
    }
}
