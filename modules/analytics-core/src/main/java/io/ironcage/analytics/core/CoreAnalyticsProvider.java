package io.ironcage.analytics.core;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.StreamingStore;
import io.ironcage.analytics.core.pricing.AtomicBudgetTracker;
import io.ironcage.analytics.core.pricing.PriceTables;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetThresholdListener;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.spi.AnalyticsProvider;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The implementation's entry, found by {@link java.util.ServiceLoader}. Stores and sync clients
 * are built by the composition root, {@link Assembly} (see there for what is wired); the price
 * tables and budget trackers come straight from the {@code pricing} package.
 */
public final class CoreAnalyticsProvider implements AnalyticsProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public CoreAnalyticsProvider() {}

    @Override
    public EventStore newStore(StoreConfig config) {
        return Assembly.newStore(config, false);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code config.streamCapacity()} is not positive
     *         (checked before anything is built or registered, as {@code Analytics} does)
     */
    @Override
    public StreamingStore newStreamingStore(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.streamCapacity() <= 0) {
            throw new IllegalArgumentException("streamCapacity must be > 0 for a streaming store but was "
                    + config.streamCapacity());
        }
        DefaultEventStore store = Assembly.newStore(config, true);
        return new StreamingStore(store, store.receiver());
    }

    @Override
    public PricingCatalog embeddedPricing() {
        return PriceTables.embedded();
    }

    @Override
    public PricingCatalog loadLiteLlmJson(Path file) throws IOException {
        return PriceTables.loadLiteLlm(file);
    }

    @Override
    public PricingCatalog loadLiteLlmJson(InputStream json, String sourceName) throws IOException {
        return PriceTables.loadLiteLlm(json, sourceName);
    }

    @Override
    public PricingCatalog loadPriceTable(Path file) throws IOException {
        return PriceTables.load(file);
    }

    @Override
    public PricingCatalog loadPriceTable(InputStream table, String sourceName) throws IOException {
        return PriceTables.load(table, sourceName);
    }

    @Override
    public BudgetTracker newBudgetTracker(Budget budget, BudgetThresholdListener listener) {
        return new AtomicBudgetTracker(budget, listener == null ? null : listener::thresholdCrossed);
    }

    @Override
    public SyncClient newSyncClient(EventStore store, SyncConfig config) {
        return Assembly.newSyncClient(store, config);
    }
}
