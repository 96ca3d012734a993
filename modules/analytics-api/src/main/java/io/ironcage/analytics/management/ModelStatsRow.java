package io.ironcage.analytics.management;

import io.ironcage.analytics.LatencyStats;
import io.ironcage.analytics.ModelStats;
import java.util.Objects;

/**
 * One row of the {@link EventStoreMXBean} per-model, per-provider and per-agent tables: a
 * {@link ModelStats} flattened into JMX open data (plain numbers only: {@link java.time.Duration}
 * has no open type). The first columns are {@link ModelStats}'s counters under the same names;
 * the latency and time-to-first-token summaries follow, in microseconds (the distributions'
 * resolution; within 0.1%, see {@link LatencyStats}), 0 when nothing was measured.
 *
 * @param requestCount                requests recorded, failed ones included
 * @param failedCount                 failed requests
 * @param inputTokens                 prompt tokens
 * @param outputTokens                completion tokens
 * @param costMicros                  cost in microdollars
 * @param unpricedCount               unpriced completed requests
 * @param cacheReadTokens             prompt tokens read from the cache
 * @param cacheWriteTokens            prompt tokens written to the cache (5-minute and 1-hour)
 * @param reasoningTokens             completion tokens spent on reasoning
 * @param usageMissing                requests recorded without usage
 * @param latencyCount                requests that gave a duration
 * @param latencyMeanMicros           mean duration
 * @param latencyP50Micros            median duration
 * @param latencyP90Micros            90th percentile duration
 * @param latencyP99Micros            99th percentile duration
 * @param latencyMaxMicros            longest duration
 * @param timeToFirstTokenCount       requests that gave a time to first token
 * @param timeToFirstTokenMeanMicros  mean time to first token
 * @param timeToFirstTokenP50Micros   median time to first token
 * @param timeToFirstTokenP90Micros   90th percentile time to first token
 * @param timeToFirstTokenP99Micros   99th percentile time to first token
 * @param timeToFirstTokenMaxMicros   longest time to first token
 */
public record ModelStatsRow(long requestCount, long failedCount, long inputTokens, long outputTokens,
        long costMicros, long unpricedCount, long cacheReadTokens, long cacheWriteTokens, long reasoningTokens,
        long usageMissing, long latencyCount, long latencyMeanMicros, long latencyP50Micros,
        long latencyP90Micros, long latencyP99Micros, long latencyMaxMicros, long timeToFirstTokenCount,
        long timeToFirstTokenMeanMicros, long timeToFirstTokenP50Micros, long timeToFirstTokenP90Micros,
        long timeToFirstTokenP99Micros, long timeToFirstTokenMaxMicros) {

    /**
     * The row of a snapshot.
     *
     * @param s the stats
     * @return its row
     */
    public static ModelStatsRow of(ModelStats s) {
        Objects.requireNonNull(s, "s");
        LatencyStats l = s.latency();
        LatencyStats t = s.timeToFirstToken();
        return new ModelStatsRow(s.requestCount(), s.failedCount(), s.inputTokens(), s.outputTokens(),
                s.costMicros(), s.unpricedCount(), s.cacheReadTokens(), s.cacheWriteTokens(), s.reasoningTokens(),
                s.usageMissing(), l.count(), micros(l.mean()), micros(l.p50()), micros(l.p90()), micros(l.p99()),
                micros(l.max()), t.count(), micros(t.mean()), micros(t.p50()), micros(t.p90()), micros(t.p99()),
                micros(t.max()));
    }

    private static long micros(java.time.Duration d) {
        return d.toNanos() / 1_000;
    }
}
