package io.ironcage.analytics.core.store;

import io.ironcage.analytics.ModelStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals for one key (a model x provider pair, or an agent). Write-mostly, so each total is a
 * {@link LongAdder}: writers never contend on one word, and {@link #snapshot()} sums the stripes.
 * A snapshot reads the adders one after another, so under concurrent writes it may include an
 * event's tokens but not yet its cost; at rest it is exact.
 */
public final class StatsCell {
    private static final VarHandle LATENCY;

    static {
        try {
            LATENCY = MethodHandles.lookup().findVarHandle(StatsCell.class, "latency", Latency.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LongAdder requests = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder costMicros = new LongAdder();
    private final LongAdder unpriced = new LongAdder();
    private final LongAdder cacheRead = new LongAdder();
    private final LongAdder cacheWrite = new LongAdder();
    private final LongAdder reasoning = new LongAdder();
    private final LongAdder usageMissing = new LongAdder();
    // The latency distributions, made on this cell's first duration (an empty store, and a model
    // that never reports durations, keep none). Published by a compareAndSet (release); read with
    // a volatile load (acquire), so a reader that sees it sees its histograms fully built. Two
    // racing first recorders may both build one: the loser's is dropped before any value is in it.
    private volatile Latency latency;

    /**
     * One LLM request, completed or failed: the request (and failure) count, its tokens, cost and
     * cache/reasoning/missing-usage figures. A completion without a price counts as unpriced; a
     * failure never does. Zero amounts skip their adder (no write to a shared cell line).
     */
    void addRequest(boolean failure, long input, long output, long cacheReadTokens, long cacheWriteTokens,
                    long reasoningTokens, long cost, boolean priced, boolean missing) {
        requests.increment();
        if (failure) {
            failed.increment();
        } else if (!priced) {
            unpriced.increment();
        }
        if (input != 0) {
            inputTokens.add(input);
        }
        if (output != 0) {
            outputTokens.add(output);
        }
        if (cost != 0) {
            costMicros.add(cost);
        }
        if (cacheReadTokens != 0) {
            cacheRead.add(cacheReadTokens);
        }
        if (cacheWriteTokens != 0) {
            cacheWrite.add(cacheWriteTokens);
        }
        if (reasoningTokens != 0) {
            reasoning.add(reasoningTokens);
        }
        if (missing) {
            usageMissing.increment();
        }
    }

    /**
     * Records a request's duration and time to first token, each already checked to be within
     * [0, 1 h]; null ones are not measured. Nothing to do (no histogram made) when both are null.
     */
    void addLatency(Duration duration, Duration timeToFirstToken) {
        if (duration == null && timeToFirstToken == null) {
            return;
        }
        Latency l = latency;
        if (l == null) {
            Latency made = new Latency();
            l = LATENCY.compareAndSet(this, null, made) ? made : latency;
        }
        Latency.record(l.duration, duration);
        Latency.record(l.firstToken, timeToFirstToken);
    }

    void addFailed() {
        requests.increment();
        failed.increment();
    }

    /** Requests counted here, failed ones included. */
    long requestCount() {
        return requests.sum();
    }

    /** The latency distributions, or null if no duration was recorded here. */
    Latency latency() {
        return latency;
    }

    /**
     * The totals now.
     *
     * @return a snapshot, its latency summaries from this cell's own histograms
     */
    public ModelStats snapshot() {
        Latency l = latency;
        return l == null ? counters() : new LatencyMerge().apply(counters(), java.util.List.of(l));
    }

    /** The counters now, with empty latency summaries. */
    ModelStats counters() {
        return new ModelStats(requests.sum(), failed.sum(), inputTokens.sum(), outputTokens.sum(),
                costMicros.sum(), unpriced.sum(), cacheRead.sum(), cacheWrite.sum(), reasoning.sum(),
                usageMissing.sum(), io.ironcage.analytics.LatencyStats.EMPTY, io.ironcage.analytics.LatencyStats.EMPTY);
    }
}
