package io.ironcage.analytics.core.sync;

import java.time.Instant;

/**
 * A point-in-time snapshot of the sync actor, for monitoring (JMX, JFR, logs). The actor
 * publishes it after each step; reading it never blocks or disturbs the actor. Counters cover the
 * current run (since {@code start()}).
 *
 * @param state               what the actor is doing
 * @param delivered           events the server accepted for the first time (202)
 * @param duplicates          events the server already had (200 duplicate): delivered, not new
 * @param rejected            events the server refused for good (400 {@code VALIDATION_ERROR}, 413, 422)
 * @param lastRejectionReason the server's reason for the last rejection (error code and message,
 *                            any token redacted), or null if none
 * @param retries             requests that re-sent an event after a failed attempt
 * @param inFlight            requests in flight now
 * @param retrying            events the actor holds for a retry (back-off or paused token)
 * @param backlog             events waiting for delivery: the LLM events in the store's buffer plus {@code retrying} (local events never leave the store, so they are no backlog)
 * @param pausedTokens        distinct tokens the server refused and that are paused now
 * @param consecutiveFailures transient failures since the last success (drives the back-off)
 * @param lastError           why the last transient or auth failure happened (status or
 *                            exception class), or null if none
 * @param lastSuccess         when the server last accepted an event, or null if never
 * @param nextAttempt         when the back-off (or the earliest token pause) ends, or null if
 *                            none is in force
 */
public record SyncStatus(SyncState state, long delivered, long duplicates, long rejected, String lastRejectionReason,
                         long retries, int inFlight, long retrying, long backlog, int pausedTokens,
                         int consecutiveFailures, String lastError, Instant lastSuccess, Instant nextAttempt) {

    /**
     * The status of a client that is not running.
     *
     * @param backlog LLM events waiting in the store's buffer
     * @return a {@link SyncState#STOPPED} status with zero counters
     */
    public static SyncStatus stopped(long backlog) {
        return new SyncStatus(SyncState.STOPPED, 0, 0, 0, null, 0, 0, 0, backlog, 0, 0, null, null, null);
    }
}
