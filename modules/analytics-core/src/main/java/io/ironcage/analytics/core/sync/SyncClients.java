package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import java.util.Objects;

/** Creates sync clients; what {@code Analytics.newSyncClient} ends up calling. */
public final class SyncClients {
    private SyncClients() { }

    /**
     * A client for the store: a do-nothing one if the configuration is disabled, else the actor.
     * The composition root ({@code io.ironcage.analytics.core.Assembly}) is the caller: it passes
     * the monitoring (JFR, JMX) every client gets.
     *
     * @param store      a store made by this implementation
     * @param config     where and how to deliver
     * @param tuning     back-off and limits; {@code SyncTuning.forConfig(config)} keeps the
     *                   configuration's back-off ({@link SyncConfig#withRetryBackoff})
     * @param observer   told about state changes and HTTP attempts
     * @param monitoring opened by each long-lived run
     * @return the client
     * @throws IllegalArgumentException if sync is enabled and the store is not this implementation's
     */
    public static SyncClient create(EventStore store, SyncConfig config, SyncTuning tuning, SyncObserver observer,
                                    SyncMonitoring monitoring) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(config, "config");
        if (!config.enabled()) {
            return DisabledSyncClient.INSTANCE;
        }
        if (!(store instanceof DefaultEventStore s)) {
            throw new IllegalArgumentException("sync needs a store created by Analytics.newStore (module "
                    + "io.ironcage.analytics.core), not " + store.getClass().getName());
        }
        return new ActorSyncClient(s, config, tuning, observer, monitoring);
    }
}
