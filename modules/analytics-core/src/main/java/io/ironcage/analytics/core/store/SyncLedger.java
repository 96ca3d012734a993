package io.ironcage.analytics.core.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync client's terms of the conservation formula, kept with the store so that
 * {@code accounting()} can report them. The sync actor is the only writer (one virtual thread);
 * any thread may read. Each transition moves one event from one term to another with two atomic
 * updates, so a snapshot taken mid-transition may be off by one; at rest it is exact.
 */
public final class SyncLedger {
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong localOnly = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();

    SyncLedger() {}

    /** An event was claimed from the buffer (the store counts it here as it releases it). */
    void claimed() {
        inFlight.incrementAndGet();
    }

    /** A claimed event is not an LLM event: it stays local. */
    public void inFlightToLocalOnly() {
        inFlight.decrementAndGet();
        localOnly.incrementAndGet();
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
     * The server has the event.
     *
     * @param duplicate true if it answered 200 duplicate (delivered earlier), false for 202
     */
    public void inFlightToDelivered(boolean duplicate) {
        inFlight.decrementAndGet();
        delivered.incrementAndGet();
        if (duplicate) {
            duplicates.incrementAndGet();
        }
    }

    /** The server refused the event for good. */
    public void inFlightToRejected() {
        inFlight.decrementAndGet();
        rejected.incrementAndGet();
    }

    /** An in-flight event went back to the store (the store counts it as buffered or dropped). */
    void inFlightReturned() {
        inFlight.decrementAndGet();
        returned.incrementAndGet();
    }

    /** A waiting event went back to the store (the store counts it as buffered or dropped). */
    void retryingReturned() {
        retrying.decrementAndGet();
        returned.incrementAndGet();
    }

    /** @return events being sent now */
    public long inFlight() {
        return inFlight.get();
    }

    /** @return events waiting for a retry */
    public long retrying() {
        return retrying.get();
    }

    /** @return events the server has (202 or 200 duplicate) */
    public long delivered() {
        return delivered.get();
    }

    /** @return the part of {@link #delivered()} the server reported as duplicates */
    public long duplicates() {
        return duplicates.get();
    }

    /** @return events refused for good */
    public long rejected() {
        return rejected.get();
    }

    /** @return non-LLM events kept off the wire */
    public long localOnly() {
        return localOnly.get();
    }

    /** @return events the sync client gave back to the store */
    public long returned() {
        return returned.get();
    }
}
