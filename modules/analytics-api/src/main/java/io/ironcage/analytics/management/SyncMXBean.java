package io.ironcage.analytics.management;

/**
 * The sync client of one store as JMX shows it, registered as
 * {@code io.ironcage.analytics:type=Sync,name=<store name>} while the client runs (from
 * {@code start()} until it stops).
 *
 * <p>Values are point-in-time snapshots of the client's state, read when asked for. Counters
 * cover the current run. Times are given twice: as epoch milliseconds (0 when there is none) for
 * tools, and as ISO-8601 text (empty when there is none) for people.
 *
 * <p>The bean is a notification emitter: each change of {@link #getState() State} is sent as a
 * {@link ManagementNames#SYNC_STATE_NOTIFICATION} notification, from a dispatcher thread.
 */
public interface SyncMXBean {

    /**
     * Returns the name of the store this client delivers for.
     *
     * @return the store's name
     */
    String getStoreName();

    /**
     * Returns what the client is doing: {@code RUNNING} (delivering, or idle until the next
     * trigger), {@code BACKING_OFF} (the server is unreachable, failing or rate limiting),
     * {@code PAUSED_AUTH} (the server refused a token; its events wait) or {@code STOPPED}.
     *
     * @return the state's name
     */
    String getState();

    /**
     * Returns the events the server accepted for the first time.
     *
     * @return the delivered count
     */
    long getDelivered();

    /**
     * Returns the events the server already had (answered as duplicates).
     *
     * @return the duplicate count
     */
    long getDuplicates();

    /**
     * Returns the events the server refused for good.
     *
     * @return the rejected count
     */
    long getRejected();

    /**
     * Returns the server's reason for the last rejection (any token redacted).
     *
     * @return the reason, or empty if nothing was rejected
     */
    String getLastRejectionReason();

    /**
     * Returns the requests that re-sent an event after a failed attempt.
     *
     * @return the retry count
     */
    long getRetries();

    /**
     * Returns the requests in flight now.
     *
     * @return the in-flight count
     */
    int getInFlight();

    /**
     * Returns the events the client holds for a retry.
     *
     * @return the retrying count
     */
    long getRetrying();

    /**
     * Returns the events waiting for delivery: the LLM events in the store's buffer plus the retrying
     * ones (budget-threshold and router events stay in the store and are no backlog).
     *
     * @return the backlog
     */
    long getBacklog();

    /**
     * Returns the distinct tokens the server refused that are paused now.
     *
     * @return the paused token count
     */
    int getPausedTokens();

    /**
     * Returns the transient failures since the last success.
     *
     * @return the consecutive failure count
     */
    int getConsecutiveFailures();

    /**
     * Returns why the last transient or authentication failure happened (status or exception
     * class).
     *
     * @return the last error, or empty if none
     */
    String getLastError();

    /**
     * Returns when the server last accepted an event.
     *
     * @return epoch milliseconds, or 0 if never
     */
    long getLastSuccessEpochMillis();

    /**
     * Returns when the server last accepted an event, as ISO-8601 text.
     *
     * @return the instant, or empty if never
     */
    String getLastSuccess();

    /**
     * Returns when the back-off (or the earliest token pause) ends and the next attempt is due.
     *
     * @return epoch milliseconds, or 0 if no back-off is in force
     */
    long getNextAttemptEpochMillis();

    /**
     * Returns when the next attempt is due, as ISO-8601 text.
     *
     * @return the instant, or empty if no back-off is in force
     */
    String getNextAttempt();

    /**
     * Asks the client to run a sync cycle now. Returns at once: the cycle runs on the client's
     * own thread, and its outcome shows in the attributes and notifications.
     */
    void syncNow();
}
