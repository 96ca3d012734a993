package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.SyncMonitoring;
import io.ironcage.analytics.core.sync.SyncState;
import io.ironcage.analytics.core.sync.SyncStatus;
import io.ironcage.analytics.management.ManagementNames;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * The JMX side of the sync package's {@link SyncMonitoring} seam: a running sync client's
 * {@link io.ironcage.analytics.management.SyncMXBean}
 * ({@code io.ironcage.analytics:type=Sync,name=<store name>}) and its state-change notifications.
 * Each long-lived run opens {@link #MONITORING} when it starts and closes the returned
 * {@link Registration} when it ends.
 */
public final class SyncMBeans {
    private static final System.Logger LOG = System.getLogger(SyncMBeans.class.getName());

    /** Registers each long-lived run's Sync bean (beside a registered store bean). */
    public static final SyncMonitoring MONITORING = run -> register(run.store(), run.status(), run.syncNow());

    private SyncMBeans() {}

    /**
     * Registers the Sync bean of a store whose own bean is registered (under the same name,
     * suffix included), and returns the monitor that turns the client's state changes into JMX
     * notifications. Without a store bean (JMX off for the store), no Sync bean is registered and
     * the monitor does nothing. Never throws for JMX trouble: it is logged.
     *
     * @param store   the store the client delivers for
     * @param status  the client's latest published status; called on JMX threads, must not block
     * @param syncNow asks the client for a cycle; run on its own virtual thread, so it may wait
     * @return the registration; close it when the client stops
     */
    public static Registration register(DefaultEventStore store, Supplier<SyncStatus> status, Runnable syncNow) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(syncNow, "syncNow");
        Optional<String> name = StoreMBeans.registeredName(store);
        if (name.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Iron Cage analytics: store \"{0}\" has no JMX bean; "
                    + "its sync client is not registered in JMX", store.name());
            return new Registration(store.name(), null, null);
        }
        SyncBean bean = new SyncBean(store.name(), status, syncNow);
        Registrar.Registered registered = Registrar.register(ManagementNames.TYPE_SYNC, name.get(), bean);
        if (registered == null) {
            bean.close();
            return new Registration(store.name(), null, null);
        }
        bean.registeredAs(registered.objectName());
        return new Registration(store.name(), bean, registered.objectName());
    }

    /**
     * A running client's JMX monitoring: the state-change notifications, and what unregisters
     * the bean. Its observer methods return at once (notifications go through a dispatcher thread).
     */
    public static final class Registration implements SyncMonitoring.Monitor {
        private final String storeName;
        private final SyncBean bean;
        private final ObjectName objectName;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Registration(String storeName, SyncBean bean, ObjectName objectName) {
            this.storeName = storeName;
            this.bean = bean;
            this.objectName = objectName;
        }

        /**
         * The Sync bean's name.
         *
         * @return the object name, or empty when no bean was registered
         */
        public Optional<ObjectName> objectName() {
            return Optional.ofNullable(objectName);
        }

        /**
         * Sends the State change notification.
         *
         * @param from   the previous state
         * @param to     the new state
         * @param reason why; may be empty
         */
        @Override
        public void stateChanged(SyncState from, SyncState to, String reason) {
            if (bean != null && open.get()) {
                bean.stateChanged(from, to, reason);
            }
        }

        /** Unregisters the Sync bean; idempotent, never throws. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false) && bean != null) {
                Registrar.unregister(objectName);
                bean.close();
            }
        }
    }
}
