package io.ironcage.analytics.core.store;

import io.ironcage.analytics.ModelStats;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Merges the latency distributions of several cells into one key's figures (a model over its
 * providers, a provider over its models, everything): the histograms are added, so the merged
 * percentiles are those of the union, not averages of percentiles. The live histograms are never
 * summarised directly: HdrHistogram's iterators (behind {@code getMean} and others) throw
 * {@code ConcurrentModificationException} when the total count moves under them. They are added
 * into a plain accumulator of the same layout instead, which copies bucket by bucket and sets its
 * total to the counts it copied (a self-consistent snapshot). One merge (two accumulators of
 * about 189 KB each) serves every key of a {@code stats()} call, reset between keys, so a call
 * allocates that once, not per key. In {@code stats()}, never on the recording path; not
 * thread-safe (one per call).
 */
final class LatencyMerge {
    private final Histogram duration = Latency.newAccumulator();
    private final Histogram firstToken = Latency.newAccumulator();

    /** The stats with the summaries of the union of the sources' distributions in place of theirs. */
    ModelStats apply(ModelStats s, List<Latency> sources) {
        duration.reset();
        firstToken.reset();
        for (Latency l : sources) {
            duration.add(l.duration);
            firstToken.add(l.firstToken);
        }
        return new ModelStats(s.requestCount(), s.failedCount(), s.inputTokens(), s.outputTokens(), s.costMicros(),
                s.unpricedCount(), s.cacheReadTokens(), s.cacheWriteTokens(), s.reasoningTokens(), s.usageMissing(),
                Latency.summary(duration), Latency.summary(firstToken));
    }
}
