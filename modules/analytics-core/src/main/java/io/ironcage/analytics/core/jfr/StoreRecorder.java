package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.core.store.DefaultEventStore;

/**
 * The store's JFR hooks. The recording path calls {@link #recorded} and {@link #dropped} for every
 * event; each must cost next to nothing when no recording asks for the library's events.
 */
public final class StoreRecorder {
    private StoreRecorder() {}

    /**
     * An event was recorded (buffered or not).
     *
     * @param event the event
     */
    public static void recorded(AnalyticsEvent event) {
        // Filled in by the observability work.
    }

    /**
     * An event was dropped because the buffer was full.
     *
     * @param store the store
     */
    public static void dropped(DefaultEventStore store) {
        // Filled in by the observability work.
    }

    /**
     * Starts the store's periodic JFR statistics.
     *
     * @param store the store
     * @return what stops them on {@code close()}
     */
    public static AutoCloseable start(DefaultEventStore store) {
        return () -> { };
    }
}
