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
     * A client for the store: a do-nothing one if the configuration is disabled, else the actor,
     * with the configuration's retry back-off ({@link SyncTuning#forConfig}).
     *
     * @param store  a store made by this implementation
     * @param config where and how to deliver
     * @return the client
     * @throws IllegalArgumentException if sync is enabled and the store is not this implementation's
     */
    public static SyncClient create(EventStore store, SyncConfig config) {
        Objects.requireNonNull(config, "config");
        return create(store, config, SyncTuning.forConfig(config), SyncObserver.NONE);
    }

    /**
     * A client with explicit tuning and observer (for monitoring and tests). The tuning's back-off
     * schedule is the one used; pass {@code SyncTuning.forConfig(config)} to keep the
     * configuration's ({@link SyncConfig#withRetryBackoff}).
     *
     * @param store    a store made by this implementation
     * @param config   where and how to deliver
     * @param tuning   back-off and limits
     * @param observer told about state changes and HTTP attempts
     * @return the client
     * @throws IllegalArgumentException if sync is enabled and the store is not this implementation's
     */
    public static SyncClient create(EventStore store, SyncConfig config, SyncTuning tuning, SyncObserver observer) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(config, "config");
        if (!config.enabled()) {
            return DisabledSyncClient.INSTANCE;
        }
        if (!(store instanceof DefaultEventStore s)) {
            throw new IllegalArgumentException("sync needs a store created by Analytics.newStore (module "
                    + "io.ironcage.analytics.core), not " + store.getClass().getName());
        }
        return new ActorSyncClient(s, config, tuning, observer);
    }
}
