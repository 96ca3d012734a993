package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import jdk.jfr.Description;
import jdk.jfr.Label;

/**
 * The fields every JFR event of a recorded analytics event has: the store and the event's id.
 * Abstract, so never registered itself; each subclass is a final event with its own
 * {@code @Name}, {@code @Label}, {@code @Category}, {@code @Description} and
 * {@code @StackTrace(false)}, and its own static {@code emit}.
 */
abstract class StoreEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store that recorded the event")
    String store;

    @Label("Event Id")
    @Description("Id of the analytics event (UUID)")
    String eventId;

    /** Fills the common fields. */
    final void fillStore(String store, AnalyticsEvent event) {
        this.store = store;
        this.eventId = event.eventId().value().toString();
    }
}
