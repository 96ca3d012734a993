package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.core.sync.SyncAttempt;
import io.ironcage.analytics.core.sync.SyncMonitoring;
import io.ironcage.analytics.core.sync.SyncState;

/**
 * The JFR side of the sync package's {@link SyncMonitoring} seam: one {@code SyncAttempt} event
 * per HTTP request (off unless a recording enables it) and one {@code SyncStateChanged} per state
 * change. Called on the sync actor's thread (through the run's monitor); each call returns at
 * once when no recording wants the event.
 */
public final class SyncRecorder {
    /** Each long-lived run's JFR events; opening and closing register nothing. */
    public static final SyncMonitoring MONITORING = run -> new RunEvents(run.store().name());

    private SyncRecorder() {}

    /** One run's JFR events, tagged with its store's name. */
    private record RunEvents(String storeName) implements SyncMonitoring.Monitor {
        @Override
        public void stateChanged(SyncState from, SyncState to, String reason) {
            SyncRecorder.stateChanged(storeName, from.name(), to.name(), reason);
        }

        @Override
        public void attempt(SyncAttempt attempt) {
            SyncAttempt.Outcome o = attempt.outcome();
            SyncRecorder.attempt(storeName, attempt.statusCode(), o.name(), attempt.retry(), 1,
                    o == SyncAttempt.Outcome.DELIVERED ? 1 : 0, o == SyncAttempt.Outcome.DUPLICATE ? 1 : 0,
                    o == SyncAttempt.Outcome.REJECTED ? 1 : 0, attempt.detail(),
                    attempt.duration() == null ? 0 : saturatedNanos(attempt.duration()));
        }

        @Override
        public void close() { }

        private static long saturatedNanos(java.time.Duration d) {
            try {
                return d.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }

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
