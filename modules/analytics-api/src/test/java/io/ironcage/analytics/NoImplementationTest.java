package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.spi.AnalyticsProvider;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The API module's own tests run without the implementation: every entry point says what to add. */
class NoImplementationTest {

    @BeforeAll
    static void noImplementationOnThePath() {
        assertTrue(ServiceLoader.load(AnalyticsProvider.class).findFirst().isEmpty(),
                "these tests need a path without io.ironcage.analytics.core");
    }

    @Test
    void newStoreNamesTheMissingModule() {
        assertMissingImplementation(Analytics::newStore);
    }

    @Test
    void everyEntryPointFailsTheSameWay() {
        assertMissingImplementation(() -> Analytics.newStore(StoreConfig.builder().capacity(5).build()));
        assertMissingImplementation(() -> Analytics.newStreamingStore(10, 5));
        assertMissingImplementation(Analytics::embeddedPricing);
    }

    @Test
    void failsEveryTimeNotJustTheFirst() {
        assertMissingImplementation(Analytics::newStore);
        assertMissingImplementation(Analytics::newStore);
    }

    @Test
    void argumentsAreCheckedBeforeTheLookup() {
        // A caller's mistake is reported as such even when the implementation is missing.
        assertThrows(NullPointerException.class, () -> Analytics.newStore(null));
        assertThrows(IllegalArgumentException.class, () -> Analytics.newStreamingStore(10, 0));
    }

    private static void assertMissingImplementation(Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        String m = e.getMessage();
        assertTrue(m.contains("io.ironcage.analytics.core"), m);
        assertTrue(m.contains("analytics-core"), m);
        // One sentence: a single terminator, at the end.
        Matcher end = Pattern.compile("[.!?](\\s|$)").matcher(m);
        int sentences = 0;
        while (end.find()) {
            sentences++;
        }
        assertEquals(1, sentences, "one sentence expected: " + m);
        assertTrue(m.endsWith("."), m);
    }
}
