package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.AnalyticsEvent;
import java.util.concurrent.CompletableFuture;

/**
 * One request in flight. Actor-only state, except that the transport's completion callback
 * carries the reference back through the mailbox (a safe publication: the mailbox's offer/poll
 * pair orders it). Holds the token only to redact it from server messages; never printed.
 */
final class Attempt {
    /** Why this request was sent. */
    enum Kind {
        /** An ordinary send. */
        NORMAL,
        /** The one request sent when the global back-off ends. */
        BACKOFF_PROBE,
        /** The one request sent when a paused token's back-off ends. */
        AUTH_PROBE
    }

    final AnalyticsEvent event;
    final String token;
    final Kind kind;
    final boolean retry;
    final long startNanos;
    /** The paused token this probe is for (may differ from {@link #token} after a rotation). */
    final String pausedKey;
    CompletableFuture<Exchange> future;
    boolean done;

    Attempt(AnalyticsEvent event, String token, Kind kind, boolean retry, long startNanos, String pausedKey) {
        this.event = event;
        this.token = token;
        this.kind = kind;
        this.retry = retry;
        this.startNanos = startNanos;
        this.pausedKey = pausedKey;
    }

    @Override
    public String toString() {
        return "Attempt[" + event.eventId() + ", " + kind + (retry ? ", retry" : "") + "]";
    }
}
