package io.ironcage.analytics.core.sync;

/**
 * What the sync actor is doing, as {@link SyncStatus#state()} and
 * {@link SyncObserver#stateChanged} report it. When several apply, the first in this order wins:
 * {@code STOPPED}, {@code BACKING_OFF}, {@code PAUSED_AUTH}, {@code RUNNING}.
 */
public enum SyncState {
    /** Delivering normally (or idle, waiting for the next trigger). */
    RUNNING,
    /**
     * The server is unreachable, failing (5xx, timeouts, unrecognised answers) or rate limiting
     * (429): nothing is sent until the back-off ends, then one probe request goes first.
     */
    BACKING_OFF,
    /**
     * The server refused at least one token (401, 403, 400 {@code INVALID_TOKEN}): events for that
     * token are held as retrying and one probe per token is sent after its back-off; events for
     * other tokens are still delivered.
     */
    PAUSED_AUTH,
    /** Not running: never started, or stopped (every undelivered event is back in the store). */
    STOPPED
}
