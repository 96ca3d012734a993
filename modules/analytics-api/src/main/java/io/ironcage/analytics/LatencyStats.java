package io.ironcage.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * A summary of a distribution of durations (request latency or time to first token), as of a
 * {@link ComputedStats} snapshot.
 *
 * <p>Precision: the store keeps each distribution in a histogram of microseconds from 1 µs to one
 * hour with 3 significant decimal digits, so every percentile and the maximum are within 0.1% of
 * the exact value (rounded to the microsecond); {@code mean} is the histogram's mean, within the
 * same 0.1%. {@code count} is exact.
 *
 * @param count how many durations were measured; 0 when none was
 * @param mean  their mean; zero when none was measured
 * @param p50   the median; zero when none was measured
 * @param p90   the 90th percentile; zero when none was measured
 * @param p99   the 99th percentile; zero when none was measured
 * @param max   the longest; zero when none was measured
 */
public record LatencyStats(long count, Duration mean, Duration p50, Duration p90, Duration p99, Duration max) {

    /** Nothing measured: count 0 and zero durations. */
    public static final LatencyStats EMPTY = new LatencyStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    /**
     * Validates the components.
     *
     * @param count how many durations were measured
     * @param mean  their mean
     * @param p50   the median
     * @param p90   the 90th percentile
     * @param p99   the 99th percentile
     * @param max   the longest
     */
    public LatencyStats {
        Checks.nonNegative("count", count);
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
    }

    /**
     * Combines two summaries without their distributions: {@code count} and {@code max} are
     * exact, {@code mean} is the count-weighted mean, and each percentile is the larger of the two
     * (an upper bound: percentiles of a union cannot be derived from percentiles). The store's own
     * totals never use this: it merges the underlying histograms.
     *
     * @param other the other summary
     * @return the combination
     */
    public LatencyStats plus(LatencyStats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        long meanNanos = (long) ((mean.toNanos() * (double) count + other.mean.toNanos() * (double) other.count) / n);
        return new LatencyStats(n, Duration.ofNanos(meanNanos), longer(p50, other.p50), longer(p90, other.p90),
                longer(p99, other.p99), longer(max, other.max));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
