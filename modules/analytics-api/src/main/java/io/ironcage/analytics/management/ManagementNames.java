package io.ironcage.analytics.management;

/**
 * The names under which the library's MXBeans and notifications appear, for JMX clients that
 * query for them (for example {@code new ObjectName(DOMAIN + ":type=" + TYPE_EVENT_STORE + ",*")}).
 */
public final class ManagementNames {

    /** The object name domain of every bean the library registers. */
    public static final String DOMAIN = "io.ironcage.analytics";

    /** The {@code type} key of an {@link EventStoreMXBean}. */
    public static final String TYPE_EVENT_STORE = "EventStore";

    /** The {@code type} key of a {@link SyncMXBean}. */
    public static final String TYPE_SYNC = "Sync";

    /**
     * The type of the notification an {@link EventStoreMXBean} sends when the store records a
     * {@link io.ironcage.analytics.BudgetThresholdReached} event. Its user data is a
     * {@code CompositeData} with the items {@code thresholdPercent} (int), {@code currentSpendMicros}
     * (long), {@code budgetMicros} (long), {@code agentId} (string, empty when none),
     * {@code eventId} (string) and {@code timestampMs} (long).
     */
    public static final String BUDGET_THRESHOLD_NOTIFICATION = "io.ironcage.analytics.budget.threshold";

    /**
     * The type of the notification a {@link SyncMXBean} sends when the sync client's
     * {@link SyncMXBean#getState() State} changes: a standard
     * {@code javax.management.AttributeChangeNotification} (type {@code "jmx.attribute.change"})
     * for the attribute {@code State}, with the old and new state names and the reason in its
     * message.
     */
    public static final String SYNC_STATE_NOTIFICATION = "jmx.attribute.change";

    private ManagementNames() {}
}
