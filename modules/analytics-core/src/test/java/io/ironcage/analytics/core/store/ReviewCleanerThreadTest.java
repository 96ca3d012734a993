package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Review of item 16 against the standard "no surprise threads, clean shutdown".
 *
 * <p>The fix for item 16 gives every store (JMX off, JFR never started included) a registration in
 * {@link StoreCleaner}, whose {@link java.lang.ref.Cleaner} starts a platform thread,
 * {@value StoreCleaner#THREAD_NAME}, that never ends: after every store is closed the thread is
 * still there (in an application server it also pins the library's class loader across redeploys).
 * Before the change a store with JMX off started no thread at all.
 */
class ReviewCleanerThreadTest {

    /** A store with JMX off, created and closed: no library thread may outlive it. */
    @Test
    void aClosedStoreWithJmxOffLeavesNoThreadBehind() {
        try (DefaultEventStore store = Stores.store(Stores.config().name("no-threads"))) {
            store.recordLlmCompleted(TestPricing.GPT_4O.model(), 1, 1, null, null);
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("ironcage-"))
                .sorted()
                .toList();
        assertEquals(List.of(), left, "library threads alive after the store was closed");
    }
}
