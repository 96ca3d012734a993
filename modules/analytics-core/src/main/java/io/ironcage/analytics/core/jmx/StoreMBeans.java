package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.jfr.StoreRecorder;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.management.ManagementNames;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * Registers a store's {@link io.ironcage.analytics.management.EventStoreMXBean} in the platform
 * MBean server as {@code io.ironcage.analytics:type=EventStore,name=<store name>} (a taken name
 * gets a suffix, see {@link #register}).
 */
public final class StoreMBeans {
    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    /** Stores whose bean is registered now, with the name it got (used by the Sync bean). */
    private static final ConcurrentHashMap<DefaultEventStore, Registrar.Registered> REGISTERED =
            new ConcurrentHashMap<>();

    private StoreMBeans() {}

    /**
     * Registers the store's MXBean; logs rather than throws if that fails. When another bean has
     * the name, the first free one of {@code name-2}, {@code name-3}, ... is used and one log line
     * says so. Budget threshold events the store records become JMX notifications.
     *
     * @param store the store
     * @return what unregisters the bean on {@code close()}; idempotent, never throws
     */
    public static AutoCloseable register(DefaultEventStore store) {
        EventStoreBean bean = new EventStoreBean(store);
        Registrar.Registered registered = Registrar.register(ManagementNames.TYPE_EVENT_STORE, store.name(), bean);
        if (registered == null) {
            bean.close();
            return () -> { };
        }
        ObjectName on = registered.objectName();
        bean.registeredAs(on);
        REGISTERED.put(store, registered);
        StoreRecorder.budgetListener(store, bean::budgetThresholdReached);
        LOG.log(System.Logger.Level.DEBUG, "Iron Cage analytics: store \"{0}\" registered in JMX as {1}", store.name(), on);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                StoreRecorder.budgetListener(store, null);
                REGISTERED.remove(store);
                Registrar.unregister(on);
                bean.close();
            }
        };
    }

    /**
     * The object name the store's bean is registered under.
     *
     * @param store the store
     * @return the name, or empty if the store has no registered bean (JMX off, failed, or closed)
     */
    public static Optional<ObjectName> objectName(DefaultEventStore store) {
        Registrar.Registered r = REGISTERED.get(store);
        return r == null ? Optional.empty() : Optional.of(r.objectName());
    }

    /** The unquoted name (with any suffix) the store's bean got, for the Sync bean. */
    static Optional<String> registeredName(DefaultEventStore store) {
        Registrar.Registered r = REGISTERED.get(store);
        return r == null ? Optional.empty() : Optional.of(r.name());
    }
}
