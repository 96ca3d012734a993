package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.RouterStopped;
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
final class RouterStoppedEvent extends StoreEvent {
    @Label("Total Requests")
    @Description("Requests recorded by the store when the router stopped (a count)")
    long totalRequests;

    @Label("Total Cost (microdollars)")
    @Description("Cost recorded by the store when the router stopped, in microdollars (1 USD = 1,000,000)")
    long totalCostMicros;

    /** Commits the event for a recorded router stop, if a recording enables it. */
    static void emit(String store, AnalyticsEvent event, RouterStopped r) {
        if (!StoreRecorder.Types.ROUTER_STOPPED.isEnabled()) {
            return;
        }
        RouterStoppedEvent e = new RouterStoppedEvent();
        e.fillStore(store, event);
        e.totalRequests = r.totalRequests();
        e.totalCostMicros = r.totalCostMicros();
        e.commit();
    }
}
