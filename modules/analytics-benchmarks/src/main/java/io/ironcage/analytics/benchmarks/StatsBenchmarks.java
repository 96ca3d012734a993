package io.ironcage.analytics.benchmarks;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code stats()}: the snapshot of every model, provider and agent total, with 20 and with 1,000
 * distinct models in the table (and 4 agents, 3 providers), alone and while another thread keeps
 * recording into the same store: with the reader in a tight loop (the worst case for the writer's
 * caches) and with one snapshot every 100 microseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class StatsBenchmarks {
    /** Distinct models the store has seen. */
    @Param({"20", "1000"})
    public int models;

    private EventStore store;

    /** A store that has recorded 10 requests of each model. */
    @Setup(Level.Trial)
    public void setUp() {
        Workload.requirePriced(Analytics.embeddedPricing(), Workload.MODELS);
        store = Analytics.newStore(StoreConfig.builder().name("bench-stats").build());
        List<String> names = Workload.distinctModels(models);
        for (int round = 0; round < 10; round++) {
            for (int m = 0; m < names.size(); m++) {
                String name = names.get(m);
                store.recordLlmCompleted(name, 1000 + m, 100 + round, Workload.AGENTS.get(m % Workload.AGENTS.size()),
                        Workload.providerIdOf(name));
            }
            store.drainAll();
        }
        int seen = store.stats().byModel().size();
        if (seen != models) {
            throw new IllegalStateException("expected " + models + " models in stats(), found " + seen);
        }
    }

    /** The writer of the group must not have dropped anything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        long dropped = store.droppedCount();
        store.close();
        if (dropped != 0) {
            throw new IllegalStateException(dropped + " events dropped");
        }
    }

    // Measures one stats() snapshot (every model, provider and agent) with no concurrent writer.
    @Benchmark
    @Threads(1)
    public ComputedStats stats() {
        return store.stats();
    }

    // Measures stats() while the group's other thread records without pause (the reader's side).
    @Benchmark
    @Group("statsWhileRecording")
    @GroupThreads(1)
    public ComputedStats statsReader() {
        return store.stats();
    }

    // Measures recordLlmCompleted while the group's other thread takes stats() snapshots without pause (the writer's side: compare with RecordBenchmarks.recordLlmCompleted).
    @Benchmark
    @Group("statsWhileRecording")
    @GroupThreads(1)
    public void statsWriter(RecordBenchmarks.Cursor c) {
        RecordBenchmarks.recordPlain(store, c);
    }

    // Measures stats() taken after parking 100 us (about 0.2 ms apart in practice), a monitoring rate far above any real one (the reader's side).
    @Benchmark
    @Group("statsEvery100usWhileRecording")
    @GroupThreads(1)
    public ComputedStats pacedReader() {
        LockSupport.parkNanos(100_000);
        return store.stats();
    }

    // Measures recordLlmCompleted while the group's other thread takes a stats() snapshot every 100 us (the writer's side).
    @Benchmark
    @Group("statsEvery100usWhileRecording")
    @GroupThreads(1)
    public void pacedWriter(RecordBenchmarks.Cursor c) {
        RecordBenchmarks.recordPlain(store, c);
    }
}
