package io.ironcage.analytics.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Several implementations on the path: one is chosen by class name whatever the path order, the
 * others are never instantiated, and one WARNING line names the chosen and the ignored ones.
 */
class AnalyticsProvidersTest {

    @Test
    void theLowestClassNameWinsInEveryOrder() {
        Class<? extends AnalyticsProvider> a = Alpha.class;
        Class<? extends AnalyticsProvider> m = Middle.class;
        Class<? extends AnalyticsProvider> z = Zulu.class;
        for (List<Class<? extends AnalyticsProvider>> order : List.of(List.of(a, m, z), List.of(a, z, m),
                List.of(m, a, z), List.of(m, z, a), List.of(z, a, m), List.of(z, m, a))) {
            RecordingLogger log = new RecordingLogger();
            List<Candidate> found = order.stream().map(Candidate::new).toList();
            ServiceLoader.Provider<AnalyticsProvider> chosen = AnalyticsProviders.choose(List.copyOf(found), log);
            assertSame(Alpha.class, chosen.type(), "order " + order);
            assertEquals(0, found.stream().mapToInt(c -> c.instantiated.get()).sum(), "choosing instantiates none");
            assertEquals(1, log.lines.size(), "one line per choice: " + log.lines);
        }
    }

    @Test
    void theWarningNamesTheChosenAndTheIgnored() {
        RecordingLogger log = new RecordingLogger();
        AnalyticsProviders.choose(List.of(new Candidate(Zulu.class), new Candidate(Alpha.class)), log);
        assertEquals(List.of(System.Logger.Level.WARNING), log.levels);
        String line = log.lines.get(0);
        assertTrue(line.startsWith("Several Iron Cage Analytics implementations found: "), line);
        assertTrue(line.contains("; using " + Alpha.class.getName() + " (the first by class name), ignoring ["
                + Zulu.class.getName() + "]"), line);
        assertEquals(1, line.lines().count(), "one line: " + line);
    }

    @Test
    void oneImplementationIsUsedSilently() {
        RecordingLogger log = new RecordingLogger();
        assertSame(Zulu.class, AnalyticsProviders.choose(List.of(new Candidate(Zulu.class)), log).type());
        assertEquals(List.of(), log.lines);
    }

    @Test
    void noneKeepsTheActionableMessage() {
        RecordingLogger log = new RecordingLogger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AnalyticsProviders.choose(List.of(), log));
        assertEquals(AnalyticsProviders.MISSING, e.getMessage());
        assertEquals(List.of(), log.lines);
    }

    @Test
    void racingFirstCallsLoadAndWarnOnce() throws Exception {
        RecordingLogger log = new RecordingLogger();
        Candidate alpha = new Candidate(Alpha.class);
        Candidate zulu = new Candidate(Zulu.class);
        AtomicInteger lookups = new AtomicInteger();
        Supplier<List<ServiceLoader.Provider<AnalyticsProvider>>> path = () -> {
            lookups.incrementAndGet();
            return List.of(zulu, alpha);
        };
        AnalyticsProviders.Lookup lookup = new AnalyticsProviders.Lookup(path, log);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<AnalyticsProvider>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return lookup.get();
                }));
            }
            start.countDown();
            AnalyticsProvider first = got.get(0).get();
            for (Future<AnalyticsProvider> f : got) {
                assertSame(first, f.get(), "every caller gets the same instance");
            }
            assertSame(Alpha.class, first.getClass());
        } finally {
            pool.shutdownNow();
        }
        assertSame(lookup.get(), lookup.get());
        assertEquals(1, lookups.get(), "the path is searched once");
        assertEquals(1, alpha.instantiated.get());
        assertEquals(0, zulu.instantiated.get(), "the ignored provider is never instantiated");
        assertEquals(1, log.lines.size(), "warned once: " + log.lines);
    }

    @Test
    void aMissingImplementationIsNotKept() {
        RecordingLogger log = new RecordingLogger();
        List<List<ServiceLoader.Provider<AnalyticsProvider>>> paths = new ArrayList<>(List.of(List.of(),
                List.of(new Candidate(Middle.class))));
        AnalyticsProviders.Lookup lookup = new AnalyticsProviders.Lookup(() -> paths.remove(0), log);
        assertEquals(AnalyticsProviders.MISSING, assertThrows(IllegalStateException.class, lookup::get).getMessage());
        assertSame(Middle.class, lookup.get().getClass(), "the next call searches again");
    }

    /** What ServiceLoader.stream() yields: the class, instantiated only on get(). */
    private static final class Candidate implements ServiceLoader.Provider<AnalyticsProvider> {
        final Class<? extends AnalyticsProvider> type;
        final AtomicInteger instantiated = new AtomicInteger();

        Candidate(Class<? extends AnalyticsProvider> type) {
            this.type = type;
        }

        @Override
        public Class<? extends AnalyticsProvider> type() {
            return type;
        }

        @Override
        public AnalyticsProvider get() {
            instantiated.incrementAndGet();
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Keeps each line logged (with its level): the seam the provider lookup writes its warning to. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            levels.add(level);
            lines.add(msg);
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            levels.add(level);
            lines.add(params == null || params.length == 0 ? format
                    : java.text.MessageFormat.format(format, params));
        }
    }

    /** A provider stub: only its class name matters here. */
    abstract static class Stub implements AnalyticsProvider {
        @Override
        public EventStore newStore(StoreConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StreamingStore newStreamingStore(StoreConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PricingCatalog embeddedPricing() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PricingCatalog loadLiteLlmJson(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PricingCatalog loadLiteLlmJson(InputStream json, String sourceName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PricingCatalog loadPriceTable(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PricingCatalog loadPriceTable(InputStream table, String sourceName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BudgetTracker newBudgetTracker(Budget budget, BudgetThresholdListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SyncClient newSyncClient(EventStore store, SyncConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    /** Sorts first. */
    public static final class Alpha extends Stub {}

    /** Sorts second. */
    public static final class Middle extends Stub {}

    /** Sorts last. */
    public static final class Zulu extends Stub {}
}
