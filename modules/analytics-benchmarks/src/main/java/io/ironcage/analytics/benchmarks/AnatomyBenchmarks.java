package io.ironcage.analytics.benchmarks;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.internal.EventAccess;
import io.ironcage.analytics.internal.SharedSecrets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts one recording is made of, each alone on one thread, to show where the time of
 * {@code recordLlmCompleted} goes and what the floor is (see docs/performance.md). They use only
 * the JDK, JCTools and the API's public value types, not the store. {@code stripedBlocks} is a
 * what-if: the counter layout proposed for the store's statistics cells (one CAS per key instead of
 * one per total).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class AnatomyBenchmarks {
    private static final LlmModelMeta META = new LlmModelMeta("ip_openai_001", "openai", "gpt-4o");
    /** How the store builds an event (the API's implementation-only accessor; reachable on the class path). */
    private static final EventAccess EVENTS = SharedSecrets.eventAccess();

    /** 3 tables x 4 totals + recorded + drained: the LongAdder updates of one recorded and drained event. */
    private final LongAdder[] adders = new LongAdder[14];
    private final StripedBlock[] blocks = {new StripedBlock(), new StripedBlock(), new StripedBlock()};
    private final LongAdder recorded = new LongAdder();
    private final AtomicInteger permits = new AtomicInteger();
    private final MpmcAtomicArrayQueue<Object> queue = new MpmcAtomicArrayQueue<>(16_384);
    private long tokens = 1234;

    /** Fresh adders. */
    public AnatomyBenchmarks() {
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
    }

    // Measures 14 uncontended LongAdder updates: what the store's counters cost per recorded and drained event today.
    @Benchmark
    @Threads(1)
    public void longAdders14() {
        long t = tokens++;
        for (int table = 0; table < 3; table++) {
            int o = table * 4;
            adders[o].increment();
            adders[o + 1].add(t);
            adders[o + 2].add(t >> 3);
            adders[o + 3].add(t >> 5);
        }
        adders[12].increment();
        adders[13].increment();
    }

    // Measures the proposed layout: each key's totals in one striped block updated under one CAS, plus the recorded count.
    @Benchmark
    @Threads(1)
    public void stripedBlocks() {
        long t = tokens++;
        for (StripedBlock b : blocks) {
            b.add(t, t >> 3, t >> 5);
        }
        recorded.increment();
    }

    // Measures System.currentTimeMillis(), one per event (the timestamp and the v7 id).
    @Benchmark
    @Threads(1)
    public long clock() {
        return System.currentTimeMillis();
    }

    // Measures building one event as the store does: v7 id bits, the payload record and the event (120 bytes).
    @Benchmark
    @Threads(1)
    public AnalyticsEvent buildEvent() {
        long now = 1_760_000_000_000L + (tokens++ & 1023);
        return EVENTS.newEvent(now, "agent-support",
                new LlmRequestCompleted(META, tokens & 4095, 300, 0, 0, 0, 1234, true, "rev"));
    }

    // Measures the buffer's atomics for one event: permit take, MPMC offer, poll, permit return.
    @Benchmark
    @Threads(1)
    public Object bufferOfferPoll() {
        permits.getAndIncrement();
        queue.offer(META);
        Object o = queue.poll();
        permits.decrementAndGet();
        return o;
    }

    // Measures ThreadLocalRandom twice (the 74 random bits of a v7 id).
    @Benchmark
    @Threads(1)
    public long randomBits() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return r.nextLong() ^ r.nextLong();
    }

    /**
     * A what-if statistics cell: stripes of {requests, input, output, cost} guarded by a busy
     * word, so that one CAS covers the four totals (a writer that finds a stripe busy moves to
     * another). Readers sum the stripes with opaque reads, never blocking a writer. Single-thread
     * prototype: the stripe choice is the thread's hash.
     */
    static final class StripedBlock {
        private static final int STRIPES = 4;
        private static final int WIDTH = 16; // 128 bytes per stripe: no false sharing between stripes
        private final AtomicLongArray a = new AtomicLongArray(STRIPES * WIDTH);

        void add(long in, long out, long cost) {
            int s = (int) Thread.currentThread().threadId() & (STRIPES - 1);
            while (true) {
                int b = s * WIDTH;
                if (a.compareAndSet(b, 0, 1)) {
                    a.setOpaque(b + 1, a.getPlain(b + 1) + 1);
                    a.setOpaque(b + 2, a.getPlain(b + 2) + in);
                    a.setOpaque(b + 3, a.getPlain(b + 3) + out);
                    a.setOpaque(b + 4, a.getPlain(b + 4) + cost);
                    a.setRelease(b, 0);
                    return;
                }
                s = (s + 1) & (STRIPES - 1);
            }
        }
    }
}
