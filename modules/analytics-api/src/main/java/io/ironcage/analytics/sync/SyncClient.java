package io.ironcage.analytics.sync;

/** Delivers a store's LLM events to the Control API. */
public interface SyncClient {

    /**
     * Starts the sync actor on a virtual thread: it syncs every interval and whenever the batch
     * threshold is reached. Calling it again returns the same handle.
     *
     * @return the handle that stops it
     */
    SyncHandle start();

    /**
     * Runs one sync cycle now and waits for it, at most the configured request timeout.
     *
     * @return what the cycle delivered, rejected and left
     */
    SyncResult syncNow();
}
