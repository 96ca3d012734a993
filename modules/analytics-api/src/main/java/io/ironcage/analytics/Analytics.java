package io.ironcage.analytics;

import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetThresholdListener;
import io.ironcage.analytics.pricing.BudgetTracker;
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
     * A standalone budget tracker (the original crate's {@code CostController}). Threshold
     * crossings are reported nowhere; use {@link #newBudgetTracker(Budget, BudgetThresholdListener)}
     * to be told of them, or give the budget to a store ({@code StoreConfig.Builder.budget}),
     * which records them as {@link BudgetThresholdReached} events.
     *
     * @param budget the limit and thresholds
     * @return the tracker, with nothing spent
     */
    public static BudgetTracker newBudgetTracker(Budget budget) {
        Objects.requireNonNull(budget, "budget");
        return AnalyticsProviders.get().newBudgetTracker(budget, null);
    }

    /**
     * A standalone budget tracker that tells a listener of each threshold crossing, once per
     * threshold, on the thread whose spend crossed it.
     *
     * @param budget   the limit and thresholds
     * @param listener told of each crossing
     * @return the tracker, with nothing spent
     */
    public static BudgetTracker newBudgetTracker(Budget budget, BudgetThresholdListener listener) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(listener, "listener");
        return AnalyticsProviders.get().newBudgetTracker(budget, listener);
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
