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
 * may take, once per key for the store's lifetime. Once the table is full, a key it does not hold
 * is sent to the overflow key without any lock: a read of the insert count and a second
 * {@code get} (see {@link #admit}).
 */
final class StatsTable<C> {
    /** The key that over-limit keys aggregate under. */
    static final String OVERFLOW_KEY = "(other)";

    private final ConcurrentHashMap<String, C> cells = new ConcurrentHashMap<>();
    private final Supplier<C> newCell;
    private final C overflow;
    private final LongAdder overflowEvents = new LongAdder();
    // Slots taken: incremented inside computeIfAbsent's mapping function (which runs at most once
    // per key) and given back at once when it passes max, so at most max keys are ever inserted.
    private final AtomicInteger reserved = new AtomicInteger();
    // Keys whose insertion is complete and visible: incremented by the inserting thread after its
    // computeIfAbsent returned. When it reads max, every admitted key is in the map for good.
    private final AtomicInteger inserted = new AtomicInteger();
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

    /**
     * The key's cell if the key is already admitted, else null; admits nothing and counts
     * nothing. A lock-free {@link ConcurrentHashMap#get} (a volatile read of the bin: a cell
     * seen here was fully built before it was published by {@code computeIfAbsent}).
     */
    C get(String key) {
        return cells.get(key);
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

    /**
     * The cell of a key that {@code get} just missed: admits it if there is room, else the
     * overflow cell (not counted here).
     *
     * <p>Full table, lock-free: {@code inserted} is read with a volatile load (acquire); each
     * inserter incremented it (a volatile read-modify-write, release) only after its mapping was
     * published, so reading {@code max} means every one of the at most {@code max} keys is visible
     * to the second {@code get} below, and a key that misses it is over the limit for good.
     *
     * <p>Otherwise (room, or insertions still in flight), {@code computeIfAbsent}: it waits for
     * an insertion of this key in progress and returns that cell, so an admitted key never loses
     * an event to the overflow key while it is being inserted (the fix of commit 083616f): the
     * inserter has not counted its key in {@code inserted} yet, so a thread that just missed it in
     * the map cannot take the lock-free branch.
     */
    private C admit(String key) {
        if (inserted.get() >= max) {
            C c = cells.get(key);
            return c != null ? c : overflow;
        }
        lockedLookups.increment();
        boolean[] mine = {false};
        C c = cells.computeIfAbsent(key, k -> {
            if (reserved.incrementAndGet() > max) {
                reserved.decrementAndGet();
                return null;
            }
            mine[0] = true;
            return newCell.get();
        });
        if (mine[0]) {
            inserted.incrementAndGet();
        }
        return c == null ? overflow : c;
    }

    /** Counts one event sent to the overflow key (a caller that remembers an overflow decision). */
    void countOverflowEvent() {
        overflowEvents.increment();
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
