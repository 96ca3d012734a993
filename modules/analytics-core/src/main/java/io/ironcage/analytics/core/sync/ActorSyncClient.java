package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sync client of an enabled configuration: each {@link #start()} runs the actor until the
 * handle is stopped; {@link #status()} reads the running actor's snapshot.
 *
 * <p>{@link #syncNow()} on a client that is not running makes a temporary run: no timer, no
 * threshold listener, its own HTTP client; it flushes the buffer for at most the request timeout,
 * gives back whatever is left and ends, exactly like {@code start()} followed by
 * {@code stop(timeout)}. Nothing keeps running afterwards.
 *
 * <p>At most one run per store at a time (they would fight over its buffer): starting a second
 * client on a store that already has a running one throws {@link IllegalStateException}.
 */
public final class ActorSyncClient implements SyncClient {
    private final DefaultEventStore store;
    private final SyncConfig config;
    private final SyncTuning tuning;
    private final SyncObserver observer;
    private final AtomicReference<SyncRun> current = new AtomicReference<>();

    /**
     * A client; nothing runs until {@link #start()} or {@link #syncNow()}.
     *
     * @param store    the store whose events it delivers
     * @param config   an enabled configuration
     * @param tuning   back-off and limits
     * @param observer told about state changes and each HTTP attempt; {@link SyncObserver#NONE} for none
     */
    public ActorSyncClient(DefaultEventStore store, SyncConfig config, SyncTuning tuning, SyncObserver observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.observer = Objects.requireNonNull(observer, "observer");
        if (!config.enabled()) {
            throw new IllegalArgumentException("config is disabled (no server URL); use SyncClients.create");
        }
    }

    /** Starts the actor, or returns the handle of the run in progress. */
    @Override
    public SyncHandle start() {
        while (true) {
            SyncRun running = current.get();
            if (running != null && !running.stopRequested() && !running.isTemporary()) {
                return running;
            }
            SyncRun next = new SyncRun(this, store, config, tuning, observer, false);
            if (current.compareAndSet(running, next)) {
                try {
                    next.start();
                } catch (RuntimeException e) {
                    current.compareAndSet(next, null);
                    throw e;
                }
                return next;
            }
        }
    }

    /** One cycle on the running actor, or a temporary run if none is running (see the class doc). */
    @Override
    public SyncResult syncNow() {
        SyncRun running = current.get();
        if (running != null && !running.stopRequested()) {
            return running.syncNow();
        }
        SyncRun once = new SyncRun(this, store, config, tuning, observer, true);
        once.start();
        return once.stop(config.timeout());
    }

    /**
     * The running actor's status, or a {@link SyncState#STOPPED} one with the buffer as backlog.
     *
     * @return the snapshot
     */
    public SyncStatus status() {
        SyncRun running = current.get();
        return running == null ? SyncStatus.stopped(store.size()) : running.status();
    }

    /**
     * The configuration (its {@code toString()} never shows a token).
     *
     * @return the configuration
     */
    public SyncConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "SyncClient[store=" + store.name() + ", " + config + "]";
    }
}
