package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * The store's hooks on the recording path: JFR events, and the budget-threshold signal that the
 * JMX bean turns into a notification. The store calls {@link #recorded(DefaultEventStore, AnalyticsEvent)}
 * for every recorded event and {@link #dropped} for every buffer drop; both cost a volatile read
 * and a branch until Flight Recorder is initialised in the JVM (see the package documentation for
 * the cost model).
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
     * Every started store's state (periodic hook, drop aggregation, budget listener), for going
     * live. Holds the states, which hold their store only weakly: a store that is never closed
     * can still be collected, and its state then leaves this set (see {@link StoreJfr}). The
     * recording path never looks here: a store's state is in its own final field.
     */
    private static final Set<StoreJfr> STORES = ConcurrentHashMap.newKeySet();

    /**
     * Whether Flight Recorder has been initialised in this JVM (a recording was created, at
     * start-up or later) and the event types are registered and loaded. Until then the hooks
     * return at once without touching an event class (loading the first one costs about 100 ms of
     * JFR start-up, and registering takes JFR's locks). Written once, by {@link #switchOn}'s init
     * thread after {@link Types#prepare()} (volatile store, release); read on every recorded
     * event (volatile load, acquire): a reader that sees true sees the types ready.
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
     * Told, on the recording thread, of each {@link BudgetThresholdReached} event a store records.
     * Must be quick and must not block.
     */
    @FunctionalInterface
    public interface BudgetListener {
        /**
         * A budget threshold event was recorded.
         *
         * @param event   the event
         * @param payload its payload
         */
        void reached(AnalyticsEvent event, BudgetThresholdReached payload);
    }

    /**
     * An event was recorded (buffered or not), without the store that recorded it: JFR events
     * only, with no store name. Stores call {@link #recorded(DefaultEventStore, AnalyticsEvent)}.
     *
     * @param event the event
     */
    public static void recorded(AnalyticsEvent event) {
        recorded(null, event);
    }

    /**
     * An event was recorded (buffered or not). Emits the matching JFR event if a recording
     * enables it, and tells the store's {@link BudgetListener} of a budget threshold event.
     *
     * @param store the store that recorded it, or null if unknown
     * @param event the event
     */
    public static void recorded(DefaultEventStore store, AnalyticsEvent event) {
        if (store != null && event.payload() instanceof BudgetThresholdReached b
                && store.jfrState() instanceof StoreJfr s) {
            s.budgetThreshold(event, b);
        }
        if (live) {
            emit(store == null ? null : store.name(), event);
        }
    }

    /**
     * An event was dropped because the buffer was full. Counted for the aggregated
     * {@code EventsDropped} JFR event (at most one per store and second).
     *
     * @param store the store
     */
    public static void dropped(DefaultEventStore store) {
        if (live && store.jfrState() instanceof StoreJfr s) {
            s.dropped();
        }
    }

    /**
     * Starts the store's JFR state: its periodic statistics event (registered with
     * {@link FlightRecorder#addPeriodicEvent} as soon as Flight Recorder is initialised) and its
     * drop aggregation.
     *
     * <p>The state holds the store weakly; if the store is collected without {@code close()},
     * the periodic hook and the state are removed by
     * {@link io.ironcage.analytics.core.store.StoreCleaner#expunge()} or by the hook itself, when
     * its next callback finds the store gone.
     *
     * @param store the store
     * @return the store's state, which the store keeps ({@link DefaultEventStore#jfrState()});
     *         its {@code close()} removes the periodic hook and the state; idempotent
     */
    public static AutoCloseable start(DefaultEventStore store) {
        StoreJfr s = new StoreJfr(store);
        STORES.add(s);
        // Published in STORES (a volatile write inside the set) before reading live; switchOn sets
        // live before walking STORES: one of the two sees the other, and hook() is idempotent.
        if (live) {
            s.hook();
        }
        return s;
    }

    /** Forgets a closed (or collected) store's state. */
    static void forget(StoreJfr s) {
        STORES.remove(s);
    }

    /**
     * Installs (or, with null, removes) the store's budget listener. The JMX bean uses it to send
     * its notification; the store must have been {@linkplain #start started}.
     *
     * @param store    the store
     * @param listener the listener, or null
     */
    public static void budgetListener(DefaultEventStore store, BudgetListener listener) {
        if (store.jfrState() instanceof StoreJfr s) {
            s.budgetListener = listener;
        } else if (listener != null) {
            LOG.log(System.Logger.Level.DEBUG, "Iron Cage analytics: store \"{0}\" has no recorder state; "
                    + "budget notifications off", store.name());
        }
    }

    /**
     * Whether the store's periodic statistics hook is registered now (for tests).
     *
     * @param store the store
     * @return true between Flight Recorder going live (or the store's start) and its close
     */
    static boolean isHooked(DefaultEventStore store) {
        return store.jfrState() instanceof StoreJfr s && s.isHooked();
    }

    /** Whether Flight Recorder is initialised and the hooks are emitting. */
    static boolean isLive() {
        return live;
    }

    private static void goLive() {
        // Not on this thread: Flight Recorder calls listeners while it holds its own lock, and
        // hooking takes it again through addPeriodicEvent.
        switchOn(Types::prepare, () -> live = true, () -> STORES.forEach(StoreJfr::hook),
                task -> Thread.ofVirtual().name("ironcage-jfr-init").start(task));
    }

    /**
     * The steps of going live, in their order (package-private for the ordering test): on the
     * init thread, register the event types (JFR's synchronized registration, class loading and
     * instrumentation), then set the flag the recording path reads, then hook the stores. A
     * recording thread therefore never runs the registration itself: before the flag it returns
     * at once, after it every type is ready. If registration fails the flag stays off.
     *
     * @param registerTypes registers the event types and loads everything the hooks touch
     * @param setLive       sets the flag the recording path reads
     * @param hookStores    hooks every started store's periodic event
     * @param initThread    runs the steps, off Flight Recorder's listener thread
     */
    static void switchOn(Runnable registerTypes, Runnable setLive, Runnable hookStores, Executor initThread) {
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
            try {
                hookStores.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: hooking the JFR statistics failed: " + e);
            }
        });
    }

    // ------------------------------------------------------------------ emitting

    private static void emit(String store, AnalyticsEvent event) {
        switch (event.payload()) {
            case LlmRequestCompleted c -> {
                if (!Types.COMPLETED.isEnabled()) {
                    return;
                }
                LlmRequestCompletedEvent e = new LlmRequestCompletedEvent();
                LlmModelMeta m = c.meta();
                e.store = store;
                e.eventId = event.eventId().value().toString();
                e.model = m.model();
                e.provider = m.provider();
                e.agent = event.agentId().orElse(null);
                e.providerId = m.providerId();
                e.inputTokens = c.inputTokens();
                e.outputTokens = c.outputTokens();
                e.cacheReadTokens = c.cacheReadTokens();
                e.cacheWriteTokens = c.cacheWriteTokens();
                e.reasoningTokens = c.reasoningTokens();
                e.costMicros = c.costMicros();
                e.priced = c.priced();
                e.pricingRevision = c.pricingRevision();
                e.commit();
            }
            case LlmRequestFailed f -> {
                if (!Types.FAILED.isEnabled()) {
                    return;
                }
                LlmRequestFailedEvent e = new LlmRequestFailedEvent();
                LlmModelMeta m = f.meta();
                e.store = store;
                e.eventId = event.eventId().value().toString();
                e.model = m.model();
                e.provider = m.provider();
                e.agent = event.agentId().orElse(null);
                e.providerId = m.providerId();
                e.errorCode = f.errorCode();
                e.errorMessage = f.errorMessage();
                e.commit();
            }
            case BudgetThresholdReached b -> {
                if (!Types.BUDGET.isEnabled()) {
                    return;
                }
                BudgetThresholdReachedEvent e = new BudgetThresholdReachedEvent();
                e.store = store;
                e.eventId = event.eventId().value().toString();
                e.agent = event.agentId().orElse(null);
                e.thresholdPercent = b.thresholdPercent();
                e.currentSpendMicros = b.currentSpendMicros();
                e.budgetMicros = b.budgetMicros();
                e.commit();
            }
            case RouterStarted r -> {
                if (!Types.ROUTER_STARTED.isEnabled()) {
                    return;
                }
                RouterStartedEvent e = new RouterStartedEvent();
                e.store = store;
                e.eventId = event.eventId().value().toString();
                e.port = r.port();
                e.commit();
            }
            case RouterStopped r -> {
                if (!Types.ROUTER_STOPPED.isEnabled()) {
                    return;
                }
                RouterStoppedEvent e = new RouterStoppedEvent();
                e.store = store;
                e.eventId = event.eventId().value().toString();
                e.totalRequests = r.totalRequests();
                e.totalCostMicros = r.totalCostMicros();
                e.commit();
            }
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
