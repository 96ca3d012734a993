package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.jfr.StoreRecorder;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.management.ManagementNames;
import io.ironcage.analytics.core.store.StoreCleaner;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * Registers a store's {@link io.ironcage.analytics.management.EventStoreMXBean} in the platform
 * MBean server as {@code io.ironcage.analytics:type=EventStore,name=<store name>} (a taken name
 * gets a suffix, see {@link #register}).
 */
public final class StoreMBeans {
    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    private StoreMBeans() {}

    /**
     * Registers the store's MXBean; logs rather than throws if that fails. When another bean has
     * the name, the first free one of {@code name-2}, {@code name-3}, ... is used and one log line
     * says so. Budget threshold events the store records become JMX notifications.
     *
     * <p>Nothing static holds the store: the MBean server holds the bean, which holds the store
     * weakly, and the store keeps the returned registration ({@link DefaultEventStore#jmxRegistration()}).
     * If the store is collected without {@code close()}, {@link StoreCleaner#expunge()} (run from
     * the shared JMX notification thread among others) unregisters the bean and stops its
     * dispatcher.
     *
     * <p>On close, the unregistration runs after the notifications the bean has queued: at once
     * if there are none, else as the last task of the notification thread, so queued
     * notifications reach every subscriber (remote ones included) while the bean is still
     * registered. {@code close()} does not wait for them.
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
        Registration registration = new Registration(store, registered, bean);
        StoreRecorder.budgetListener(store, bean::budgetThresholdReached);
        LOG.log(System.Logger.Level.DEBUG, "Iron Cage analytics: store \"{0}\" registered in JMX as {1}", store.name(), on);
        return registration;
    }

    /**
     * The object name the store's bean is registered under.
     *
     * @param store the store
     * @return the name, or empty if the store has no registered bean (JMX off, failed, or closed)
     */
    public static Optional<ObjectName> objectName(DefaultEventStore store) {
        return registration(store).map(r -> r.registered.objectName());
    }

    /** The unquoted name (with any suffix) the store's bean got, for the Sync bean. */
    static Optional<String> registeredName(DefaultEventStore store) {
        return registration(store).map(r -> r.registered.name());
    }

    private static Optional<Registration> registration(DefaultEventStore store) {
        return store.jmxRegistration() instanceof Registration r && r.open.get() ? Optional.of(r) : Optional.empty();
    }

    /**
     * A registered bean, kept by its store. Refers to the bean and its name, never to the store,
     * so that it can be the cleanup action of a collected store.
     */
    private static final class Registration implements AutoCloseable {
        private final Registrar.Registered registered;
        private final EventStoreBean bean;
        private final AtomicBoolean open = new AtomicBoolean(true);
        // Runs unregister() once: on close(), or from StoreCleaner.expunge() after the store is collected.
        private final StoreCleaner.Registration cleanable;

        Registration(DefaultEventStore store, Registrar.Registered registered, EventStoreBean bean) {
            this.registered = registered;
            this.bean = bean;
            this.cleanable = StoreCleaner.register(store, this::unregister);
        }

        private void unregister() {
            if (open.compareAndSet(true, false)) {
                // Unregistered after the notifications already queued (see register()).
                ObjectName on = registered.objectName();
                bean.closeThen(() -> Registrar.unregister(on));
            }
        }

        @Override
        public void close() {
            cleanable.clean();
        }
    }
}
