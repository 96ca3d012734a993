package io.ironcage.analytics.core.sync;

import java.time.Instant;

/**
 * What the actor publishes after each step: a {@link SyncStatus} without its backlog, which is
 * read live from the store's buffer when someone asks (see {@link #withBacklog}). Immutable;
 * published through one volatile field.
 *
 * @param state               what the actor is doing
 * @param delivered           first deliveries
 * @param duplicates          deliveries the server already had
 * @param rejected            permanent rejections
 * @param lastRejectionReason the last rejection's clean reason, or null
 * @param retries             re-sends
 * @param inFlight            requests in flight
 * @param retrying            events held for a retry (back-off or paused token)
 * @param pausedTokens        paused tokens
 * @param consecutiveFailures transient failures since the last success
 * @param lastError           the last failure's clean reason, or null
 * @param lastSuccess         the last delivery, or null
 * @param nextAttempt         when the back-off or the earliest token pause ends, or null
 */
record ActorSnapshot(SyncState state, long delivered, long duplicates, long rejected, String lastRejectionReason,
                     long retries, int inFlight, long retrying, int pausedTokens, int consecutiveFailures,
                     String lastError, Instant lastSuccess, Instant nextAttempt) {

    /**
     * The public status, with the backlog known now.
     *
     * @param bufferedForSync the LLM events in the store's buffer now ({@code retrying} is added)
     * @return the status
     */
    SyncStatus withBacklog(long bufferedForSync) {
        return new SyncStatus(state, delivered, duplicates, rejected, lastRejectionReason, retries, inFlight,
                retrying, bufferedForSync + retrying, pausedTokens, consecutiveFailures, lastError, lastSuccess,
                nextAttempt);
    }
}
