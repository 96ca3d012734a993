package io.ironcage.analytics.sync;

import java.time.Duration;

/** Controls a running sync actor. */
public interface SyncHandle extends AutoCloseable {

    /**
     * Flushes what can be delivered by the deadline, then stops. Undelivered events stay with the
     * store, unsynced and visible.
     *
     * @param deadline how long to try at most
     * @return what was delivered, rejected and left undelivered
     */
    SyncResult stop(Duration deadline);

    /** {@link #stop(Duration)} with the configured shutdown timeout; idempotent. */
    @Override
    void close();
}
