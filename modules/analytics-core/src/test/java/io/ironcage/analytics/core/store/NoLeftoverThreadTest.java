package io.ironcage.analytics.core.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.jmx.StoreMBeans;
import io.ironcage.analytics.pricing.Budget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "No surprise threads, clean shutdown": {@link StoreCleaner} has no thread of its own (a store
 * with JMX off starts none), and the shared JMX notification thread ends once every store with a
 * bean is closed.
 */
class NoLeftoverThreadTest {

    /** A store with JMX off, created and closed: no library thread may outlive it. */
    @Test
    void aClosedStoreWithJmxOffLeavesNoThreadBehind() {
        try (DefaultEventStore store = Stores.store(Stores.config().name("no-threads"))) {
            store.recordLlmCompleted(TestPricing.GPT_4O.model(), 1, 1, null, null);
        }
        assertEquals(List.of(), libraryThreads(), "library threads alive after the store was closed");
    }

    /**
     * Stores with JMX on (budget notifications sent): once all are closed, the notification
     * thread ends and no library thread remains. Other tests of this JVM may still hold beans,
     * so it waits for them too (the fork runs test classes one after the other).
     */
    @Test
    void closedStoresWithJmxOnLeaveNoThreadBehind() {
        DefaultEventStore a = Stores.store(StoreConfig.builder().name("threads-jmx-a").budget(Budget.ofMicros(100)));
        DefaultEventStore b = Stores.store(StoreConfig.builder().name("threads-jmx-b"));
        assertTrue(StoreMBeans.objectName(a).isPresent() && StoreMBeans.objectName(b).isPresent(), "beans registered");
        for (int i = 0; i < 10; i++) {
            a.recordLlmCompleted(TestPricing.GPT_4O.model(), 1_000, 1_000, null, null); // thresholds
        }
        assertTrue(libraryThreads().contains("ironcage-jmx-notifications"), "threads: " + libraryThreads());
        a.close();
        b.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> libraryThreads().isEmpty());
        assertEquals(List.of(), libraryThreads(), "library threads alive after every store was closed");
    }

    private static List<String> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("ironcage-"))
                .sorted()
                .toList();
    }
}
