package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.jfr.SyncRecorder;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.SyncAttempt;
import io.ironcage.analytics.core.sync.SyncObserver;
import io.ironcage.analytics.core.sync.SyncState;
import io.ironcage.analytics.core.sync.SyncStatus;
import io.ironcage.analytics.management.ManagementNames;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * Monitoring of a running sync client: its {@link io.ironcage.analytics.management.SyncMXBean}
 * ({@code io.ironcage.analytics:type=Sync,name=<store name>}) and its JFR events.
 *
 * <p>The sync client calls {@link #register} when it starts, uses the returned
 * {@link Registration} as (or inside) its {@link SyncObserver}, and closes it when it stops:
 * <pre>{@code
 * Registration monitoring = SyncMBeans.register(store, this::status, this::requestSyncNow);
 * // observer.stateChanged(...) / observer.attempt(...) -> monitoring.stateChanged(...) / .attempt(...)
 * ...
 * monitoring.close();   // on stop
 * }</pre>
 */
public final class SyncMBeans {
    private static final System.Logger LOG = System.getLogger(SyncMBeans.class.getName());

    private SyncMBeans() {}

    /**
     * Registers the Sync bean of a store whose own bean is registered (under the same name,
     * suffix included), and returns the observer that turns the client's state changes into JMX
     * notifications and JFR events and its requests into JFR events. Without a store bean (JMX
     * off for the store), no Sync bean is registered, and the observer still feeds JFR. Never
     * throws for JMX trouble: it is logged.
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
     * A running client's monitoring: the {@link SyncObserver} to call, and what unregisters the
     * bean. Its observer methods return at once (notifications go through a dispatcher thread).
     */
    public static final class Registration implements SyncObserver, AutoCloseable {
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
         * Sends the State change notification and the {@code SyncStateChanged} JFR event.
         *
         * @param from   the previous state
         * @param to     the new state
         * @param reason why; may be empty
         */
        @Override
        public void stateChanged(SyncState from, SyncState to, String reason) {
            SyncRecorder.stateChanged(storeName, from.name(), to.name(), reason);
            if (bean != null && open.get()) {
                bean.stateChanged(from, to, reason);
            }
        }

        /**
         * Emits the {@code SyncAttempt} JFR event for one HTTP request (one event per request).
         *
         * @param attempt what happened
         */
        @Override
        public void attempt(SyncAttempt attempt) {
            SyncAttempt.Outcome o = attempt.outcome();
            SyncRecorder.attempt(storeName, attempt.statusCode(), o.name(), attempt.retry(), 1,
                    o == SyncAttempt.Outcome.DELIVERED ? 1 : 0, o == SyncAttempt.Outcome.DUPLICATE ? 1 : 0,
                    o == SyncAttempt.Outcome.REJECTED ? 1 : 0, attempt.detail(),
                    attempt.duration() == null ? 0 : saturatedNanos(attempt.duration()));
        }

        private static long saturatedNanos(java.time.Duration d) {
            try {
                return d.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
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
