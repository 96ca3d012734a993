package io.ironcage.analytics;

/**
 * Where every recorded event is, as one point-in-time snapshot of counters. At rest (no recording,
 * no sync in progress) the terms add up:
 *
 * <pre>{@code
 * recorded = buffered + inFlight + retrying + delivered + duplicates + rejected + evictedLocal
 *          + markedSynced + drained + dropped
 * }</pre>
 *
 * Each term is counted where it happens, never computed as a remainder of the others.
 *
 * @param recorded     events accepted by a {@code record*} call
 * @param buffered     events in the buffer now, LLM and local (marked ones excluded)
 * @param inFlight     events the sync client is sending now
 * @param retrying     events the sync client holds for a retry (including ones held for a paused token)
 * @param delivered    events the server accepted as new (202): first deliveries only, the same
 *                     meaning as in the sync client's status and results
 * @param duplicates   events the server answered as already delivered (200 duplicate)
 * @param rejected     events the server refused for good (400 validation error)
 * @param evictedLocal local (non-LLM) events evicted, oldest first, to make room in a full buffer
 * @param markedSynced events removed by {@link EventStore#markSynced}
 * @param drained      events handed to callers by {@link EventStore#drainAll()}
 * @param dropped      events lost because the buffer was full of LLM events or the store was
 *                     closed (counted, never silent)
 */
public record EventAccounting(long recorded, long buffered, long inFlight, long retrying, long delivered,
                              long duplicates, long rejected, long evictedLocal, long markedSynced, long drained,
                              long dropped) {

    /**
     * The right-hand side of the conservation formula.
     *
     * @return the sum of every term but {@code recorded}
     */
    public long accountedFor() {
        return buffered + inFlight + retrying + delivered + duplicates + rejected + evictedLocal + markedSynced
                + drained + dropped;
    }

    /**
     * Whether the formula holds in this snapshot (expected at rest).
     *
     * @return {@code recorded == accountedFor()}
     */
    public boolean balanced() {
        return recorded == accountedFor();
    }
}
