package io.ironcage.analytics.pricing;

import io.ironcage.analytics.spi.AnalyticsProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A price table: model name to {@link ModelPrice}. Implementations are immutable snapshots or
 * swap whole snapshots atomically, so a lookup never sees a half-loaded table.
 */
public interface PricingCatalog {

    /**
     * Finds a model's price: by the exact name, then by the name without a {@code provider/}
     * prefix. No fuzzy matching.
     *
     * @param model the model name
     * @return the price, or empty if the table has none
     */
    Optional<ModelPrice> find(String model);

    /**
     * Identifies the loaded table; each priced event carries the revision that priced it.
     *
     * @return the revision id
     */
    String revision();

    /**
     * What loading this table found (entries priced, skipped and why), for tables loaded from a
     * file, a stream or the embedded resource.
     *
     * @return the report, or empty for a table that was not loaded (the default)
     */
    default Optional<PricingLoadReport> loadReport() {
        return Optional.empty();
    }

    /**
     * The number of priced models.
     *
     * @return the size
     */
    int size();

    /**
     * The names of the priced models, for listing.
     *
     * @return the model names (unmodifiable); empty if this catalog cannot enumerate its models
     */
    default Set<String> modelNames() {
        return Set.of();
    }

    /**
     * The table built into the implementation.
     *
     * @return the embedded table
     */
    static PricingCatalog embedded() {
        return AnalyticsProviders.get().embeddedPricing();
    }

    /**
     * Loads a LiteLLM-format price map ({@code model_prices_and_context_window.json}). Entries that
     * are not priced per token are skipped and counted.
     *
     * @param file the JSON file
     * @return the table
     * @throws IOException naming the file and the position if it cannot be read or parsed
     */
    static PricingCatalog fromLiteLlmJson(Path file) throws IOException {
        return AnalyticsProviders.get().loadLiteLlmJson(file);
    }

    /**
     * Loads a LiteLLM-format price map from a stream, which is read but not closed.
     *
     * @param json       the JSON
     * @param sourceName names the source in errors and in the revision
     * @return the table
     * @throws IOException naming the source and the position if it cannot be read or parsed
     */
    static PricingCatalog fromLiteLlmJson(InputStream json, String sourceName) throws IOException {
        return AnalyticsProviders.get().loadLiteLlmJson(json, sourceName);
    }

    /**
     * Loads a price table in either format the implementation reads: a LiteLLM price map (JSON)
     * or the project's own table ({@code # ironcage-price-table} first line), told apart by the
     * content.
     *
     * @param file the table
     * @return the table
     * @throws IOException naming the file (and the position, for malformed JSON) if it cannot be
     *                     read or parsed
     */
    static PricingCatalog load(Path file) throws IOException {
        return AnalyticsProviders.get().loadPriceTable(file);
    }

    /**
     * Loads a price table in either format from a stream, which is read but not closed.
     *
     * @param table      the table
     * @param sourceName names the source in errors and in the revision
     * @return the table
     * @throws IOException naming the source if it cannot be read or parsed
     */
    static PricingCatalog load(InputStream table, String sourceName) throws IOException {
        return AnalyticsProviders.get().loadPriceTable(table, sourceName);
    }
}
