package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Events dropped because a store's buffer was full, aggregated: at most one JFR event per store
 * and second, carrying the drops since the previous one.
 */
@Name(StoreRecorder.NAMESPACE + "EventsDropped")
@Label("Events Dropped")
@Category({"Iron Cage", "Analytics"})
@Description("Analytics events dropped because the store's buffer was full; at most one JFR event per store and second, "
        + "carrying the count since the previous one")
@StackTrace(false)
final class EventsDroppedEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store")
    String store;

    @Label("Dropped")
    @Description("Events dropped since the previous Events Dropped event of this store (a count)")
    long count;

    @Label("Total Dropped")
    @Description("Events the store has dropped since it was created (a count)")
    long totalDropped;

    @Label("Buffer Capacity")
    @Description("Events the store's buffer holds at most")
    int bufferCapacity;
}
