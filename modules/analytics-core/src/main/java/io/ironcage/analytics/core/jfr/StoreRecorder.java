package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.StoreObserver;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.Executor;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * The JFR side of the store's {@link StoreObserver} seam: {@link #observe} makes a store's JFR
 * observer, which emits the JFR event of every recorded event and aggregates drops; both cost a
 * volatile read and a branch until Flight Recorder is initialised in the JVM (see the package
 * documentation for the cost model). Also the JVM-wide "Flight Recorder is live" switch.
 */
public final class StoreRecorder {
    /** The prefix of every event name the library defines. */
    static final String NAMESPACE = "io.ironcage.analytics.";

    /** Every event class the library defines, in the order the template lists them. */
    static final List<Class<? extends Event>> EVENT_CLASSES = List.of(
            LlmRequestCompletedEvent.class, LlmRequestFailedEvent.class, BudgetThresholdReachedEvent.class,
            RouterStartedEvent.class, RouterStoppedEvent.class, EventsDroppedEvent.class,
            StoreStatisticsEvent.class, SyncAttemptEvent.class, SyncStateChangedEvent.class);

    private static final System.Logger LOG = System.getLogger(StoreRecorder.class.getName());

    /**
     * Whether Flight Recorder has been initialised in this JVM (a recording was created, at
     * start-up or later) and the event types are registered and loaded: a JVM-wide fact, hence
     * static (allowlisted in NoMutableStaticStateTest). Until then the observers return at once
     * without touching an event class (loading the first one costs about 100 ms of JFR start-up,
     * and registering takes JFR's locks). Written once, by {@link #switchOn}'s init thread after
     * {@link Types#prepare()} (volatile store, release); read on every recorded event (volatile
     * load, acquire): a reader that sees true sees the types ready.
     */
    private static volatile boolean live;

    static {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    goLive();
                }
            });
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: JFR events disabled, cannot watch Flight Recorder: " + e);
        }
    }

    private StoreRecorder() {}

    /**
     * The store's JFR observer: JFR events for the events it records, the aggregated
     * {@code EventsDropped} event, and its periodic {@code StoreStatistics} event (hooked as soon
     * as Flight Recorder is initialised). Called by the composition root while it builds the store.
     *
     * <p>The observer holds the store weakly; if the store is collected without {@code close()},
     * its listener and periodic hook are removed by
     * {@link io.ironcage.analytics.core.store.StoreCleaner#expunge()} or by the hook itself, when
     * its next callback finds the store gone.
     *
     * @param store the store, at the end of its construction
     * @return its observer; the store's {@code close()} removes the hook and listener
     */
    public static StoreObserver observe(DefaultEventStore store) {
        StoreJfr s = new StoreJfr(store);
        s.watch();
        return s;
    }

    /**
     * Whether the store's periodic statistics hook is registered now (for tests).
     *
     * @param store the store
     * @return true between Flight Recorder going live (or the store's start) and its close
     */
    static boolean isHooked(DefaultEventStore store) {
        StoreJfr s = store.observer(StoreJfr.class);
        return s != null && s.isHooked();
    }

    /** Whether Flight Recorder is initialised and the hooks are emitting. */
    static boolean isLive() {
        return live;
    }

    private static void goLive() {
        // Not on this thread: Flight Recorder calls listeners while it holds its own lock, and
        // registering the types takes it again. (Each store's observer hooks its own periodic
        // event from its own listener; nothing to hook here.)
        switchOn(Types::prepare, () -> live = true,
                task -> Thread.ofVirtual().name("ironcage-jfr-init").start(task));
    }

    /**
     * The steps of going live, in their order (package-private for the ordering test): on the
     * init thread, register the event types (JFR's synchronized registration, class loading and
     * instrumentation), then set the flag the recording path reads. A recording thread therefore
     * never runs the registration itself: before the flag it returns at once, after it every type
     * is ready. If registration fails the flag stays off.
     *
     * @param registerTypes registers the event types and loads everything the hooks touch
     * @param setLive       sets the flag the recording path reads
     * @param initThread    runs the steps, off Flight Recorder's listener thread
     */
    static void switchOn(Runnable registerTypes, Runnable setLive, Executor initThread) {
        initThread.execute(() -> {
            try {
                registerTypes.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: registering JFR events failed, "
                        + "JFR events stay off: " + e);
                return;
            }
            // The volatile write of live (release) comes after the registration and the Types
            // class initialisation: a recording thread that reads live == true (acquire) sees
            // them done, and class initialisation is itself safely published.
            setLive.run();
        });
    }

    // ------------------------------------------------------------------ emitting

    /**
     * Emits the JFR event of a recorded event; each event class checks that its type is enabled,
     * fills itself and commits. Called with Flight Recorder live only.
     */
    static void emit(String store, AnalyticsEvent event) {
        switch (event.payload()) {
            case LlmRequestCompleted c -> LlmRequestCompletedEvent.emit(store, event, c);
            case LlmRequestFailed f -> LlmRequestFailedEvent.emit(store, event, f);
            case BudgetThresholdReached b -> BudgetThresholdReachedEvent.emit(store, event, b);
            case RouterStarted r -> RouterStartedEvent.emit(store, event, r);
            case RouterStopped r -> RouterStoppedEvent.emit(store, event, r);
        }
    }

    /**
     * The event types, looked up once. Loaded only after Flight Recorder is live, so that the
     * JFR machinery is never pulled in by an application that does not use it.
     */
    static final class Types {
        static final EventType COMPLETED = EventType.getEventType(LlmRequestCompletedEvent.class);
        static final EventType FAILED = EventType.getEventType(LlmRequestFailedEvent.class);
        static final EventType BUDGET = EventType.getEventType(BudgetThresholdReachedEvent.class);
        static final EventType ROUTER_STARTED = EventType.getEventType(RouterStartedEvent.class);
        static final EventType ROUTER_STOPPED = EventType.getEventType(RouterStoppedEvent.class);
        static final EventType DROPPED = EventType.getEventType(EventsDroppedEvent.class);
        static final EventType SYNC_ATTEMPT = EventType.getEventType(SyncAttemptEvent.class);
        static final EventType SYNC_STATE = EventType.getEventType(SyncStateChangedEvent.class);

        private Types() {}

        /**
         * Registers every event class, so that recordings and JMC list them before the first one
         * fires, initialises each one and asks each type once whether it is enabled: afterwards
         * the recording path finds everything loaded and registered.
         */
        static void prepare() {
            EVENT_CLASSES.forEach(FlightRecorder::register);
            for (Class<? extends Event> c : EVENT_CLASSES) {
                try {
                    MethodHandles.lookup().ensureInitialized(c);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            for (EventType t : List.of(COMPLETED, FAILED, BUDGET, ROUTER_STARTED, ROUTER_STOPPED, DROPPED,
                    SYNC_ATTEMPT, SYNC_STATE)) {
                t.isEnabled();
            }
        }
    }
}
