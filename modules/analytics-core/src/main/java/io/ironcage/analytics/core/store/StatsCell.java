package io.ironcage.analytics.core.store;

import io.ironcage.analytics.ModelStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals for one key (a model x provider pair, or an agent). Write-mostly, so each total is a
 * {@link LongAdder}: writers never contend on one word, and {@link #snapshot()} sums the stripes.
 * A snapshot reads the adders one after another, so under concurrent writes it may include an
 * event's tokens but not yet its cost; at rest it is exact.
 */
public final class StatsCell {
    private final LongAdder requests = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder costMicros = new LongAdder();
    private final LongAdder unpriced = new LongAdder();

    void addCompleted(long input, long output, long cost, boolean priced) {
        requests.increment();
        inputTokens.add(input);
        outputTokens.add(output);
        if (cost != 0) {
            costMicros.add(cost);
        }
        if (!priced) {
            unpriced.increment();
        }
    }

    void addFailed() {
        requests.increment();
        failed.increment();
    }

    /** A failure the provider billed: one request, one failure, its tokens and cost. */
    void addFailed(long input, long output, long cost) {
        requests.increment();
        failed.increment();
        if ((input | output) != 0) {
            inputTokens.add(input);
            outputTokens.add(output);
        }
        if (cost != 0) {
            costMicros.add(cost);
        }
    }

    /** Requests counted here, failed ones included. */
    long requestCount() {
        return requests.sum();
    }

    /**
     * The totals now.
     *
     * @return a snapshot
     */
    public ModelStats snapshot() {
        return new ModelStats(requests.sum(), failed.sum(), inputTokens.sum(), outputTokens.sum(),
                costMicros.sum(), unpriced.sum());
    }
}
