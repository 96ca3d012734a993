package io.ironcage.analytics.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Broken service-file entries are skipped with one warning each; the lookup fails only when no
 * entry works; warnings are logged once, by the lookup that succeeds.
 */
class BrokenProviderEntriesTest {

    static final ServiceConfigurationError STALE = new ServiceConfigurationError(
            AnalyticsProvider.class.getName() + ": Provider zz.stale.RemovedProvider not found");

    @Test
    void aBrokenEntryIsSkippedWithOneWarningNamingIt() {
        Log log = new Log();
        AnalyticsProviders.Lookup lookup = new AnalyticsProviders.Lookup(
                () -> new AnalyticsProviders.Found(List.of(new Entry(AnalyticsProvidersTest.Middle.class)),
                        List.of(STALE)), log);
        assertSame(AnalyticsProvidersTest.Middle.class, lookup.get().getClass());
        assertEquals(1, log.lines.size(), "one line: " + log.lines);
        assertTrue(log.lines.get(0).contains("zz.stale.RemovedProvider not found"), log.lines.get(0));
    }

    @Test
    void everyEntryBrokenKeepsTheFailedToLoadMessage() {
        Log log = new Log();
        ServiceConfigurationError other = new ServiceConfigurationError("other");
        AnalyticsProviders.Lookup lookup = new AnalyticsProviders.Lookup(
                () -> new AnalyticsProviders.Found(List.of(), List.of(STALE, other)), log);
        IllegalStateException e = assertThrows(IllegalStateException.class, lookup::get);
        assertEquals("The Iron Cage Analytics implementation failed to load: " + STALE.getMessage(), e.getMessage());
        assertSame(STALE, e.getCause());
        assertEquals(List.of(other), List.of(e.getSuppressed()));
        assertEquals(List.of(), log.lines);
    }

    @Test
    void noEntryKeepsTheMissingMessage() {
        AnalyticsProviders.Lookup lookup = new AnalyticsProviders.Lookup(
                () -> new AnalyticsProviders.Found(List.of(), List.of()), new Log());
        assertEquals(AnalyticsProviders.MISSING, assertThrows(IllegalStateException.class, lookup::get).getMessage());
    }

    @Test
    void aThrowingConstructorIsRetriedAndTheWarningsComeOnceOnSuccess() {
        Log log = new Log();
        AtomicInteger calls = new AtomicInteger();
        Entry flaky = new Entry(AnalyticsProvidersTest.Alpha.class) {
            @Override
            public AnalyticsProvider get() {
                if (calls.incrementAndGet() <= 2) {
                    throw new ServiceConfigurationError("constructor threw");
                }
                return super.get();
            }
        };
        AnalyticsProviders.Lookup lookup = new AnalyticsProviders.Lookup(() -> new AnalyticsProviders.Found(
                List.of(new Entry(AnalyticsProvidersTest.Zulu.class), flaky), List.of(STALE)), log);
        assertThrows(IllegalStateException.class, lookup::get);
        assertThrows(IllegalStateException.class, lookup::get);
        assertEquals(List.of(), log.lines, "a failed lookup logs nothing");
        assertSame(AnalyticsProvidersTest.Alpha.class, lookup.get().getClass());
        assertSame(lookup.get(), lookup.get());
        assertEquals(2, log.lines.size(), "the skipped entry and the several-implementations line, once: " + log.lines);
        assertTrue(log.lines.get(1).startsWith("Several Iron Cage Analytics implementations found: "), log.lines.get(1));
    }

    private static class Entry implements ServiceLoader.Provider<AnalyticsProvider> {
        final Class<? extends AnalyticsProvider> type;

        Entry(Class<? extends AnalyticsProvider> type) {
            this.type = type;
        }

        @Override
        public Class<? extends AnalyticsProvider> type() {
            return type;
        }

        @Override
        public AnalyticsProvider get() {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final class Log implements System.Logger {
        final List<String> lines = new ArrayList<>();

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
            assertEquals(Level.WARNING, level);
            lines.add(msg);
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            assertEquals(Level.WARNING, level);
            lines.add(format);
        }
    }
}
