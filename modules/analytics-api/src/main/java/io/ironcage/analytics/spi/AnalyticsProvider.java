package io.ironcage.analytics.spi;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.StreamingStore;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetThresholdListener;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * What an implementation of the analytics API provides, found with {@link java.util.ServiceLoader}
 * (module {@code io.ironcage.analytics.core} {@code provides} it). Arguments arrive validated by
 * the API's own types.
 */
public interface AnalyticsProvider {

    /**
     * Creates a store.
     *
     * @param config the configuration
     * @return a new store
     */
    EventStore newStore(StoreConfig config);

    /**
     * Creates a store with a streaming channel of {@code config.streamCapacity()} events.
     *
     * @param config the configuration; its stream capacity is positive
     * @return the store and the receiving end of its channel
     */
    StreamingStore newStreamingStore(StoreConfig config);

    /**
     * The price table built into the implementation.
     *
     * @return the embedded table
     */
    PricingCatalog embeddedPricing();

    /**
     * Loads a LiteLLM-format price table.
     *
     * @param file the JSON file
     * @return the table
     * @throws IOException if the file cannot be read or is not a LiteLLM price map
     */
    PricingCatalog loadLiteLlmJson(Path file) throws IOException;

    /**
     * Loads a LiteLLM-format price table from a stream, which is read fully but not closed.
     *
     * @param json       the JSON
     * @param sourceName a name for the source in errors and the revision, such as a file name
     * @return the table
     * @throws IOException if the stream cannot be read or is not a LiteLLM price map
     */
    PricingCatalog loadLiteLlmJson(InputStream json, String sourceName) throws IOException;

    /**
     * Loads a price table in either format: a LiteLLM price map or the project's own table.
     *
     * @param file the table
     * @return the table
     * @throws IOException if the file cannot be read or is in neither format
     */
    PricingCatalog loadPriceTable(Path file) throws IOException;

    /**
     * Loads a price table in either format from a stream, which is read fully but not closed.
     *
     * @param table      the table
     * @param sourceName a name for the source in errors and the revision, such as a file name
     * @return the table
     * @throws IOException if the stream cannot be read or is in neither format
     */
    PricingCatalog loadPriceTable(InputStream table, String sourceName) throws IOException;

    /**
     * Creates a standalone budget tracker.
     *
     * @param budget   the limit and thresholds
     * @param listener told of each threshold crossing; null to report crossings nowhere
     * @return the tracker
     */
    BudgetTracker newBudgetTracker(Budget budget, BudgetThresholdListener listener);

    /**
     * Creates a client that delivers the store's LLM events to the Control API.
     *
     * @param store  a store created by this provider
     * @param config where and how to deliver
     * @return the client, not yet started
     */
    SyncClient newSyncClient(EventStore store, SyncConfig config);
}
