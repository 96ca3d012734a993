package io.ironcage.analytics.core;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.jfr.StoreRecorder;
import io.ironcage.analytics.core.jfr.SyncRecorder;
import io.ironcage.analytics.core.jmx.StoreMBeans;
import io.ironcage.analytics.core.jmx.SyncMBeans;
import io.ironcage.analytics.core.pricing.PriceTables;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.StoreObserver;
import io.ironcage.analytics.core.subscribe.Subscribers;
import io.ironcage.analytics.core.sync.SyncClients;
import io.ironcage.analytics.core.sync.SyncMonitoring;
import io.ironcage.analytics.core.sync.SyncObserver;
import io.ironcage.analytics.core.sync.SyncTuning;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The composition root: the one place that wires the packages of this module together. Nothing
 * else builds a store or a sync client; {@link CoreAnalyticsProvider} and the tests call here.
 *
 * <p>What it wires, exactly:
 * <ul>
 *   <li>a store ({@link #newStore}): a {@link DefaultEventStore} built from the configuration,
 *   its pricing resolved to the embedded price table when the application gave none, with a
 *   streaming channel only when asked for; its {@link StoreObserver} is the JFR observer
 *   ({@link StoreRecorder#observe}, always: it costs a volatile read per event until Flight
 *   Recorder is initialised) followed by the JMX observer ({@link StoreMBeans#register}, only when
 *   {@code config.jmx()}) and the subscriber hub ({@link Subscribers#attach}, always: one
 *   volatile read of an empty array per event until someone subscribes);</li>
 *   <li>a sync client ({@link #newSyncClient}): the actor client of {@code sync}, whose
 *   long-lived runs are monitored by the JFR sync events ({@link SyncRecorder#MONITORING}) and
 *   the Sync MXBean ({@link SyncMBeans#MONITORING}, registered only beside a registered store
 *   bean).</li>
 * </ul>
 *
 * <p>To add an exporter, write its observer in its own package (implement {@link StoreObserver}
 * and, for sync, {@link SyncMonitoring}) and add it to {@link #observers} and
 * {@link #SYNC_MONITORING} here: one line each.
 */
public final class Assembly {

    /** The monitoring of every long-lived sync run: JFR events first, then the Sync MXBean. */
    private static final SyncMonitoring SYNC_MONITORING = SyncMonitoring.of(SyncRecorder.MONITORING, SyncMBeans.MONITORING);

    private Assembly() {}

    /**
     * A store with the library's monitoring attached.
     *
     * @param config    the configuration; its pricing may be absent (the embedded table is used)
     * @param streaming whether to build the streaming channel of {@code config.streamCapacity()}
     *                  (which must then be positive); false builds none, whatever the capacity
     * @return the store
     */
    public static DefaultEventStore newStore(StoreConfig config, boolean streaming) {
        Objects.requireNonNull(config, "config");
        StoreConfig resolved = config.toBuilder()
                .pricing(config.pricing().orElseGet(PriceTables::embedded))
                .streamCapacity(streaming ? config.streamCapacity() : 0)
                .build();
        return new DefaultEventStore(resolved, store -> observers(store, resolved));
    }

    /**
     * The store's observers, in the order they are told. One line per exporter. Only attached
     * observers are combined: with JMX off the store holds the JFR observer and the subscriber
     * hub as a pair (no loop); the hub comes last, so subscribers hear of an event after the
     * other exporters.
     */
    private static StoreObserver observers(DefaultEventStore store, StoreConfig config) {
        List<StoreObserver> all = new ArrayList<>(3);
        all.add(StoreRecorder.observe(store));
        if (config.jmx()) {
            all.add(StoreMBeans.register(store));
        }
        all.add(Subscribers.attach(store));
        return StoreObserver.of(all.toArray(StoreObserver[]::new));
    }

    /**
     * A sync client for a store of this module, monitored by JFR and JMX, with the
     * configuration's tuning and no observer of the caller's.
     *
     * @param store  a store made by {@link #newStore}
     * @param config where and how to deliver
     * @return the client (a do-nothing one when the configuration is disabled)
     */
    public static SyncClient newSyncClient(EventStore store, SyncConfig config) {
        Objects.requireNonNull(config, "config");
        return newSyncClient(store, config, SyncTuning.forConfig(config), SyncObserver.NONE);
    }

    /**
     * A sync client with explicit tuning and an observer of the caller's (tests, tools), monitored
     * by JFR and JMX like every client.
     *
     * @param store    a store made by {@link #newStore}
     * @param config   where and how to deliver
     * @param tuning   back-off and limits
     * @param observer told about state changes and HTTP attempts, after the monitoring
     * @return the client
     */
    public static SyncClient newSyncClient(EventStore store, SyncConfig config, SyncTuning tuning,
                                           SyncObserver observer) {
        return SyncClients.create(store, config, tuning, observer, SYNC_MONITORING);
    }
}
