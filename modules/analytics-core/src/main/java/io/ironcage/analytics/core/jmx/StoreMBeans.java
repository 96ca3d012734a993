package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.management.ManagementNames;
import io.ironcage.analytics.core.store.StoreCleaner;
import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.core.store.StoreObserver;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * Registers a store's {@link io.ironcage.analytics.management.EventStoreMXBean} in the platform
 * MBean server as {@code io.ironcage.analytics:type=EventStore,name=<store name>} (a taken name
 * gets a suffix, see {@link #register}): the JMX side of the store's {@link StoreObserver} seam.
 */
public final class StoreMBeans {
    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    private StoreMBeans() {}

    /**
     * Registers the store's MXBean; logs rather than throws if that fails. When another bean has
     * the name, the first free one of {@code name-2}, {@code name-3}, ... is used and one log line
     * says so. The returned observer turns the budget threshold events the store records into JMX
     * notifications and unregisters the bean when the store is closed. Called by the composition
     * root while it builds the store, when {@code config.jmx()}.
     *
     * <p>Nothing static holds the store: the MBean server holds the bean, which holds the store
     * weakly and holds its own cleanup registration (a phantom reference to the store). If the
     * store is collected without {@code close()}, {@link StoreCleaner#expunge()} (run from the
     * shared JMX notification thread among others) unregisters the bean and stops its dispatcher.
     * If someone else unregisters the bean (a JMX client), the bean's
     * {@link javax.management.MBeanRegistration#postDeregister()} stops its dispatcher and drops
     * the cleanup registration at once, since the bean no longer keeps it reachable.
     *
     * <p>On close, the unregistration runs after the notifications the bean has queued: at once
     * if there are none, else as the last task of the notification thread, so queued
     * notifications reach every subscriber (remote ones included) while the bean is still
     * registered. {@code close()} does not wait for them.
     *
     * @param store the store, at the end of its construction
     * @return the store's JMX observer; {@link StoreObserver#NONE} if the bean could not be registered
     */
    public static StoreObserver register(DefaultEventStore store) {
        EventStoreBean bean = new EventStoreBean(store);
        Registrar.Registered registered = Registrar.register(ManagementNames.TYPE_EVENT_STORE, store.name(), bean);
        if (registered == null) {
            bean.close();
            return StoreObserver.NONE;
        }
        ObjectName on = registered.objectName();
        bean.registeredAs(on);
        Registration registration = new Registration(store, registered, bean);
        bean.keep(registration::deregistered);
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
        Registration r = store.observer(Registration.class);
        return r != null && r.open.get() ? Optional.of(r) : Optional.empty();
    }

    /**
     * A registered bean: the store's JMX observer. Refers to the bean and its name, never to the
     * store, so that it can be the cleanup action of a collected store. Its observer methods are
     * called on the recording thread and return at once (notifications go through the dispatcher).
     */
    private static final class Registration implements StoreObserver {
        private final Registrar.Registered registered;
        private final EventStoreBean bean;
        private final String storeName;
        private final AtomicBoolean open = new AtomicBoolean(true);
        // Runs unregister() once: on closed(), or from StoreCleaner.expunge() after the store is
        // collected. Reachable through the bean (see EventStoreBean.keep); cleaned (without
        // unregistering) by deregistered() when the bean left the server some other way.
        private final StoreCleaner.Registration cleanable;

        Registration(DefaultEventStore store, Registrar.Registered registered, EventStoreBean bean) {
            this.registered = registered;
            this.bean = bean;
            this.storeName = store.name();
            this.cleanable = StoreCleaner.register(store, this::unregister);
        }

        @Override
        public void budgetThreshold(AnalyticsEvent event, BudgetThresholdReached payload) {
            if (!open.get()) {
                return;
            }
            try {
                bean.budgetThresholdReached(event, payload);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: store \"" + storeName
                        + "\": budget notification failed: " + e);
            }
        }

        @Override
        public void closed() {
            cleanable.clean();
        }

        /**
         * The bean left the MBean server (EventStoreBean.postDeregister): a no-op after
         * unregister(); else someone else unregistered it, so stop the dispatcher (queued
         * notifications are still sent) without unregistering the name again (another bean may
         * hold it by now), and drop the phantom reference.
         */
        private void deregistered() {
            if (open.compareAndSet(true, false)) {
                bean.close();
            }
            cleanable.clean();
        }

        private void unregister() {
            if (open.compareAndSet(true, false)) {
                // Unregistered after the notifications already queued (see register()).
                ObjectName on = registered.objectName();
                bean.closeThen(() -> Registrar.unregister(on));
            }
        }
    }
}
