package io.ironcage.analytics.core.jfr;

/**
 * JFR events of the sync client: one {@code SyncAttempt} per HTTP request (off unless a
 * recording enables it) and one {@code SyncStateChanged} per state change. Called on the sync
 * actor's thread (through {@code SyncMBeans.Registration}, the client's observer); each call
 * returns at once when no recording wants the event.
 */
public final class SyncRecorder {
    private SyncRecorder() {}

    /**
     * Records one HTTP request of the sync client, once its outcome is known.
     *
     * @param store           the store's name
     * @param statusCode      the HTTP status, or -1 when there was no response
     * @param outcome         what the client made of it (an outcome name)
     * @param retry           whether the event had been attempted before
     * @param events          events the request carried
     * @param delivered       events of the request the server accepted as new (202)
     * @param duplicates      events of the request the server already had (200 duplicate)
     * @param rejected        events of the request the server refused for good
     * @param detail          the error code or exception class behind a failure, or null
     * @param durationNanos   from sending the request to its outcome
     */
    public static void attempt(String store, int statusCode, String outcome, boolean retry, int events,
                               int delivered, int duplicates, int rejected, String detail, long durationNanos) {
        if (!StoreRecorder.isLive() || !StoreRecorder.Types.SYNC_ATTEMPT.isEnabled()) {
            return;
        }
        SyncAttemptEvent e = new SyncAttemptEvent();
        e.store = store;
        e.statusCode = statusCode;
        e.outcome = outcome;
        e.retry = retry;
        e.events = events;
        e.delivered = delivered;
        e.duplicates = duplicates;
        e.rejected = rejected;
        e.detail = detail;
        e.requestDuration = durationNanos;
        e.commit();
    }

    /**
     * Records a change of the sync client's state.
     *
     * @param store  the store's name
     * @param from   the previous state's name
     * @param to     the new state's name
     * @param reason why, in a few words; may be empty
     */
    public static void stateChanged(String store, String from, String to, String reason) {
        if (!StoreRecorder.isLive() || !StoreRecorder.Types.SYNC_STATE.isEnabled()) {
            return;
        }
        SyncStateChangedEvent e = new SyncStateChangedEvent();
        e.store = store;
        e.from = from;
        e.to = to;
        e.reason = reason;
        e.commit();
    }
}
