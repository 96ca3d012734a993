package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.sync.SyncResult;
import java.util.concurrent.CompletableFuture;

/** What arrives in the actor's mailbox. Timer ticks are not messages: the actor parks until its next deadline. */
sealed interface Msg {

    /** The buffer reached the batch threshold (at most one pending). */
    enum Threshold implements Msg {
        /** The one instance, so posting allocates nothing. */
        INSTANCE
    }

    /**
     * Run one cycle now and answer when it has settled or at its deadline.
     *
     * @param deadlineNanos when to answer at the latest
     * @param reply         completed by the actor
     */
    record SyncNow(long deadlineNanos, CompletableFuture<SyncResult> reply) implements Msg { }

    /**
     * Stop: flush until settled or the deadline, give back the rest, answer.
     *
     * @param deadlineNanos when to cancel what is still in flight
     * @param reply         completed by the actor
     */
    record Stop(long deadlineNanos, CompletableFuture<SyncResult> reply) implements Msg { }

    /**
     * A request finished (posted by the transport's completion, on any thread).
     *
     * @param attempt   the request
     * @param response  the server's answer, or null on error
     * @param error     the error, or null
     * @param endNanos  when it finished
     */
    record Completed(Attempt attempt, Exchange response, Throwable error, long endNanos)
            implements Msg { }
}
