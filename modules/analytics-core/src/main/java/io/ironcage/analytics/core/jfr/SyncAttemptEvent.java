package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One HTTP request of the sync client; off unless a recording enables it. Committed when the
 * request's outcome is known; its {@code requestDuration} is the time from sending to outcome.
 */
@Name(StoreRecorder.NAMESPACE + "SyncAttempt")
@Label("Sync Attempt")
@Category({"Iron Cage", "Analytics", "Sync"})
@Description("One HTTP request of the sync client to the Iron Cage Control API, with its status and outcome")
@Enabled(false)
@StackTrace(false)
final class SyncAttemptEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store the client delivers for")
    String store;

    @Label("Status Code")
    @Description("HTTP status, or -1 when there was no response (connection error, timeout, cancellation)")
    int statusCode;

    @Label("Outcome")
    @Description("What the client made of it: DELIVERED, DUPLICATE, REJECTED, AUTH_FAILED, RATE_LIMITED, RETRY or CANCELLED")
    String outcome;

    @Label("Retry")
    @Description("Whether the event had been attempted before")
    boolean retry;

    @Label("Events")
    @Description("Events carried by the request (a count)")
    int events;

    @Label("Delivered")
    @Description("Events of the request the server accepted as new, 202 (a count)")
    int delivered;

    @Label("Duplicates")
    @Description("Events of the request the server already had, 200 duplicate (a count)")
    int duplicates;

    @Label("Rejected")
    @Description("Events of the request the server refused for good (a count)")
    int rejected;

    @Label("Detail")
    @Description("Error code or exception class behind a failure, or null")
    String detail;

    @Label("Request Duration")
    @Description("Time from sending the request to its outcome")
    @Timespan(Timespan.NANOSECONDS)
    long requestDuration;
}
