package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync client's terms of the conservation formula, kept with the store so that
 * {@code accounting()} can report them. The sync actor is the only writer (one virtual thread);
 * any thread may read. Each transition moves one event from one term to another with two atomic
 * updates, so a snapshot taken mid-transition may be off by one; at rest it is exact.
 *
 * <p>The ledger also keeps the events themselves while the sync client holds them (in flight,
 * waiting for a retry, held for a paused token), so that {@code unsyncedEvents()} can list them: an
 * event enters at its claim and leaves when it is delivered, rejected or given back.
 */
public final class SyncLedger {
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /**
     * The events the sync client holds, by identity (events compare by value), each with its claim
     * sequence number so that {@link #heldEvents()} lists them in claim order (the map iterates in
     * identity-hash order). A concurrent map: the actor writes, any thread iterates (weakly
     * consistent: an event claimed or settled during the walk may or may not be seen; the store
     * dedupes against the buffer).
     */
    private final ConcurrentHashMap<Held, Long> held = new ConcurrentHashMap<>();
    /**
     * The next claim sequence number. A plain field: only the sync actor claims (one writer), and
     * readers never read it (they read the numbers published with the map entries, whose put is a
     * volatile write).
     */
    private long nextClaim;

    /** An identity key for an event. */
    private record Held(AnalyticsEvent event) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Held h && h.event == event;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(event);
        }
    }

    SyncLedger() {}

    /**
     * An event was claimed from the buffer (the store counts it here as it releases it). It is
     * registered before the count moves, so a reader that sees the count also finds the event.
     */
    void claimed(AnalyticsEvent e) {
        held.put(new Held(e), nextClaim++);
        inFlight.incrementAndGet();
    }

    /** A send failed transiently; the event waits for a retry. */
    public void inFlightToRetrying() {
        inFlight.decrementAndGet();
        retrying.incrementAndGet();
    }

    /** A waiting event is being sent again. */
    public void retryingToInFlight() {
        retrying.decrementAndGet();
        inFlight.incrementAndGet();
    }

    /**
     * The server has the event: either a first delivery (202, counted as delivered) or one it
     * already had (200 duplicate, counted as a duplicate only).
     *
     * @param e         the event
     * @param duplicate true if it answered 200 duplicate, false for 202
     */
    public void inFlightToDelivered(AnalyticsEvent e, boolean duplicate) {
        (duplicate ? duplicates : delivered).incrementAndGet();
        inFlight.decrementAndGet();
        held.remove(new Held(e));
    }

    /**
     * The server refused the event for good.
     *
     * @param e the event
     */
    public void inFlightToRejected(AnalyticsEvent e) {
        rejected.incrementAndGet();
        inFlight.decrementAndGet();
        held.remove(new Held(e));
    }

    /** An in-flight event went back to the store (the store counts it as buffered or dropped). */
    void inFlightReturned(AnalyticsEvent e) {
        held.remove(new Held(e));
        inFlight.decrementAndGet();
    }

    /** A waiting event went back to the store (the store counts it as buffered or dropped). */
    void retryingReturned(AnalyticsEvent e) {
        held.remove(new Held(e));
        retrying.decrementAndGet();
    }

    /**
     * @return the events the sync client holds now (in flight, retrying, held for a token), in
     *         claim order (which is buffer order: claims take the oldest buffered event)
     */
    List<AnalyticsEvent> heldEvents() {
        List<Map.Entry<Held, Long>> entries = new ArrayList<>(held.size());
        for (Map.Entry<Held, Long> en : held.entrySet()) {
            entries.add(Map.entry(en.getKey(), en.getValue()));
        }
        entries.sort(Map.Entry.comparingByValue());
        List<AnalyticsEvent> out = new ArrayList<>(entries.size());
        for (Map.Entry<Held, Long> en : entries) {
            out.add(en.getKey().event());
        }
        return out;
    }

    /** @return events being sent now */
    public long inFlight() {
        return inFlight.get();
    }

    /** @return events waiting for a retry */
    public long retrying() {
        return retrying.get();
    }

    /** @return events the server took as new (202): first deliveries only */
    public long delivered() {
        return delivered.get();
    }

    /** @return events the server already had (200 duplicate); not part of {@link #delivered()} */
    public long duplicates() {
        return duplicates.get();
    }

    /** @return events refused for good */
    public long rejected() {
        return rejected.get();
    }
}
