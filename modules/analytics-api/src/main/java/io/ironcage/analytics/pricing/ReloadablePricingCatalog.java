package io.ironcage.analytics.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A price table that can be swapped while it is in use. It holds one immutable snapshot in an
 * {@link AtomicReference}: a reload builds the whole new table first and then publishes it with a
 * single atomic write, so a reader sees either the old table or the new one, never a mix, and
 * never waits. A load that fails leaves the current table in place.
 *
 * <p>Every {@link ModelPrice} carries the {@link ModelPrice#revision() revision} of the snapshot
 * it came from, so a cost computed while a reload happens is attributed to exactly one table.
 * Lookups through {@link #find(String)} read the reference once per call; a caller that needs
 * several lookups from one table takes {@link #current()} once and uses that.
 */
public final class ReloadablePricingCatalog implements PricingCatalog {

    private final AtomicReference<PricingCatalog> current;

    private ReloadablePricingCatalog(PricingCatalog initial) {
        this.current = new AtomicReference<>(unwrap(initial));
    }

    /**
     * A reloadable table starting with the given snapshot.
     *
     * @param initial the first table; a reloadable one contributes its current snapshot
     * @return the reloadable table
     */
    public static ReloadablePricingCatalog of(PricingCatalog initial) {
        return new ReloadablePricingCatalog(initial);
    }

    /**
     * Returns the snapshot in use now.
     *
     * @return the current table, never a {@code ReloadablePricingCatalog}
     */
    public PricingCatalog current() {
        return current.get();
    }

    /**
     * Loads a table from a file, in either format {@link PricingCatalog#load(Path)} reads, and
     * makes it current. On failure the current table stays.
     *
     * @param file a LiteLLM price map or a table in the project's own format
     * @return what the load found
     * @throws IOException naming the file (and the position, for malformed JSON) if it cannot be
     *                     loaded; the current table is unchanged
     */
    public PricingLoadReport reload(Path file) throws IOException {
        PricingCatalog next = PricingCatalog.load(file);
        current.set(next);
        return reportOf(next, file.toString());
    }

    /**
     * Loads a table from a stream, which is read but not closed, and makes it current. On
     * failure the current table stays.
     *
     * @param table      a LiteLLM price map or a table in the project's own format
     * @param sourceName names the source in errors and in the revision
     * @return what the load found
     * @throws IOException naming the source if it cannot be loaded; the current table is unchanged
     */
    public PricingLoadReport reload(InputStream table, String sourceName) throws IOException {
        PricingCatalog next = PricingCatalog.load(table, sourceName);
        current.set(next);
        return reportOf(next, sourceName);
    }

    /**
     * Makes another table current.
     *
     * @param next the new table; a reloadable one contributes its current snapshot
     * @return the table that was current before
     */
    public PricingCatalog replace(PricingCatalog next) {
        return current.getAndSet(unwrap(next));
    }

    @Override
    public Optional<ModelPrice> find(String model) {
        return current.get().find(model);
    }

    @Override
    public String revision() {
        return current.get().revision();
    }

    @Override
    public java.util.Set<String> modelNames() {
        return current().modelNames();
    }

    @Override
    public int size() {
        return current.get().size();
    }

    @Override
    public Optional<PricingLoadReport> loadReport() {
        return current.get().loadReport();
    }

    @Override
    public String toString() {
        return "ReloadablePricingCatalog[" + current.get() + "]";
    }

    private static PricingCatalog unwrap(PricingCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return catalog instanceof ReloadablePricingCatalog r ? r.current() : catalog;
    }

    private static PricingLoadReport reportOf(PricingCatalog loaded, String source) {
        return loaded.loadReport().orElseGet(() -> new PricingLoadReport(source, "unknown", loaded.revision(), "",
                loaded.size(), loaded.size(), 0, Map.of()));
    }
}
