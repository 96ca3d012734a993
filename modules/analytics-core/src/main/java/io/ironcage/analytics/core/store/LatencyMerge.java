package io.ironcage.analytics.core.store;

import io.ironcage.analytics.ModelStats;
import org.HdrHistogram.Histogram;

/**
 * Merges the latency distributions of several cells into one key's figures (a model over its
 * providers, a provider over its models, everything): the histograms are added, so the merged
 * percentiles are those of the union, not averages of percentiles. The live histograms are never
 * summarised directly: HdrHistogram's iterators (behind {@code getMean} and others) throw
 * {@code ConcurrentModificationException} when the total count moves under them. They are added
 * into a plain accumulator of the same layout instead, which copies bucket by bucket and sets its
 * total to the counts it copied (a self-consistent snapshot). In {@code stats()}, never on the
 * recording path.
 */
final class LatencyMerge {
    private Histogram duration;
    private Histogram firstToken;

    void add(Latency l) {
        if (l == null) {
            return;
        }
        if (duration == null) {
            duration = Latency.newAccumulator();
            firstToken = Latency.newAccumulator();
        }
        duration.add(l.duration);
        firstToken.add(l.firstToken);
    }

    /** The stats with this merge's latency summaries in place of theirs. */
    ModelStats apply(ModelStats s) {
        return new ModelStats(s.requestCount(), s.failedCount(), s.inputTokens(), s.outputTokens(), s.costMicros(),
                s.unpricedCount(), s.cacheReadTokens(), s.cacheWriteTokens(), s.reasoningTokens(), s.usageMissing(),
                Latency.summary(duration), Latency.summary(firstToken));
    }
}
