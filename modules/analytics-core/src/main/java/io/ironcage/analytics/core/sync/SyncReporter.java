package io.ironcage.analytics.core.sync;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * What the actor tells the outside world: one log line per state change (never one per event),
 * and the {@link SyncObserver}'s callbacks, shielded so that a failing observer cannot disturb
 * the actor: anything it throws (an {@link Error} too, except a {@link VirtualMachineError}) is
 * logged once per kind and ignored. Logger {@code io.ironcage.analytics.sync}; nothing here ever sees a token.
 * Actor-only.
 */
final class SyncReporter {
    static final System.Logger LOG = System.getLogger("io.ironcage.analytics.sync");

    private final URI server;
    private final SyncObserver observer;
    private SyncState state = SyncState.RUNNING;
    /** Observer failures already logged, as "callback:exception class". */
    private final Set<String> observerKinds = new HashSet<>();
    private static final int MAX_OBSERVER_KINDS = 16;
    private boolean rejectionLogged;
    private boolean tokenFunctionLogged;

    SyncReporter(URI server, SyncObserver observer) {
        this.server = server;
        this.observer = observer;
    }

    SyncState state() {
        return state;
    }

    /**
     * Moves to a state; logs and notifies only if it changed.
     *
     * @param lastError   why (for the degraded states), or null
     * @param failures    consecutive failures (for {@code BACKING_OFF})
     * @param delayMillis until the next attempt (for {@code BACKING_OFF})
     * @param held        events held for retry
     */
    void state(SyncState next, String lastError, int failures, long delayMillis, long held) {
        if (next == state) {
            return;
        }
        SyncState from = state;
        state = next;
        String reason = lastError == null ? "" : lastError;
        switch (next) {
            case BACKING_OFF -> LOG.log(Level.WARNING, "sync to {0}: backing off after {1} (failure {2}); next "
                    + "attempt in {3} ms, {4} events held for retry", server, reason, failures, delayMillis, held);
            case PAUSED_AUTH -> LOG.log(Level.WARNING, "sync to {0}: the server refused a token ({1}); its events "
                    + "are held and retried with back-off, other tokens continue", server, reason);
            case RUNNING -> {
                reason = "recovered";
                LOG.log(Level.INFO, "sync to {0}: delivering again ({1} held events to retry)", server, held);
            }
            case STOPPED -> reason = "stopped";
            default -> throw new AssertionError(next);
        }
        try {
            observer.stateChanged(from, next, reason);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable ex) {
            observerFailed("stateChanged", ex);
        }
    }

    void attempt(SyncAttempt attempt) {
        try {
            observer.attempt(attempt);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable ex) {
            observerFailed("attempt", ex);
        }
    }

    /** Logs the first permanent rejection of the run; later ones are only counted. */
    void rejected(String reason) {
        if (!rejectionLogged) {
            rejectionLogged = true;
            LOG.log(Level.WARNING, "sync: the server rejected an event for good ({0}); further rejections are "
                    + "only counted in the sync status", reason);
        }
    }

    /** Logs, once, that the per-agent token function threw (its class only: the message might hold a token). */
    void tokenFunctionFailed(Throwable ex) {
        if (!tokenFunctionLogged) {
            tokenFunctionLogged = true;
            LOG.log(Level.WARNING, "sync: the per-agent token function threw {0}; events it fails for are sent "
                    + "with the configuration''s token", ex.getClass().getName());
        }
    }

    /**
     * Logs an observer failure at WARNING, once per callback and exception class (at most
     * {@value #MAX_OBSERVER_KINDS} kinds a run), then ignores it. Only the class name is logged:
     * the message or stack trace of the caller's code might carry a token or other secret.
     */
    private void observerFailed(String callback, Throwable ex) {
        if (observerKinds.size() < MAX_OBSERVER_KINDS && observerKinds.add(callback + ":" + ex.getClass().getName())) {
            LOG.log(Level.WARNING, "sync observer threw {0} from {1}(); ignoring it (logged once for this kind)",
                    ex.getClass().getName(), callback);
        }
    }
}
