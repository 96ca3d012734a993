package io.ironcage.analytics.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.StreamingStore;
import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetThresholdListener;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncConfig;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review (issue 11 part 6): the real {@link AnalyticsProviders#get()} over a real class path whose
 * service files hold one working implementation and one stale entry (a class no longer on the
 * path, e.g. left behind in a shaded or repackaged jar). Before issue 11 the lookup loaded only
 * the first entry, so a stale entry after it was harmless; now {@code ServiceLoader.stream()
 * .toList()} resolves every entry and one stale line makes every entry point fail.
 */
class StaleServiceEntryTest {

    static final String SERVICE = "META-INF/services/" + AnalyticsProvider.class.getName();

    // Regression (issue 11 review): a stale extra provider entry now breaks Analytics entirely (before: only the first entry was loaded)
    @Test
    void aStaleSecondEntryDoesNotBreakTheWorkingImplementation(@TempDir Path dir) throws Exception {
        Path services = dir.resolve(SERVICE);
        Files.createDirectories(services.getParent());
        // The working implementation first (as before, where it was the one used), a stale line after it.
        Files.writeString(services, Working.class.getName() + "\nzz.stale.RemovedProvider\n");
        assertEquals(Working.class.getName(), lookUpInFreshClassPath(dir));
    }

    /** A stale line before the working one (and another after it): skipped, the working one used. */
    @Test
    void staleEntriesAroundTheWorkingOneAreSkipped(@TempDir Path dir) throws Exception {
        Path services = dir.resolve(SERVICE);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "aa.stale.Gone\n" + Working.class.getName() + "\nzz.stale.RemovedProvider\n");
        assertEquals(Working.class.getName(), lookUpInFreshClassPath(dir));
    }

    /** The behaviour before issue 11 for the same path: the first entry is used, the stale one never read. */
    @Test
    void controlTheStaleEntryAloneIsTheOnlyCause(@TempDir Path dir) throws Exception {
        Path services = dir.resolve(SERVICE);
        Files.createDirectories(services.getParent());
        Files.writeString(services, Working.class.getName() + "\n");
        assertEquals(Working.class.getName(), lookUpInFreshClassPath(dir));
    }

    /**
     * Loads the API classes, this test's provider and the service file in a fresh class-path loader
     * (an application on the class path; parent: the boot loader, since the platform loader would
     * delegate the API packages to the named module under test) and calls {@code AnalyticsProviders.get()} there.
     */
    private static String lookUpInFreshClassPath(Path serviceDir) throws Exception {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        URL[] path = {base.resolve("target/classes").toUri().toURL(),
                base.resolve("target/test-classes").toUri().toURL(), serviceDir.toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(path, null)) {
            Class<?> providers = loader.loadClass(AnalyticsProviders.class.getName());
            try {
                return providers.getMethod("get").invoke(null).getClass().getName();
            } catch (InvocationTargetException e) {
                throw new AssertionError("the lookup failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** A working implementation (never used beyond being instantiated). */
    public static final class Working implements AnalyticsProvider {
        public Working() {}

        @Override public EventStore newStore(StoreConfig config) { throw new UnsupportedOperationException(); }
        @Override public StreamingStore newStreamingStore(StoreConfig config) { throw new UnsupportedOperationException(); }
        @Override public PricingCatalog embeddedPricing() { throw new UnsupportedOperationException(); }
        @Override public PricingCatalog loadLiteLlmJson(Path file) { throw new UnsupportedOperationException(); }
        @Override public PricingCatalog loadLiteLlmJson(InputStream json, String sourceName) { throw new UnsupportedOperationException(); }
        @Override public PricingCatalog loadPriceTable(Path file) { throw new UnsupportedOperationException(); }
        @Override public PricingCatalog loadPriceTable(InputStream table, String sourceName) { throw new UnsupportedOperationException(); }
        @Override public BudgetTracker newBudgetTracker(Budget budget, BudgetThresholdListener listener) { throw new UnsupportedOperationException(); }
        @Override public SyncClient newSyncClient(EventStore store, SyncConfig config) { throw new UnsupportedOperationException(); }
    }
}
