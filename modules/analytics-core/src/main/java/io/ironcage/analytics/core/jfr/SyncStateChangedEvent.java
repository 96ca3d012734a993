package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The sync client changed state (rare; on by default). */
@Name(StoreRecorder.NAMESPACE + "SyncStateChanged")
@Label("Sync State Changed")
@Category({"Iron Cage", "Analytics", "Sync"})
@Description("The sync client changed state: RUNNING, BACKING_OFF, PAUSED_AUTH or STOPPED")
@StackTrace(false)
final class SyncStateChangedEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store the client delivers for")
    String store;

    @Label("From")
    @Description("The previous state")
    String from;

    @Label("To")
    @Description("The new state")
    String to;

    @Label("Reason")
    @Description("Why, in a few words (never a token)")
    String reason;
}
