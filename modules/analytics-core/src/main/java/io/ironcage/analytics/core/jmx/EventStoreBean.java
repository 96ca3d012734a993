package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.management.ModelStatsRow;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.management.EventStoreMXBean;
import io.ironcage.analytics.management.ManagementNames;
import java.lang.ref.WeakReference;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanRegistration;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * The {@link EventStoreMXBean} of one store: every getter reads the store's live counters.
 * Notifications go out through a {@link Dispatcher}, never on the recording thread.
 *
 * <p>The MBean server is a static root, so the bean holds its store through a
 * {@link WeakReference}: a store that is never closed can still be collected (its bean is then
 * unregistered through {@link io.ironcage.analytics.core.store.StoreCleaner}; a getter called in
 * between throws {@link IllegalStateException}).
 *
 * <p>The bean is an {@link MBeanRegistration}: when it leaves the MBean server by any path other
 * than the store's {@code close()} (a JMX client or a container calling {@code unregisterMBean}),
 * {@link #postDeregister()} runs its registration's cleanup (stops the dispatcher, drops the
 * phantom reference), since the bean no longer keeps that registration reachable.
 */
final class EventStoreBean extends NotificationBroadcasterSupport implements EventStoreMXBean, MBeanRegistration {

    /** The user data of a budget notification. */
    static final CompositeType BUDGET_DATA;

    static {
        try {
            BUDGET_DATA = new CompositeType("io.ironcage.analytics.BudgetThreshold", "A budget threshold was reached",
                    new String[] {"thresholdPercent", "currentSpendMicros", "budgetMicros", "agentId", "eventId",
                        "timestampMs"},
                    new String[] {"threshold crossed, percent of the budget", "spend in microdollars",
                        "budget in microdollars", "agent id, empty when none", "the analytics event's id",
                        "when the event was recorded, epoch milliseconds"},
                    new OpenType<?>[] {SimpleType.INTEGER, SimpleType.LONG, SimpleType.LONG, SimpleType.STRING,
                        SimpleType.STRING, SimpleType.LONG});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The bean's notification info: a new array per bean (an array constant could be written to). */
    private static MBeanNotificationInfo[] notifications() {
        return new MBeanNotificationInfo[] {
            new MBeanNotificationInfo(new String[] {ManagementNames.BUDGET_THRESHOLD_NOTIFICATION},
                    Notification.class.getName(), "The store recorded a budget threshold event")
        };
    }

    private final WeakReference<DefaultEventStore> store;
    private final String name;
    private final Dispatcher dispatcher;
    private final AtomicLong sequence = new AtomicLong();
    private volatile ObjectName objectName;
    // The bean's cleanup on deregistration (StoreMBeans.Registration::deregistered). Holding it
    // also keeps the registration reachable: the MBean server holds the bean, the bean holds the
    // registration, so the registration's phantom reference is enqueued when the store is
    // collected, and no static set is needed. Written once after registration.
    private volatile Runnable onDeregistered;
    // Set by postDeregister(). With onDeregistered (both volatile), a deregistration racing
    // keep() runs the cleanup in one of the two places at least (the cleanup is idempotent).
    private volatile boolean deregistered;

    EventStoreBean(DefaultEventStore store) {
        super(notifications());
        this.store = new WeakReference<>(store);
        this.name = store.name();
        this.dispatcher = new Dispatcher("store \"" + store.name() + "\"", true);
    }

    void registeredAs(ObjectName on) {
        this.objectName = on;
    }

    /**
     * Keeps the bean's cleanup reachable for as long as the bean is registered, and runs it when
     * the bean is unregistered (at once if that already happened).
     *
     * @param cleanup idempotent; must not refer to the store
     */
    void keep(Runnable cleanup) {
        this.onDeregistered = cleanup;
        if (deregistered) {
            cleanup.run();
        }
    }

    // ------------------------------------------------------------------ MBeanRegistration

    @Override
    public ObjectName preRegister(MBeanServer server, ObjectName name) {
        return name;
    }

    @Override
    public void postRegister(Boolean registrationDone) {
        // nothing: StoreMBeans learns the outcome from Registrar
    }

    @Override
    public void preDeregister() {
        // nothing: the cleanup runs once the bean is gone
    }

    /** Runs the cleanup whoever unregistered the bean (a no-op after the store's close()). */
    @Override
    public void postDeregister() {
        deregistered = true;
        Runnable cleanup = onDeregistered;
        if (cleanup != null) {
            cleanup.run();
        }
    }

    /** Stops the dispatcher; notifications already queued are still sent. */
    void close() {
        dispatcher.shutdown();
    }

    /**
     * Stops the dispatcher and runs {@code last} after the notifications already queued (at
     * once if there are none); does not wait.
     */
    void closeThen(Runnable last) {
        dispatcher.shutdown(last);
    }

    /**
     * Queues a budget notification. Called on the recording thread: builds nothing here, hands
     * the event to the dispatcher.
     */
    void budgetThresholdReached(AnalyticsEvent event, BudgetThresholdReached b) {
        dispatcher.execute(() -> sendNotification(budgetNotification(event, b)));
    }

    private Notification budgetNotification(AnalyticsEvent event, BudgetThresholdReached b) {
        String agent = event.agentId().orElse("");
        String message = String.format(Locale.ROOT,
                "store \"%s\": spend reached the %d%% budget threshold (%.6f of %.6f USD)%s", name,
                b.thresholdPercent(), b.currentSpendMicros() / 1e6, b.budgetMicros() / 1e6,
                agent.isEmpty() ? "" : ", agent " + agent);
        Notification n = new Notification(ManagementNames.BUDGET_THRESHOLD_NOTIFICATION, source(),
                sequence.incrementAndGet(), event.timestampMs(), message);
        try {
            n.setUserData(new CompositeDataSupport(BUDGET_DATA, Map.of("thresholdPercent", b.thresholdPercent(),
                    "currentSpendMicros", b.currentSpendMicros(), "budgetMicros", b.budgetMicros(), "agentId", agent,
                    "eventId", event.eventId().value().toString(), "timestampMs", event.timestampMs())));
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    // ------------------------------------------------------------------ attributes

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getPricingRevision() {
        return store().pricing().revision();
    }

    @Override
    public long getTotalRequests() {
        return store().stats().totalRequests();
    }

    @Override
    public long getFailedRequests() {
        return store().stats().failedRequests();
    }

    @Override
    public double getSuccessRate() {
        return store().stats().successRate();
    }

    @Override
    public long getTotalInputTokens() {
        return store().stats().totalInputTokens();
    }

    @Override
    public long getTotalOutputTokens() {
        return store().stats().totalOutputTokens();
    }

    @Override
    public long getTotalTokens() {
        return store().stats().totalTokens();
    }

    @Override
    public long getTotalCostMicros() {
        return store().stats().totalCostMicros();
    }

    @Override
    public double getTotalCostUsd() {
        return store().stats().totalCostUsd();
    }

    @Override
    public long getUnpricedRequests() {
        return store().stats().unpricedRequests();
    }

    @Override
    public int getBufferSize() {
        return store().size();
    }

    @Override
    public int getBufferCapacity() {
        return store().capacity();
    }

    @Override
    public long getDroppedCount() {
        return store().droppedCount();
    }

    @Override
    public long getStreamDroppedCount() {
        return store().streamDroppedCount();
    }

    @Override
    public long getUnsyncedCount() {
        return store().unsyncedCount();
    }

    @Override
    public EventAccounting getAccounting() {
        return store().accounting();
    }

    @Override
    public Map<String, ModelStatsRow> getByModel() {
        return rows(store().stats().byModel());
    }

    @Override
    public Map<String, ModelStatsRow> getByProvider() {
        return rows(store().stats().byProvider());
    }

    @Override
    public Map<String, ModelStatsRow> getByAgent() {
        return rows(store().stats().byAgent());
    }

    private static Map<String, ModelStatsRow> rows(Map<String, ModelStats> stats) {
        Map<String, ModelStatsRow> out = new TreeMap<>();
        stats.forEach((k, v) -> out.put(k, ModelStatsRow.of(v)));
        return out;
    }

    /** The store, or an IllegalStateException if it was collected (the bean is being unregistered). */
    private DefaultEventStore store() {
        DefaultEventStore s = store.get();
        if (s == null) {
            throw new IllegalStateException("the store \"" + name + "\" was garbage-collected without close()");
        }
        return s;
    }

    private Object source() {
        ObjectName on = objectName;
        return on != null ? on : this;
    }

    @Override
    public String toString() {
        return "EventStoreBean[" + objectName + "]";
    }
}
