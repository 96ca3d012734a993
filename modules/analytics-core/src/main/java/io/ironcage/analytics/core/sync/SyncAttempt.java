package io.ironcage.analytics.core.sync;

import java.time.Duration;

/**
 * One HTTP request the actor made, as {@link SyncObserver#attempt} reports it (for JFR events or
 * metrics). Never carries the token or the body.
 *
 * @param statusCode the HTTP status, or -1 if there was no response (connection error, timeout,
 *                   cancellation)
 * @param duration   from sending the request to its outcome
 * @param outcome    what the client made of it
 * @param retry      whether the event had been attempted before
 * @param detail     the error code or exception class behind a failure, or null
 */
public record SyncAttempt(int statusCode, Duration duration, Outcome outcome, boolean retry, String detail) {

    /** What the client made of an attempt. */
    public enum Outcome {
        /** 2xx: the server accepted the event. */
        DELIVERED,
        /** 200 {@code duplicate}: the server already had it. */
        DUPLICATE,
        /** Refused for good (400 {@code VALIDATION_ERROR}, 413, 422). */
        REJECTED,
        /** 401, 403, 400 {@code INVALID_TOKEN}: the event waits until its token works. */
        AUTH_FAILED,
        /** 429: the event waits for {@code Retry-After} or the back-off. */
        RATE_LIMITED,
        /** Anything transient (5xx, other 4xx, timeouts, connection errors): retried after a back-off. */
        RETRY,
        /** Cancelled by {@code stop} at its deadline; the event went back to the store. */
        CANCELLED
    }
}
