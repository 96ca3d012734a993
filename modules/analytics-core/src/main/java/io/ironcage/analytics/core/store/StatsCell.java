package io.ironcage.analytics.core.store;

import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.core.pricing.MicroCarry;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals for one key (a model, a provider or an agent). Write-mostly, so each total is a
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

    // Model cells only: the sub-microdollar remainder carried from one event of this model to the
    // next, so that the model's event costs sum to its exact total rounded down (no drift, and
    // per-model totals do not depend on thread timing). Per model keeps it off any global
    // contention point.
    final MicroCarry carry = new MicroCarry();

    // Model cells only: the metadata last built for this model, shared by its events. A plain
    // field: racing writers may each build one (harmless duplicates), and LlmModelMeta is a record
    // of final fields, so a reader that sees the reference sees a fully built object.
    private LlmModelMeta lastMeta;

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

    /** The shared metadata for this model with the given provider and provider key. */
    LlmModelMeta meta(String model, String provider, String providerId) {
        LlmModelMeta m = lastMeta;
        if (m != null && m.model().equals(model) && m.provider().equals(provider)
                && Objects.equals(m.providerId(), providerId)) {
            return m;
        }
        m = new LlmModelMeta(providerId, provider, model);
        lastMeta = m;
        return m;
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
