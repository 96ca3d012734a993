package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One run of the actor, from {@code start()} to the end of {@code stop()}: its thread, mailbox,
 * HTTP client and shutdown hook. The {@link SyncHandle} that {@code start()} returns.
 */
final class SyncRun implements SyncHandle {
    /** Grace beyond a deadline for the actor to give events back and answer. */
    private static final long ANSWER_GRACE_NANOS = Duration.ofSeconds(5).toNanos();

    private final ActorSyncClient client;
    private final DefaultEventStore store;
    private final SyncConfig config;
    private final boolean temporary;
    private final Mailbox<Msg> mailbox = new Mailbox<>();
    private final CompletableFuture<SyncResult> terminated = new CompletableFuture<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean closeCalled = new AtomicBoolean();
    private final ThresholdTrigger trigger;
    private final HttpSender http;
    private final SyncActor actor;
    private final Thread shutdownHook;
    private final Monitoring monitoring;
    private final SyncMonitoring monitors;
    /**
     * The store's slot for its one run (at most one run per store: two would fight over its
     * buffer listener). Held by the store, so nothing static is keyed by store; only this class
     * reads and writes it, always with a SyncRun or null.
     */
    private final AtomicReference<Object> slot;
    /** Test seam: told the name of each start step just before it runs; may throw to fail it. */
    private final Consumer<String> startFault;

    /** The steps of {@link #start()}, in order, as {@code startFault} is told them. */
    static final List<String> START_STEPS = List.of("register", "monitoring", "buffer listener", "shutdown hook",
            "thread");

    SyncRun(ActorSyncClient client, DefaultEventStore store, SyncConfig config, SyncTuning tuning,
            SyncObserver observer, SyncMonitoring monitors, boolean temporary, Consumer<String> startFault) {
        this.startFault = startFault;
        this.client = client;
        this.store = store;
        this.config = config;
        this.temporary = temporary;
        this.trigger = temporary ? null : new ThresholdTrigger(config.batchThreshold(), mailbox);
        this.http = new HttpSender(config, tuning);
        this.monitoring = new Monitoring(observer);
        this.monitors = monitors;
        this.slot = store.syncRunSlot();
        this.actor = new SyncActor(store, config, tuning, mailbox, trigger, http, monitoring, this::finished);
        this.shutdownHook = !temporary && config.shutdownHook()
                ? Thread.ofPlatform().name("ironcage-sync-shutdown").unstarted(this::close) : null;
    }

    /**
     * Registers the run for its store, then starts its monitoring, buffer listener, shutdown hook
     * and actor thread. All or nothing: if a step fails (the hook's registration throws
     * {@link IllegalStateException} once the JVM is shutting down, JMX registration can fail,
     * a thread may not be creatable), every step already done is undone, the HTTP client is
     * closed and the run is marked ended, so a later {@code start()} is not left waiting for it.
     * Called once, by the starting thread, before anything else can see the run.
     *
     * <p>A temporary run never waits for another run of its client: if one holds the store, the
     * temporary run undoes itself (closes its HTTP client, ends) and returns that run, so the
     * caller can send the cycle to it or wait for it with its own deadline. A long-lived run waits
     * for the previous run of its client to end, as {@code start()} after {@code stop()} must.
     *
     * @return null if the run started; for a temporary run only, the run of the same client that
     *         holds the store instead (this run then never started and is ended)
     * @throws IllegalStateException if the store already has another client's run (as it is), or
     *                               naming the store and the cause if a step failed
     */
    SyncRun start() {
        RuntimeException refused = null;
        boolean registered = false;
        boolean listening = false;
        boolean hooked = false;
        try {
            startFault.accept("register");
            SyncRun holder;
            try {
                holder = register();
            } catch (RuntimeException e) {
                refused = e;
                throw e;
            }
            if (holder != null) {
                undoStart(null, false, false, false);
                return holder;
            }
            registered = true;
            startFault.accept("monitoring");
            if (!temporary) {
                // The Sync MXBean (beside the store's) and the JFR sync events; a one-cycle run has none.
                monitoring.registration = monitors.open(
                        new SyncMonitoring.Run(store, actor::status, () -> syncNow()));
            }
            Thread t = Thread.ofVirtual().name("ironcage-sync-" + store.name()).unstarted(actor);
            mailbox.owner(t);
            startFault.accept("buffer listener");
            if (trigger != null) {
                store.bufferListener(trigger);
                listening = true;
            }
            startFault.accept("shutdown hook");
            if (shutdownHook != null) {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
                hooked = true;
            }
            // Logged before the thread starts, inside the all-or-nothing block: a logger that throws
            // (a JUL filter or handler) fails the start cleanly instead of leaving a running run
            // that no handle reaches.
            SyncActor.LOG.log(temporary ? Level.DEBUG : Level.INFO, "sync {0}started for store \"{1}\": {2}",
                    temporary ? "(one cycle) " : "", store.name(), config);
            startFault.accept("thread");
            t.start();
            return null;
        } catch (RuntimeException | Error e) {
            undoStart(e, registered, listening, hooked);
            if (e == refused || e instanceof Error) {
                throw e; // a refusal says why itself; an Error is not ours to wrap
            }
            throw new IllegalStateException("sync for store \"" + store.name() + "\" could not start (" + e
                    + "); nothing of it was left running", e);
        }
    }

    /**
     * Undoes the steps of a failed start, newest first; a failing undo step is added to the
     * original failure as suppressed and the others still run.
     */
    private void undoStart(Throwable failure, boolean registered, boolean listening, boolean hooked) {
        if (failure == null) {
            failure = new IllegalStateException("undoing a start"); // collects undo failures; dropped
        }
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        if (listening) {
            store.bufferListener(null); // ours: the run is registered for the store, nobody else set one
        }
        SyncMonitoring.Monitor registration = monitoring.registration;
        if (registration != null) {
            try {
                registration.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            http.close(); // never started: release the client's selector thread now
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        stopRequested.set(true);
        // Ended before it began: whoever waits for this run (register() of a later start of the
        // same client) goes on at once.
        terminated.complete(SyncResult.NONE);
        if (registered) {
            slot.compareAndSet(this, null);
        }
    }

    /**
     * Puts the run into its store's slot.
     *
     * @return null once registered; for a temporary run, the run of the same client holding the
     *         store (never waited for); a long-lived run waits for that run to end and retries
     */
    private SyncRun register() {
        while (true) {
            if (slot.compareAndSet(null, this)) {
                return null;
            }
            SyncRun existing = (SyncRun) slot.get();
            if (existing == null) {
                continue; // it ended in between: try again
            }
            if (existing.client != client) {
                throw new IllegalStateException("store \"" + store.name()
                        + "\" already has a running sync client; stop it before starting another");
            }
            if (temporary) {
                return existing;
            }
            existing.awaitTermination();
        }
    }

    /**
     * The run that holds the store now (started, starting or stopping), or null.
     *
     * @param store the store
     * @return its run, or null
     */
    static SyncRun holding(DefaultEventStore store) {
        return (SyncRun) store.syncRunSlot().get();
    }

    /** Whether {@code c} made this run. */
    boolean belongsTo(ActorSyncClient c) {
        return client == c;
    }

    /** Called by the actor when everything is given back, just before it answers. */
    private void finished() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself while the JVM exits: nothing to remove
            }
        }
        // The MXBean name first, then the store: a start() that registers as soon as the store is
        // free must find the name free too (else its Sync MXBean would be registered as "name-2").
        SyncMonitoring.Monitor registration = monitoring.registration;
        try {
            if (registration != null) {
                registration.close();
            }
        } finally {
            slot.compareAndSet(this, null);
        }
        stopRequested.set(true);
        // On the actor thread, just before it answers the stop replies.
        terminated.complete(actor.finalResult());
    }

    /** The registered hook, or null; for tests. */
    Thread shutdownHook() {
        return shutdownHook;
    }

    boolean isTemporary() {
        return temporary;
    }

    /** Whether a stop was asked for (or the run ended): {@code start()} then makes a new run. */
    boolean stopRequested() {
        return stopRequested.get();
    }

    SyncStatus status() {
        return actor.status();
    }

    /**
     * One cycle on the running actor. If the actor ends before it takes the message (it was
     * already finishing, or its start failed), the answer is an empty cycle with the store's
     * {@code unsyncedCount()} as remaining. Any thread; a run that is still starting takes the
     * message once its actor thread runs. Answers within {@code timeout()} plus a grace.
     *
     * @return what it delivered, rejected and left
     */
    SyncResult syncNow() {
        CompletableFuture<SyncResult> reply = new CompletableFuture<>();
        long nanos = SyncActor.nanos(config.timeout());
        mailbox.post(new Msg.SyncNow(System.nanoTime() + nanos, reply));
        return await(reply, nanos, end -> new SyncResult(0, 0, 0, store.unsyncedCount()));
    }

    @Override
    public SyncResult stop(Duration deadline) {
        java.util.Objects.requireNonNull(deadline, "deadline");
        if (terminated.isDone()) {
            return terminated.join();
        }
        stopRequested.set(true);
        CompletableFuture<SyncResult> reply = new CompletableFuture<>();
        // Saturated (ChronoUnit.FOREVER is a valid deadline); the actor compares nanoTime values
        // by difference, which stays exact for any deadline up to the 100-year cap.
        long nanos = deadline.isNegative() ? 0 : SyncActor.nanos(deadline);
        mailbox.post(new Msg.Stop(System.nanoTime() + nanos, reply));
        return await(reply, nanos, end -> end);
    }

    @Override
    public void close() {
        if (closeCalled.compareAndSet(false, true)) {
            stop(config.shutdownTimeout());
        }
    }

    /**
     * Waits for the run to end, at most until a deadline. Any thread.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return whether the run has ended
     */
    boolean awaitTermination(long deadlineNanos) {
        try {
            terminated.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // the actor failed; it logged why and the run is over all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            // still running: the caller answers without it
        }
        return terminated.isDone();
    }

    void awaitTermination() {
        try {
            terminated.get();
        } catch (ExecutionException e) {
            // the actor failed; it logged why and the run is over all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the previous sync run to stop", e);
        }
    }

    /**
     * Waits for the actor's reply, or for the end of the run: a message posted while the actor is
     * finishing (after it drained its mailbox for the last time) is never taken, and the run's end
     * then answers it at once.
     *
     * @param reply         completed by the actor if it took the message
     * @param deadlineNanos the caller's deadline (already saturated); the grace is added to it
     * @param ifEnded       the answer from the run's final result when the actor did not take it
     */
    private SyncResult await(CompletableFuture<SyncResult> reply, long deadlineNanos,
                             Function<SyncResult, SyncResult> ifEnded) {
        try {
            CompletableFuture.anyOf(reply, terminated).get(deadlineNanos + ANSWER_GRACE_NANOS, TimeUnit.NANOSECONDS);
            return reply.isDone() ? reply.get() : ifEnded.apply(terminated.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback("interrupted while waiting for the sync actor");
        } catch (ExecutionException e) {
            return fallback("the sync actor failed: " + e.getCause());
        } catch (TimeoutException e) {
            return fallback("the sync actor did not answer in time");
        }
    }

    /** Should never be needed: the actor answers at its deadline. Reports what the store knows. */
    private SyncResult fallback(String why) {
        SyncActor.LOG.log(Level.ERROR, "sync: {0}; reporting from the store''s counters", why);
        SyncStatus s = actor.status();
        return new SyncResult(s.delivered(), s.duplicates(), s.rejected(), store.unsyncedCount());
    }

    @Override
    public String toString() {
        return "SyncHandle[store=" + store.name() + ", " + (terminated.isDone() ? "stopped" : "running") + "]";
    }

    /**
     * The actor's observer: the caller's, plus the run's monitoring (JFR, JMX) once
     * {@code start()} has opened it. Volatile: set by the starting thread before the actor thread starts (so a plain
     * field would do for the actor), read again by {@code finished()}.
     */
    private static final class Monitoring implements SyncObserver {
        private final SyncObserver user;
        volatile SyncMonitoring.Monitor registration;

        Monitoring(SyncObserver user) {
            this.user = user;
        }

        @Override
        public void stateChanged(SyncState from, SyncState to, String reason) {
            SyncMonitoring.Monitor r = registration; // ours first: it never throws
            if (r != null) {
                r.stateChanged(from, to, reason);
            }
            user.stateChanged(from, to, reason);
        }

        @Override
        public void attempt(SyncAttempt attempt) {
            SyncMonitoring.Monitor r = registration;
            if (r != null) {
                r.attempt(attempt);
            }
            user.attempt(attempt);
        }
    }
}
