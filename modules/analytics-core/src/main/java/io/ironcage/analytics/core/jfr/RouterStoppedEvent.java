package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The LLM router stopped (rare; on by default). */
@Name(StoreRecorder.NAMESPACE + "RouterStopped")
@Label("Router Stopped")
@Category({"Iron Cage", "Analytics"})
@Description("The LLM router stopped, with the store's totals at that moment")
@StackTrace(false)
final class RouterStoppedEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store")
    String store;

    @Label("Event Id")
    @Description("Id of the analytics event (UUID)")
    String eventId;

    @Label("Total Requests")
    @Description("Requests recorded by the store when the router stopped (a count)")
    long totalRequests;

    @Label("Total Cost (microdollars)")
    @Description("Cost recorded by the store when the router stopped, in microdollars (1 USD = 1,000,000)")
    long totalCostMicros;
}
