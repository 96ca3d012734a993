package io.ironcage.analytics.core.store;

import io.ironcage.analytics.ModelStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Totals per key with a cardinality guard: at most {@code max} distinct keys get their own cell;
 * events for any further key aggregate under {@link #OVERFLOW_KEY}, and those events are counted,
 * so one careless caller (a model name with a request id in it) cannot grow memory without bound.
 *
 * <p>Lookups of known keys are a lock-free {@link ConcurrentHashMap#get}. Inserting a never-seen
 * key uses {@code computeIfAbsent}, which locks one bin briefly: the one lock the recording path
 * may take, once per key for the store's lifetime.
 */
final class StatsTable<C> {
    /** The key that over-limit keys aggregate under. */
    static final String OVERFLOW_KEY = "(other)";

    private final ConcurrentHashMap<String, C> cells = new ConcurrentHashMap<>();
    private final Supplier<C> newCell;
    private final C overflow;
    private final LongAdder overflowEvents = new LongAdder();
    // Distinct keys admitted; incremented inside computeIfAbsent's mapping function, so it counts
    // keys actually inserted (the function runs at most once per key).
    private final AtomicInteger admitted = new AtomicInteger();
    private final int max;
    // Test seam: calls of computeIfAbsent (the locking lookup) on the admission path. Touched only
    // there, never for a known key.
    private final LongAdder lockedLookups = new LongAdder();

    /**
     * A table of at most {@code max} keys.
     *
     * @param max     distinct keys with their own cell
     * @param newCell makes a key's cell (and the overflow cell)
     */
    StatsTable(int max, Supplier<C> newCell) {
        this.max = max;
        this.newCell = newCell;
        this.overflow = newCell.get();
    }

    C cell(String key) {
        return countIfOverflow(lookup(key));
    }

    /**
     * The key's cell, admitting the key if there is room, or the overflow cell; counts nothing
     * (see {@link #countIfOverflow}), so a caller can still reject the event afterwards.
     */
    C lookup(String key) {
        C c = cells.get(key);
        return c != null ? c : admit(key);
    }

    /** Counts one overflow event if the cell is the overflow cell; returns the cell. */
    C countIfOverflow(C c) {
        if (c == overflow) {
            overflowEvents.increment();
        }
        return c;
    }

    private C admit(String key) {
        C c;
        lockedLookups.increment();
        if (admitted.get() >= max) {
            // Looks full, but the key may be one another thread admitted (and may still be
            // inserting) after our get() missed it: computeIfAbsent waits for an insertion in
            // progress and returns that cell, and inserts nothing itself.
            c = cells.computeIfAbsent(key, k -> null);
        } else {
            c = cells.computeIfAbsent(key, k -> {
                if (admitted.incrementAndGet() > max) {
                    admitted.decrementAndGet();
                    return null;
                }
                return newCell.get();
            });
        }
        return c == null ? overflow : c;
    }

    /**
     * Admits a key without counting in its cell: the key itself, or {@link #OVERFLOW_KEY} (and
     * one overflow event counted) when the table is full.
     */
    String admitKey(String key) {
        return cell(key) == overflow ? OVERFLOW_KEY : key;
    }

    /** Every cell with its key, the overflow cell last under {@link #OVERFLOW_KEY}. */
    void forEach(BiConsumer<String, C> action) {
        cells.forEach(action);
        action.accept(OVERFLOW_KEY, overflow);
    }

    /** Events that went to the overflow key because the table was full. */
    long overflowEvents() {
        return overflowEvents.sum();
    }

    /** How many times the admission path took computeIfAbsent's bin lock (for tests). */
    long lockedLookups() {
        return lockedLookups.sum();
    }

    int distinctKeys() {
        return cells.size();
    }

    /** A snapshot of every key of a table of counters, the overflow key included when it has anything. */
    static Map<String, ModelStats> snapshot(StatsTable<StatsCell> table) {
        Map<String, ModelStats> out = HashMap.newHashMap(table.cells.size() + 1);
        table.cells.forEach((k, v) -> out.put(k, v.snapshot()));
        ModelStats o = table.overflow.snapshot();
        if (o.requestCount() != 0) {
            out.merge(OVERFLOW_KEY, o, ModelStats::plus);
        }
        return out;
    }

    /** The sum over every key: the global totals, when every event has exactly one key here. */
    static ModelStats total(Map<String, ModelStats> snapshot) {
        long req = 0, failed = 0, in = 0, out = 0, cost = 0, unpriced = 0;
        for (ModelStats s : snapshot.values()) {
            req += s.requestCount();
            failed += s.failedCount();
            in += s.inputTokens();
            out += s.outputTokens();
            cost += s.costMicros();
            unpriced += s.unpricedCount();
        }
        return new ModelStats(req, failed, in, out, cost, unpriced);
    }
}
