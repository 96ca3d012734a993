package io.ironcage.analytics.core.sync;

/**
 * Hooks for monitoring (JMX notifications, JFR events) that leave the actor's logic alone. Every
 * method has a no-op default. The actor calls them on its own thread, so an implementation must
 * be quick and must not block; anything it throws (an {@link Error} too, except a
 * {@link VirtualMachineError}) is logged once per kind, by class name only, and otherwise ignored:
 * it never ends or disturbs the run.
 */
public interface SyncObserver {

    /** Observes nothing. */
    SyncObserver NONE = new SyncObserver() { };

    /**
     * The actor's state changed.
     *
     * @param from   the previous state
     * @param to     the new state
     * @param reason why, in a few words (never a token); may be empty
     */
    default void stateChanged(SyncState from, SyncState to, String reason) { }

    /**
     * An HTTP request finished (or was cancelled).
     *
     * @param attempt what happened
     */
    default void attempt(SyncAttempt attempt) { }
}
