package io.ironcage.analytics.core.sync;

import java.util.concurrent.CompletableFuture;

/**
 * How the actor sends one event: {@link HttpSender} in real runs, a hand-completed fake in the
 * state-machine tests. The actor encodes the body itself (the token is inside it), so a transport
 * never sees an event or a token apart from those bytes, and must never log them.
 */
interface Transport extends AutoCloseable {

    /**
     * Sends one event's wire body to the ingestion endpoint.
     *
     * @param body the JSON body (holds the token: never logged)
     * @return completes exactly once, with the server's answer or the failure; cancelling it
     *         aborts the request. Completion may happen on any thread
     * @throws RuntimeException if the request cannot even be started (the actor counts it as a
     *                          failed attempt)
     */
    CompletableFuture<Exchange> send(byte[] body);

    /** Aborts what is still open and releases every thread and connection; never throws checked exceptions. */
    @Override
    void close();
}
