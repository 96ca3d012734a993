package io.ironcage.analytics;

/**
 * Receives the events a store records, through a {@link Subscription} made by
 * {@link EventStore#subscribe(EventListener)}.
 *
 * <p>Called on the subscription's own virtual thread, one event at a time, in the order the
 * events reached the subscription's queue (one recording thread's events in the order it recorded
 * them); never on the recording thread. The listener may block or be slow: that delays only its
 * own subscription, whose queue then fills and drops (counted in
 * {@link Subscription#droppedCount()}). An exception it throws is caught, counted
 * ({@link Subscription#failedCount()}) and logged once per subscription; delivery goes on with the
 * next event.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * One recorded event. The event is shared with the store and its other consumers: read it,
     * do not rely on its identity.
     *
     * @param event the event
     */
    void onEvent(AnalyticsEvent event);
}
