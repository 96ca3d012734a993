package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

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
    private final SyncMonitoring monitoring;
    /** The latest run started by {@link #start()}; read without locking, written under {@code startLock}. */
    private final AtomicReference<SyncRun> current = new AtomicReference<>();
    /** Serialises {@link #start()} (a ReentrantLock, not synchronized: callers may be virtual threads). */
    private final ReentrantLock startLock = new ReentrantLock();
    /** Test seam (see {@link #startFault}); a no-op in production. */
    private volatile Consumer<String> startFault = step -> { };

    /**
     * A client; nothing runs until {@link #start()} or {@link #syncNow()}.
     *
     * @param store    the store whose events it delivers
     * @param config   an enabled configuration
     * @param tuning   back-off and limits
     * @param observer   told about state changes and each HTTP attempt; {@link SyncObserver#NONE} for none
     * @param monitoring opened by each long-lived run (JFR, JMX); {@link SyncMonitoring#NONE} for none
     */
    public ActorSyncClient(DefaultEventStore store, SyncConfig config, SyncTuning tuning, SyncObserver observer,
                           SyncMonitoring monitoring) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        if (!config.enabled()) {
            throw new IllegalArgumentException("config is disabled (no server URL); use SyncClients.create");
        }
    }

    /**
     * Starts the actor, or returns the handle of the run in progress.
     *
     * <p>Concurrent callers are serialised by a lock, so exactly one of them builds a run (with
     * its HTTP client and selector thread) and the others get that run: a loser never builds
     * anything that would have to be closed. The run becomes {@code current} only once it has
     * started; a start that fails leaves nothing behind (see {@code SyncRun.start()}).
     *
     * @throws IllegalStateException if the store has another client's run, or a start step failed
     */
    @Override
    public SyncHandle start() {
        SyncRun running = current.get();
        if (isLive(running)) {
            return running; // the common repeated call: no lock
        }
        startLock.lock();
        try {
            running = current.get();
            if (isLive(running)) {
                return running;
            }
            SyncRun next = new SyncRun(this, store, config, tuning, observer, monitoring, false, startFault);
            next.start(); // may wait for the previous run to end; undoes itself if it fails
            current.set(next);
            return next;
        } finally {
            startLock.unlock();
        }
    }

    private static boolean isLive(SyncRun run) {
        return run != null && !run.stopRequested() && !run.isTemporary();
    }

    /**
     * One cycle on the running actor, or a temporary run if none is running (see the class doc).
     * Answers within about {@code timeout()} (plus the actor's short answer grace), whatever the
     * other runs of this client are doing: never waits for one of them without that bound.
     *
     * <ul>
     *   <li>A run of this client that is live (started, or still starting and not yet published by
     *       {@link #start()}) gets the cycle.</li>
     *   <li>A run of this client that is stopping (or another caller's temporary run) is waited for
     *       at most until the timeout; if it has not ended by then, the answer is an empty cycle
     *       with the store's {@code unsyncedCount()} as remaining. If it ends in time, a temporary
     *       run flushes for what is left of the timeout.</li>
     *   <li>Otherwise a temporary run does the cycle.</li>
     * </ul>
     *
     * <p>Thread contract: any thread, concurrently with {@link #start()}, stops and other
     * {@code syncNow()} calls; takes no lock.
     *
     * @throws IllegalStateException if the store has another client's run, or a start step failed
     */
    @Override
    public SyncResult syncNow() {
        long deadline = System.nanoTime() + SyncActor.nanos(config.timeout());
        while (true) {
            SyncRun running = current.get();
            if (running != null && !running.stopRequested()) {
                return running.syncNow();
            }
            SyncRun holder = SyncRun.holding(store);
            if (holder == null || !holder.belongsTo(this)) {
                // free (or another client's: start() then throws, as it always did)
                SyncRun once = new SyncRun(this, store, config, tuning, observer, monitoring, true, startFault);
                holder = once.start();
                if (holder == null) {
                    return once.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                }
            }
            if (!holder.isTemporary() && !holder.stopRequested()) {
                return holder.syncNow(); // live, perhaps not yet published in current
            }
            // stopping, or another syncNow()'s temporary run: bounded by our own deadline
            if (!holder.awaitTermination(deadline) || deadline - System.nanoTime() <= 0) {
                return new SyncResult(0, 0, 0, store.unsyncedCount());
            }
        }
    }

    /**
     * The running actor's status, or a {@link SyncState#STOPPED} one with the buffer as backlog.
     *
     * @return the snapshot
     */
    public SyncStatus status() {
        SyncRun running = current.get();
        return running == null ? SyncStatus.stopped(store.bufferedForSync()) : running.status();
    }

    /**
     * The configuration (its {@code toString()} never shows a token).
     *
     * @return the configuration
     */
    public SyncConfig config() {
        return config;
    }

    /**
     * Test seam: makes a step of later starts fail. The consumer is told each step's name (see
     * {@link SyncRun#START_STEPS}) just before it runs and may throw.
     *
     * @param fault the consumer, or null for none
     */
    void startFault(Consumer<String> fault) {
        this.startFault = fault == null ? step -> { } : fault;
    }

    @Override
    public String toString() {
        return "SyncClient[store=" + store.name() + ", " + config + "]";
    }
}
