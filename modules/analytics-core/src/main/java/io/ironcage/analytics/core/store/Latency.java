package io.ironcage.analytics.core.store;

import io.ironcage.analytics.LatencyStats;
import java.time.Duration;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

/**
 * The latency and time-to-first-token distributions of one model x provider cell: two
 * HdrHistograms of microseconds, 1 µs to one hour, 3 significant digits (every recorded value is
 * kept within 0.1%). A cell makes its {@code Latency} on its first duration (see
 * {@link StatsCell}), so a model that never reports one costs nothing here; one that does costs
 * two histograms of about 189 KB each (3 digits over 32 binary orders of magnitude), bounded in
 * number by the model and provider tables' cardinality guards.
 *
 * <p>Why {@link AtomicHistogram}: its range is fixed at construction (1 µs to 1 h is all we
 * accept, larger durations are rejected before recording), so it never resizes, and
 * {@code recordValue} is an index computation plus two atomic increments (the bucket's count in an
 * {@code AtomicLongArray}, then the total count): lock-free, allocation-free, never blocking.
 * {@code ConcurrentHistogram} and {@code Recorder} use a {@code WriterReaderPhaser} so a reader can
 * take a consistent interval snapshot, but their readers flip phases and may wait for writers, and
 * {@code ConcurrentHistogram} supports auto-resize which we do not need.
 *
 * <p>Memory ordering: each {@code recordValue} increments its bucket's count in an
 * {@code AtomicLongArray} (a volatile read-modify-write), then the total count. A reader never
 * summarises the live histogram (its iterators throw {@code ConcurrentModificationException}
 * when the total moves): it adds it into a plain histogram of the same layout, which reads each
 * bucket with a volatile load and takes as its total the sum of what it read, so the copy is
 * self-consistent. Under concurrent recording the copy holds part of the values recorded meanwhile
 * (weakly consistent); at rest it is exact.
 */
final class Latency {
    static final long HIGHEST_MICROS = Duration.ofHours(1).toNanos() / 1_000;
    static final int DIGITS = 3;

    final AtomicHistogram duration = newAtomic();
    final AtomicHistogram firstToken = newAtomic();

    private static AtomicHistogram newAtomic() {
        return new AtomicHistogram(1, HIGHEST_MICROS, DIGITS);
    }

    /** A plain (single-threaded) histogram with the same range, to merge cells into. */
    static Histogram newAccumulator() {
        return new Histogram(1, HIGHEST_MICROS, DIGITS);
    }

    /** Records a duration already checked to be within [0, 1 h]; null records nothing. */
    static void record(AtomicHistogram h, Duration d) {
        if (d != null) {
            h.recordValue(d.toNanos() / 1_000);
        }
    }

    /**
     * The summary of a histogram no thread records into (an accumulator: see {@link LatencyMerge});
     * {@link LatencyStats#EMPTY} for null or an empty one.
     */
    static LatencyStats summary(AbstractHistogram h) {
        if (h == null) {
            return LatencyStats.EMPTY;
        }
        long n = h.getTotalCount();
        if (n == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(n, Duration.ofNanos(Math.round(h.getMean() * 1_000)),
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                micros(h.getValueAtPercentile(99)), micros(h.getMaxValue()));
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1_000);
    }
}
