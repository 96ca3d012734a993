package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.RouterStarted;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The LLM router started (rare; on by default). */
@Name(StoreRecorder.NAMESPACE + "RouterStarted")
@Label("Router Started")
@Category({"Iron Cage", "Analytics"})
@Description("The LLM router started, as recorded by an Iron Cage analytics store")
@StackTrace(false)
final class RouterStartedEvent extends StoreEvent {
    @Label("Port")
    @Description("The port the router listens on")
    int port;

    /** Commits the event for a recorded router start, if a recording enables it. */
    static void emit(String store, AnalyticsEvent event, RouterStarted r) {
        if (!StoreRecorder.Types.ROUTER_STARTED.isEnabled()) {
            return;
        }
        RouterStartedEvent e = new RouterStartedEvent();
        e.fillStore(store, event);
        e.port = r.port();
        e.commit();
    }
}
