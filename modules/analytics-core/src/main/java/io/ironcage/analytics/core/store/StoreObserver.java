package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import java.util.Objects;

/**
 * What a {@link DefaultEventStore} tells the outside about itself: the seam through which
 * exporters (JFR events, the JMX bean, later public subscribers) watch a store without the store
 * knowing any of them. Every method has a no-op default. The composition root
 * ({@code io.ironcage.analytics.core.Assembly}) gives the store its observer when it builds it;
 * a store has exactly one (use {@link #of(StoreObserver...)} to attach several).
 *
 * <p><b>Thread contract.</b> {@link #recorded}, {@link #dropped} and {@link #budgetThreshold} are
 * called on the recording thread, possibly by many threads at once, inside the store's recording
 * path: an implementation must be thread-safe, quick, allocation-light, and must never block,
 * take a contended lock or do I/O (hand anything slow to another thread). They must not throw:
 * the store does not catch, so an exception would reach the application's record call.
 * {@link #closed} is called once, by the thread that closes the store, after the store stopped
 * accepting events; it may take locks and unregister things.
 */
public interface StoreObserver {

    /** Observes nothing. */
    StoreObserver NONE = new StoreObserver() { };

    /**
     * An event was recorded (buffered or not); called for every event, just before the store
     * buffers it.
     *
     * @param event the event
     */
    default void recorded(AnalyticsEvent event) { }

    /** An event was dropped because the buffer was full. */
    default void dropped() { }

    /**
     * The store recorded a budget threshold event; called only for those events, so observers
     * need no type test per event. Called after {@link #recorded} (and {@link #dropped}, if the
     * buffer was full) for the same event, once the store has counted and buffered it: whatever
     * reads the store on hearing of the event (a JMX notification listener) finds it recorded.
     *
     * @param event   the event
     * @param payload its payload
     */
    default void budgetThreshold(AnalyticsEvent event, BudgetThresholdReached payload) { }

    /** The store was closed; called once. Undo registrations here. */
    default void closed() { }

    /**
     * This observer, or the part of it, of the given type: how a package finds its own observer
     * of a store again (the JMX bean's name for the Sync bean, say) without a static map.
     *
     * @param type the observer class wanted
     * @param <T>  its type
     * @return the observer of that type, or null
     */
    default <T> T find(Class<T> type) {
        return type.isInstance(this) ? type.cast(this) : null;
    }

    /**
     * One observer for several: {@link #NONE} for none, the observer itself for one, else a
     * composite that calls each in order. Built once, with a final array, so the recording path
     * makes one interface call into it (a pair is specialised: no loop).
     *
     * @param observers the observers, in the order they are told
     * @return the observer to give the store
     */
    static StoreObserver of(StoreObserver... observers) {
        StoreObserver[] all = observers.clone();
        for (StoreObserver o : all) {
            Objects.requireNonNull(o, "observer");
        }
        return switch (all.length) {
            case 0 -> NONE;
            case 1 -> all[0];
            case 2 -> new Pair(all[0], all[1]);
            default -> new Many(all);
        };
    }

    /** Two observers, the common case (JFR and JMX): no loop on the recording path. */
    record Pair(StoreObserver first, StoreObserver second) implements StoreObserver {
        @Override
        public void recorded(AnalyticsEvent event) {
            first.recorded(event);
            second.recorded(event);
        }

        @Override
        public void dropped() {
            first.dropped();
            second.dropped();
        }

        @Override
        public void budgetThreshold(AnalyticsEvent event, BudgetThresholdReached payload) {
            first.budgetThreshold(event, payload);
            second.budgetThreshold(event, payload);
        }

        @Override
        public void closed() {
            try {
                first.closed();
            } finally {
                second.closed();
            }
        }

        @Override
        public <T> T find(Class<T> type) {
            T t = first.find(type);
            return t != null ? t : second.find(type);
        }
    }

    /** Three or more observers, in a final array set once at construction. */
    final class Many implements StoreObserver {
        private final StoreObserver[] all;

        private Many(StoreObserver[] all) {
            this.all = all;
        }

        @Override
        public void recorded(AnalyticsEvent event) {
            for (StoreObserver o : all) {
                o.recorded(event);
            }
        }

        @Override
        public void dropped() {
            for (StoreObserver o : all) {
                o.dropped();
            }
        }

        @Override
        public void budgetThreshold(AnalyticsEvent event, BudgetThresholdReached payload) {
            for (StoreObserver o : all) {
                o.budgetThreshold(event, payload);
            }
        }

        @Override
        public void closed() {
            RuntimeException first = null;
            for (StoreObserver o : all) {
                try {
                    o.closed();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }

        @Override
        public <T> T find(Class<T> type) {
            for (StoreObserver o : all) {
                T t = o.find(type);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }
    }
}
