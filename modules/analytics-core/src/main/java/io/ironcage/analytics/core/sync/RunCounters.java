package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.sync.SyncResult;
import java.time.Instant;

/**
 * What one run has done so far: the counts and last reasons the {@link SyncStatus}, the cycle
 * answers of {@code syncNow()} and the stop's result report. Reasons are the clean form (see
 * {@link ServerText#clean}). Actor-only: no synchronisation; published through the status snapshot.
 */
final class RunCounters {
    private long delivered;
    private long duplicates;
    private long rejected;
    private long retries;
    private String lastRejection;
    private String lastError;
    private Instant lastSuccess;

    /** The counts when a {@code syncNow()} arrived, to answer with what its cycle did. */
    record Mark(long delivered, long duplicates, long rejected) { }

    /**
     * The server has the event.
     *
     * @param duplicate whether it had it already
     * @param at        the wall clock now
     */
    void delivered(boolean duplicate, Instant at) {
        if (duplicate) {
            duplicates++;
        } else {
            delivered++;
        }
        lastSuccess = at;
    }

    /** An event left for good, refused, for this (clean) reason. */
    void rejected(String reason) {
        rejected++;
        lastRejection = reason;
    }

    /** A request re-sent an event after a failed attempt. */
    void retried() {
        retries++;
    }

    /** A transient or auth failure, for this (clean) reason. */
    void failed(String reason) {
        lastError = reason;
    }

    Mark mark() {
        return new Mark(delivered, duplicates, rejected);
    }

    /** What happened since the mark, with what is left in the store. */
    SyncResult since(Mark m, long remaining) {
        return new SyncResult(delivered - m.delivered(), duplicates - m.duplicates(), rejected - m.rejected(),
                remaining);
    }

    /** The run's totals, with what is left in the store. */
    SyncResult total(long remaining) {
        return new SyncResult(delivered, duplicates, rejected, remaining);
    }

    long delivered() {
        return delivered;
    }

    long duplicates() {
        return duplicates;
    }

    long rejected() {
        return rejected;
    }

    long retries() {
        return retries;
    }

    String lastRejection() {
        return lastRejection;
    }

    String lastError() {
        return lastError;
    }

    /** When the server last accepted an event, or null. */
    Instant lastSuccess() {
        return lastSuccess;
    }

    @Override
    public String toString() {
        return "RunCounters[delivered=" + delivered + ", duplicates=" + duplicates + ", rejected=" + rejected
                + ", retries=" + retries + "]";
    }
}
