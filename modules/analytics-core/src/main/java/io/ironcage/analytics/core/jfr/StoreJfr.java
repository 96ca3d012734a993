package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.StoreCleaner;
import io.ironcage.analytics.core.store.StoreObserver;
import java.lang.ref.WeakReference;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * One store's JFR observer: the JFR events of the events it records, its drop aggregation and
 * its periodic statistics hook. Created by {@link StoreRecorder#observe} when the composition
 * root builds the store, and held by the store as (part of) its {@link StoreObserver}.
 *
 * <p>No static set of stores: each observer registers its own {@link FlightRecorderListener}
 * (cheap; it does not initialise Flight Recorder), through which it hooks its periodic event
 * once Flight Recorder is initialised; the JDK's own lists of listeners and periodic hooks hold
 * it, and it holds its cleanup registration ({@link StoreCleaner}). Removed on the store's
 * {@code close()}, or, when the store is collected without one, by {@link StoreCleaner} or by its
 * own periodic callback, which finds its store gone and removes itself.
 *
 * <p>It refers to its store through a {@link WeakReference} only, because Flight Recorder's
 * listener and hook lists are static roots: a strong reference here would keep an unclosed store
 * and its buffer alive for ever.
 *
 * <p>Threads: {@link #recorded} and {@link #dropped} on recording threads (lock-free),
 * {@link #closed} on the closing thread, the hook on the creating thread when Flight Recorder is
 * already initialised (no thread is started), else on a virtual thread started from Flight
 * Recorder's listener callback when it initialises; the periodic callback on Flight Recorder's
 * periodic thread.
 */
final class StoreJfr implements StoreObserver {
    private static final System.Logger LOG = System.getLogger(StoreRecorder.class.getName());

    /** At most one {@code EventsDropped} event per store per this interval. */
    static final long DROP_EMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final VarHandle NEXT_DROP_EMIT;

    static {
        try {
            NEXT_DROP_EMIT = MethodHandles.lookup().findVarHandle(StoreJfr.class, "nextDropEmitNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WeakReference<DefaultEventStore> store;
    private final String name;
    private final Runnable periodicHook = this::periodic;
    // Told by Flight Recorder when it is initialised (at once, under its lock, if it already is).
    private final FlightRecorderListener initListener = new FlightRecorderListener() {
        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            if (Thread.currentThread() == watching) {
                // Called at once from our own addListener (Flight Recorder already initialised):
                // watch() hooks on the creating thread once addListener has returned.
                return;
            }
            // Flight Recorder's initialisation, on its thread. Not on this thread: Flight
            // Recorder calls listeners while it holds its own lock, and hooking takes it again
            // through addPeriodicEvent.
            Thread.ofVirtual().name("ironcage-jfr-hook").start(StoreJfr.this::hook);
        }
    };
    // The thread inside watch()'s addListener call, null otherwise: the listener's call from
    // there is not Flight Recorder's initialisation and must not start a thread.
    private volatile Thread watching;
    // Runs unhook() once: on close(), or once the store is collected (StoreCleaner.expunge, or
    // the periodic callback finding the store gone). Reachable through this observer, which the
    // JDK's listener list holds until unhook.
    private final StoreCleaner.Registration cleanable;

    /** Drops seen while the EventsDropped event was enabled, not yet reported. */
    private final LongAdder pendingDrops = new LongAdder();
    /** The earliest {@link System#nanoTime()} at which the next EventsDropped may be committed. */
    @SuppressWarnings("unused") // through NEXT_DROP_EMIT
    private volatile long nextDropEmitNanos;

    // Guarded by this: hooking and unhooking the periodic event never interleave.
    private boolean hooked;
    private boolean closed;

    StoreJfr(DefaultEventStore store) {
        this.store = new WeakReference<>(store);
        this.name = store.name();
        this.nextDropEmitNanos = System.nanoTime() - DROP_EMIT_INTERVAL_NANOS;
        // The action refers to this state, never to the store.
        this.cleanable = StoreCleaner.register(store, this::unhook);
    }

    /**
     * Watches Flight Recorder for this store: called once, by {@link StoreRecorder#observe}, after
     * construction (so the listener never sees a half-built observer).
     */
    void watch() {
        try {
            watching = Thread.currentThread();
            try {
                FlightRecorder.addListener(initListener);
            } finally {
                watching = null;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: store \"" + name
                    + "\": JFR statistics disabled, cannot watch Flight Recorder: " + e);
            return;
        }
        // Flight Recorder already initialised: hook here, on the creating thread, outside its
        // lock, and start no thread. If it initialised concurrently, its own call of the
        // listener hooks too: hook() is idempotent.
        if (FlightRecorder.isInitialized()) {
            hook();
        }
    }

    @Override
    public void recorded(AnalyticsEvent event) {
        if (StoreRecorder.isLive()) {
            StoreRecorder.emit(name, event);
        }
    }

    @Override
    public void closed() {
        cleanable.clean();
    }

    /** Registers the periodic statistics hook once Flight Recorder is live; idempotent. */
    synchronized void hook() {
        if (closed || hooked) {
            return;
        }
        try {
            FlightRecorder.addPeriodicEvent(StoreStatisticsEvent.class, periodicHook);
            hooked = true;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: store \"" + name
                    + "\": cannot register the periodic JFR statistics event: " + e);
        }
    }

    /** The cleanup: on close(), or after the store was collected (see the class documentation). */
    private void unhook() {
        synchronized (this) {
            closed = true;
            if (hooked) {
                hooked = false;
                FlightRecorder.removePeriodicEvent(periodicHook);
            }
        }
        try {
            FlightRecorder.removeListener(initListener);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "Iron Cage analytics: removing the JFR listener of store \"{0}\" failed: {1}",
                    name, e);
        }
    }

    synchronized boolean isHooked() {
        return hooked;
    }

    /** A buffer drop: counted for the aggregated EventsDropped event once Flight Recorder is live. */
    @Override
    public void dropped() {
        if (!StoreRecorder.isLive() || !StoreRecorder.Types.DROPPED.isEnabled()) {
            return;
        }
        pendingDrops.increment();
        emitDrops(System.nanoTime());
    }

    /**
     * Commits one EventsDropped event for the drops not yet reported, if the rate limit allows:
     * a volatile read in the common case, one CAS to claim the second's slot.
     */
    private void emitDrops(long now) {
        long next = nextDropEmitNanos;
        if (now - next < 0 || !NEXT_DROP_EMIT.compareAndSet(this, next, now + DROP_EMIT_INTERVAL_NANOS)) {
            return;
        }
        // sumThenReset moves each cell's count out atomically: a concurrent drop lands in this
        // event or in the next one, never in neither.
        long count = pendingDrops.sumThenReset();
        DefaultEventStore st = store.get();
        if (count == 0 || st == null) {
            return;
        }
        EventsDroppedEvent e = new EventsDroppedEvent();
        e.store = name;
        e.count = count;
        e.totalDropped = st.droppedCount();
        e.bufferCapacity = st.capacity();
        e.commit();
    }

    /** The periodic hook: statistics, then any drops the rate limit held back. */
    private void periodic() {
        // Expunge stores collected unclosed (their hooks, beans) from this existing activity.
        StoreCleaner.expunge();
        DefaultEventStore store = this.store.get();
        if (store == null) {
            // Collected without close(): remove this hook and state now (JFR iterates a copy of
            // its hooks, so removing one from its own callback is safe).
            closed();
            return;
        }
        if (store.isClosed()) {
            return;
        }
        StoreStatisticsEvent e = new StoreStatisticsEvent();
        if (e.isEnabled()) {
            ComputedStats s = store.stats();
            EventAccounting a = store.accounting();
            e.store = name;
            e.totalRequests = s.totalRequests();
            e.failedRequests = s.failedRequests();
            e.inputTokens = s.totalInputTokens();
            e.outputTokens = s.totalOutputTokens();
            e.totalCostMicros = s.totalCostMicros();
            e.unpricedRequests = s.unpricedRequests();
            io.ironcage.analytics.ModelStats t = store.totals();
            e.cacheReadTokens = t.cacheReadTokens();
            e.cacheWriteTokens = t.cacheWriteTokens();
            e.reasoningTokens = t.reasoningTokens();
            e.usageMissing = t.usageMissing();
            e.latencyCount = t.latency().count();
            e.latencyP50 = t.latency().p50().toNanos();
            e.latencyP99 = t.latency().p99().toNanos();
            e.timeToFirstTokenP50 = t.timeToFirstToken().p50().toNanos();
            e.timeToFirstTokenP99 = t.timeToFirstToken().p99().toNanos();
            e.recordedEvents = a.recorded();
            e.bufferSize = store.size();
            e.bufferCapacity = store.capacity();
            e.bufferFill = e.bufferCapacity == 0 ? 0.0 : (double) e.bufferSize / e.bufferCapacity;
            e.dropped = store.droppedCount();
            e.streamDropped = store.streamDroppedCount();
            e.unsynced = store.unsyncedCount();
            e.delivered = a.delivered();
            e.duplicates = a.duplicates();
            e.evictedLocal = a.evictedLocal();
            e.rejected = a.rejected();
            e.commit();
        }
        if (pendingDrops.sum() != 0 && StoreRecorder.Types.DROPPED.isEnabled()) {
            emitDrops(System.nanoTime());
        }
    }
}
