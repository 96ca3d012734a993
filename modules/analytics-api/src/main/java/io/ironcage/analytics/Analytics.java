package io.ironcage.analytics;

import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.spi.AnalyticsProviders;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import java.util.Objects;

/**
 * The entry point: creates stores, price tables and sync clients through the implementation found
 * by {@link java.util.ServiceLoader}. If none is present, each method throws an
 * {@link IllegalStateException} that names the module to add.
 */
public final class Analytics {

    private Analytics() {}

    /**
     * A store with the defaults: capacity 10,000, embedded pricing.
     *
     * @return a new store
     */
    public static EventStore newStore() {
        return newStore(StoreConfig.defaults());
    }

    /**
     * A store built from the configuration.
     *
     * @param config the configuration
     * @return a new store
     */
    public static EventStore newStore(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.streamCapacity() > 0) {
            return AnalyticsProviders.get().newStreamingStore(config).store();
        }
        return AnalyticsProviders.get().newStore(config);
    }

    /**
     * A store with a streaming channel, as the original's {@code EventStore::with_streaming}.
     *
     * @param capacity        the buffer's capacity
     * @param channelCapacity the channel's capacity, positive
     * @return the store and the receiving end of its channel
     */
    public static StreamingStore newStreamingStore(int capacity, int channelCapacity) {
        if (channelCapacity <= 0) {
            throw new IllegalArgumentException("channelCapacity must be > 0 but was " + channelCapacity);
        }
        return newStreamingStore(StoreConfig.builder().capacity(capacity).streamCapacity(channelCapacity).build());
    }

    /**
     * A store with a streaming channel of {@code config.streamCapacity()} events.
     *
     * @param config the configuration, with a positive stream capacity
     * @return the store and the receiving end of its channel
     */
    public static StreamingStore newStreamingStore(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.streamCapacity() <= 0) {
            throw new IllegalArgumentException("streamCapacity must be > 0 for a streaming store but was "
                    + config.streamCapacity());
        }
        return AnalyticsProviders.get().newStreamingStore(config);
    }

    /**
     * The price table built into the implementation.
     *
     * @return the embedded table
     */
    public static PricingCatalog embeddedPricing() {
        return AnalyticsProviders.get().embeddedPricing();
    }

    /**
     * A client that delivers the store's LLM events to the Control API; call
     * {@link SyncClient#start()} to run it in the background.
     *
     * @param store  a store created by {@link #newStore}
     * @param config where and how to deliver
     * @return the client
     */
    public static SyncClient newSyncClient(EventStore store, SyncConfig config) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(config, "config");
        return AnalyticsProviders.get().newSyncClient(store, config);
    }
}
