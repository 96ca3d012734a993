package io.ironcage.analytics.core.pricing;

import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.pricing.PricingLoadReport;
import io.ironcage.analytics.pricing.ReloadablePricingCatalog;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable price table: a {@link HashMap} from model name to {@link CoreModelPrice}, filled in
 * the constructor and never changed, published through final fields (so any thread that sees the
 * catalog sees the whole map). Every price in it carries the catalog's revision.
 */
public final class CorePricingCatalog implements PricingCatalog {

    private final Map<String, CoreModelPrice> prices;
    private final String revision;
    private final PricingLoadReport report;
    private final Map<String, String> metadata;

    CorePricingCatalog(List<PriceRow> rows, String revision, PricingLoadReport report, Map<String, String> metadata) {
        this.revision = Objects.requireNonNull(revision, "revision");
        this.report = Objects.requireNonNull(report, "report");
        this.metadata = Map.copyOf(metadata);
        HashMap<String, CoreModelPrice> map = HashMap.newHashMap(rows.size());
        for (PriceRow row : rows) {
            map.put(row.model(), new CoreModelPrice(row, revision));
        }
        this.prices = map;
    }

    /**
     * Looks a model up without allocating when the exact name is listed: the exact name, then
     * the name without its first {@code provider/} segment ({@code "openai/gpt-4o"} finds
     * {@code "gpt-4o"} unless the table lists {@code "openai/gpt-4o"} itself). No fuzzy matching.
     *
     * @param model the model name
     * @return the price, or null if the table has none
     */
    public CoreModelPrice lookup(String model) {
        CoreModelPrice price = prices.get(model);
        if (price == null) {
            int slash = model.indexOf('/');
            if (slash > 0 && slash < model.length() - 1) {
                price = prices.get(model.substring(slash + 1));
            }
        }
        return price;
    }

    /**
     * Finds a model's price in any catalog, without allocating for this module's catalogs (a
     * {@link ReloadablePricingCatalog} is read once, through its current snapshot). The store's
     * recording path uses it; a result that is a {@link CoreModelPrice} can be costed with
     * {@link CoreModelPrice#costFemtos(long, long, long, long, long, long)}.
     *
     * @param catalog any price table
     * @param model   the model name
     * @return the price, or null if the table has none
     */
    public static ModelPrice findPrice(PricingCatalog catalog, String model) {
        Objects.requireNonNull(model, "model");
        PricingCatalog snapshot = catalog instanceof ReloadablePricingCatalog r ? r.current() : catalog;
        if (snapshot instanceof CorePricingCatalog core) {
            return core.lookup(model);
        }
        return snapshot.find(model).orElse(null);
    }

    @Override
    public Optional<ModelPrice> find(String model) {
        Objects.requireNonNull(model, "model");
        return Optional.ofNullable(lookup(model));
    }

    @Override
    public String revision() {
        return revision;
    }

    @Override
    public int size() {
        return prices.size();
    }

    @Override
    public Optional<PricingLoadReport> loadReport() {
        return Optional.of(report);
    }

    /**
     * Returns the listed model names.
     *
     * @return an unmodifiable view of the names
     */
    @Override
    public Set<String> modelNames() {
        return models();
    }

    /**
     * The names of the priced models.
     *
     * @return the names (unmodifiable)
     */
    public Set<String> models() {
        return Collections.unmodifiableSet(prices.keySet());
    }

    /**
     * Returns the header fields of a table in the project's own format, such as {@code revision},
     * {@code source}, {@code source-sha256} and {@code source-date}.
     *
     * @return the fields; empty for a table loaded from LiteLLM JSON
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "CorePricingCatalog[revision=" + revision + ", models=" + prices.size() + ", source="
                + report.source() + "]";
    }
}
