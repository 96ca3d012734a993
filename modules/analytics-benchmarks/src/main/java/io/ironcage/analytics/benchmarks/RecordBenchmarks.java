package io.ironcage.analytics.benchmarks;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.StoreConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recording path through the public API: a store from {@code Analytics.newStore(...)} with the
 * embedded pricing, 24 priced models in rotation, the buffer kept from filling by a drain every
 * 1,024th operation of each thread (so the cost of taking the events out is included, amortised),
 * and the full-buffer drop path on its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class RecordBenchmarks {
    private static final AtomicLong SEEDS = new AtomicLong(42);

    private EventStore store;

    /** One shared store, as an application has. */
    @Setup(Level.Trial)
    public void setUp() {
        Workload.requirePriced(Analytics.embeddedPricing(), Workload.MODELS);
        store = Analytics.newStore(StoreConfig.builder().name("bench-record").build());
    }

    /** The drain must have kept up: not one event may have been dropped. */
    @TearDown(Level.Trial)
    public void tearDown() {
        long dropped = store.droppedCount();
        store.close();
        if (dropped != 0) {
            throw new IllegalStateException(dropped + " events dropped: the drain did not keep the buffer from filling");
        }
    }

    /** Each thread's own request cycle and cursor. */
    @State(Scope.Thread)
    public static class Cursor {
        Workload work;
        LlmUsage[] usages;
        int i;

        /** A workload seeded per thread, so two threads do not walk the models in lockstep. */
        @Setup(Level.Trial)
        public void setUp() {
            work = Workload.over(Workload.MODELS, SEEDS.getAndIncrement());
            usages = work.usages();
        }
    }

    /** A small store filled in setup and never drained: every recording takes the drop path. */
    @State(Scope.Benchmark)
    public static class FullStore {
        EventStore store;

        /** Fills a 1,024-event store. */
        @Setup(Level.Trial)
        public void setUp() {
            Workload.requirePriced(Analytics.embeddedPricing(), Workload.MODELS);
            store = Analytics.newStore(StoreConfig.builder().name("bench-full").capacity(Workload.SIZE).build());
            Workload w = Workload.over(Workload.MODELS, 7);
            for (int k = 0; k < Workload.SIZE; k++) {
                w.record(store, k);
            }
        }

        /** The store must have stayed full and counted the drops. */
        @TearDown(Level.Trial)
        public void tearDown() {
            int size = store.size();
            long dropped = store.droppedCount();
            store.close();
            if (size != Workload.SIZE || dropped == 0) {
                throw new IllegalStateException("drop path not exercised: size " + size + ", dropped " + dropped);
            }
        }
    }

    // Measures one plain recordLlmCompleted (validate, price, count, id, buffer) on one thread, plus 1/1,024 of a drainAll.
    @Benchmark
    @Threads(1)
    public void recordLlmCompleted(Cursor c) {
        recordPlain(store, c);
    }

    // Measures the total rate (ops/us = million records/s) of 2 threads recording into one shared store, each draining every 1,024th op.
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void recordLlmCompleted2Threads(Cursor c) {
        recordPlain(store, c);
    }

    // Measures recordLlmCompleted(LlmUsage) with cache reads, cache writes and reasoning tokens (usages pre-built), one thread.
    @Benchmark
    @Threads(1)
    public void recordLlmCompletedUsage(Cursor c) {
        int k = c.i++ & Workload.MASK;
        store.recordLlmCompleted(c.usages[k]);
        if (k == Workload.MASK) {
            store.drainAll();
        }
    }

    // Measures recordLlmCompleted when the buffer is full: counted, priced, then dropped and counted.
    @Benchmark
    @Threads(1)
    public void recordLlmCompletedDropping(FullStore full, Cursor c) {
        c.work.record(full.store, c.i++ & Workload.MASK);
    }

    /** One plain recording; the thread drains the store after every 1,024th. */
    static void recordPlain(EventStore store, Cursor c) {
        int k = c.i++ & Workload.MASK;
        c.work.record(store, k);
        if (k == Workload.MASK) {
            store.drainAll();
        }
    }
}
