package io.ironcage.analytics.core.store;

import static io.ironcage.analytics.core.store.TestPricing.Price;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optional one-line-per-event log. {@link System.Logger} goes to java.util.logging by default,
 * so a JUL handler on the events logger sees exactly what a user's logging would.
 */
class EventLogTest {
    static {
        // The core module does not read java.logging (it only uses System.Logger); this test does.
        EventLogTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    private static final String EVENTS_LOGGER = "io.ironcage.analytics.events";
    /** Held strongly, so JUL keeps its configuration while the test runs. */
    private Logger julLogger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private Level previousLevel;
    private Filter previousFilter;

    @BeforeEach
    void captureTheEventsLogger() {
        julLogger = Logger.getLogger(EVENTS_LOGGER);
        previousLevel = julLogger.getLevel();
        previousFilter = julLogger.getFilter();
        julLogger.setLevel(Level.INFO);
        // A filter sees every record the logger would publish. A lambda rather than a Handler
        // subclass: a class in this module cannot extend a java.logging class (the module does not
        // read java.logging when the class is defined), while the lambda's class is spun only here,
        // after the static initializer added the read edge. Returning false keeps the console quiet.
        julLogger.setFilter(r -> {
            records.add(r);
            return false;
        });
    }

    @AfterEach
    void restore() {
        julLogger.setFilter(previousFilter);
        julLogger.setLevel(previousLevel);
    }

    private static DefaultEventStore storeLoggingAt(System.Logger.Level level) {
        // Priced so that 11 input and 1 output tokens cost exactly one microdollar, as in the original's log.
        return Stores.store(Stores.config().capacity(10).eventLogLevel(level),
                TestPricing.of(new Price("gpt-4o-mini", Provider.OPENAI, 0, 1)));
    }

    @Test
    void infoLogsOneLineInTheOriginalShape() {
        DefaultEventStore store = storeLoggingAt(System.Logger.Level.INFO);
        store.recordLlmCompleted("gpt-4o-mini", 11, 1, null, null);
        assertEquals(1, records.size(), records.toString());
        LogRecord r = records.get(0);
        assertEquals(Level.INFO, r.getLevel());
        assertEquals("LLM request completed model=gpt-4o-mini input_tokens=11 output_tokens=1 cost_usd=0.000001",
                r.getMessage());
    }

    @Test
    void everyKindOfEventLogsOneLine() {
        DefaultEventStore store = storeLoggingAt(System.Logger.Level.INFO);
        store.recordLlmCompleted("gpt-4o-mini", 2_000_000, 1_500_000, null, null);
        store.recordLlmFailed("gpt-4o-mini", null, null, "rate_limit_exceeded", "slow down");
        store.recordRouterStarted(45_297);
        store.recordBudgetThreshold(80, 8_000_000, 10_000_000, null);
        store.recordRouterStopped();
        assertEquals(5, records.size(), records.toString());
        assertEquals("LLM request completed model=gpt-4o-mini input_tokens=2000000 output_tokens=1500000"
                + " cost_usd=1.500000", records.get(0).getMessage());
        assertTrue(records.get(1).getMessage().startsWith("LLM request failed model=gpt-4o-mini"),
                records.get(1).getMessage());
        assertTrue(records.get(1).getMessage().contains("rate_limit_exceeded"), records.get(1).getMessage());
        assertTrue(records.get(2).getMessage().contains("45297"), records.get(2).getMessage());
    }

    @Test
    void droppedEventsAreLoggedToo() {
        DefaultEventStore store = Stores.store(Stores.config().capacity(1).eventLogLevel(System.Logger.Level.INFO));
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        store.recordLlmCompleted("gpt-4o", 2, 2, null, null);
        assertEquals(1, store.droppedCount());
        assertEquals(2, records.size(), "the log is per recorded event, buffered or not");
    }

    @Test
    void offByDefault() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o-mini", 11, 1, null, null);
        store.recordLlmFailed("gpt-4o-mini", null, null, null, null);
        store.recordRouterStarted(1);
        assertEquals(List.of(), records);
    }

    @Test
    void offWhenTheConfiguredLevelIsNotLoggable() {
        DefaultEventStore store = storeLoggingAt(System.Logger.Level.DEBUG);
        store.recordLlmCompleted("gpt-4o-mini", 11, 1, null, null);
        assertEquals(List.of(), records, "DEBUG is below the logger's INFO");
        julLogger.setLevel(Level.FINE);
        store.recordLlmCompleted("gpt-4o-mini", 11, 1, null, null);
        assertEquals(1, records.size());
        assertEquals(Level.FINE, records.get(0).getLevel());
    }

    @Test
    void theConfiguredLevelIsUsed() {
        DefaultEventStore store = storeLoggingAt(System.Logger.Level.WARNING);
        store.recordLlmCompleted("gpt-4o-mini", 11, 1, null, null);
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
    }
}
