package io.ironcage.analytics.sync;

/**
 * What a sync cycle or a stop achieved.
 *
 * @param delivered  events the server accepted for the first time (202)
 * @param duplicates events the server already had (200 duplicate): delivered, not new
 * @param rejected   events the server refused for good (400 validation error)
 * @param remaining  LLM events still undelivered, left with the store
 */
public record SyncResult(long delivered, long duplicates, long rejected, long remaining) {

    /** Nothing happened: sync is disabled or there was nothing to send. */
    public static final SyncResult NONE = new SyncResult(0, 0, 0, 0);
}
