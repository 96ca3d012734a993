package io.ironcage.analytics.core.store;

import io.ironcage.analytics.ModelStats;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Merges the latency distributions of several cells into one key's figures (a model over its
 * providers, a provider over its models, everything): the histograms are added, so the merged
 * percentiles are those of the union, not averages of percentiles. A key with one source reads
 * that cell's live histogram; a second source makes a plain accumulator (in {@code stats()}, never
 * on the recording path).
 */
final class LatencyMerge {
    private AbstractHistogram duration;
    private AbstractHistogram firstToken;
    private boolean owned;

    void add(Latency l) {
        if (l == null) {
            return;
        }
        if (duration == null) {
            duration = l.duration;
            firstToken = l.firstToken;
            return;
        }
        if (!owned) {
            Histogram d = Latency.newAccumulator();
            d.add(duration);
            Histogram f = Latency.newAccumulator();
            f.add(firstToken);
            duration = d;
            firstToken = f;
            owned = true;
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
