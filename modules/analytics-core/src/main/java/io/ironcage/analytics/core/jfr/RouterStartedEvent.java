package io.ironcage.analytics.core.jfr;

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
final class RouterStartedEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store")
    String store;

    @Label("Event Id")
    @Description("Id of the analytics event (UUID)")
    String eventId;

    @Label("Port")
    @Description("The port the router listens on")
    int port;
}
