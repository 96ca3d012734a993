package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.store.DefaultEventStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The sync package's monitoring seam: what a long-lived sync run opens when it starts and closes
 * when it ends (JFR sync events, the Sync MXBean), without {@code sync} knowing JFR or JMX. The
 * composition root ({@code io.ironcage.analytics.core.Assembly}) gives each client one.
 *
 * <p>Thread contract: {@link #open} is called by the thread that starts the run, before the
 * actor thread starts; it may register things and must not throw for monitoring trouble (log
 * instead; anything it throws fails the start, which is then undone). The returned monitor's
 * {@link SyncObserver} methods are called on the actor thread (quick, never blocking, see
 * {@link SyncObserver}); {@link Monitor#close()} once, on the actor thread when the run ends or
 * on the starting thread when the start is undone.
 */
@FunctionalInterface
public interface SyncMonitoring {

    /** Monitors nothing. */
    SyncMonitoring NONE = run -> Monitor.NONE;

    /**
     * Opens the monitoring of a run that is starting.
     *
     * @param run a read-only view of the run
     * @return the run's monitor; closed when the run ends
     */
    Monitor open(Run run);

    /**
     * A read-only view of a starting run.
     *
     * @param store   the store the run delivers for
     * @param status  the run's latest published status; any thread, never blocks
     * @param syncNow asks the run for a cycle; may wait, so call it on a thread of your own
     */
    record Run(DefaultEventStore store, Supplier<SyncStatus> status, Runnable syncNow) {
        /** Checks that nothing is null. */
        public Run {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(syncNow, "syncNow");
        }
    }

    /** One run's monitoring: told what the run does, closed when it ends. */
    interface Monitor extends SyncObserver, AutoCloseable {
        /** Monitors nothing. */
        Monitor NONE = () -> { };

        /** Undoes what {@link #open} registered; idempotent, never throws. */
        @Override
        void close();
    }

    /**
     * Several monitorings as one: each opened in order, told in order, closed in order.
     *
     * @param all the monitorings
     * @return one monitoring
     */
    static SyncMonitoring of(SyncMonitoring... all) {
        SyncMonitoring[] parts = all.clone();
        for (SyncMonitoring m : parts) {
            Objects.requireNonNull(m, "monitoring");
        }
        return run -> {
            Monitor[] monitors = new Monitor[parts.length];
            try {
                for (int i = 0; i < parts.length; i++) {
                    monitors[i] = parts[i].open(run);
                }
            } catch (RuntimeException | Error e) {
                for (Monitor m : monitors) {
                    if (m != null) {
                        m.close();
                    }
                }
                throw e;
            }
            return new Monitor() {
                @Override
                public void stateChanged(SyncState from, SyncState to, String reason) {
                    for (Monitor m : monitors) {
                        m.stateChanged(from, to, reason);
                    }
                }

                @Override
                public void attempt(SyncAttempt attempt) {
                    for (Monitor m : monitors) {
                        m.attempt(attempt);
                    }
                }

                @Override
                public void close() {
                    for (Monitor m : monitors) {
                        m.close();
                    }
                }
            };
        };
    }
}
