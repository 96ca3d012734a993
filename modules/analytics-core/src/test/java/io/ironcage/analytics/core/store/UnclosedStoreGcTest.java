package io.ironcage.analytics.core.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.jmx.StoreMBeans;
import io.ironcage.analytics.pricing.Budget;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A store that is never closed can still be garbage-collected: nothing static (the JFR hooks, the
 * JMX registration) holds it strongly. When it is collected, its MBean is unregistered.
 */
class UnclosedStoreGcTest {

    @Test
    void anUnclosedStoreWithJmxOffIsCollected() {
        WeakReference<DefaultEventStore> ref = unclosedStore(Stores.config().name("gc-jmx-off"), null);
        awaitCollected(ref);
    }

    @Test
    void anUnclosedStoreWithJmxOnIsCollectedAndItsBeanUnregistered() {
        AtomicReference<ObjectName> name = new AtomicReference<>();
        WeakReference<DefaultEventStore> ref = unclosedStore(StoreConfig.builder().name("gc-jmx-on"), name);
        assertTrue(name.get() != null, "the bean was registered");
        awaitCollected(ref);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !ManagementFactory.getPlatformMBeanServer().isRegistered(name.get()));
    }

    /** Builds a store, records into it (a budget threshold included) and lets go of it unclosed. */
    private static WeakReference<DefaultEventStore> unclosedStore(StoreConfig.Builder config,
                                                                  AtomicReference<ObjectName> name) {
        DefaultEventStore store = Stores.store(config.capacity(1_000).budget(Budget.ofMicros(100)));
        for (int i = 0; i < 100; i++) {
            store.recordLlmCompleted(TestPricing.GPT_4O.model(), 10, 10, "agent-" + (i % 3), null);
        }
        store.recordLlmFailed(TestPricing.GPT_4O.model(), "agent-1", null, "500", "boom");
        if (name != null) {
            name.set(StoreMBeans.objectName(store).orElse(null));
        }
        return new WeakReference<>(store);
    }

    private static void awaitCollected(WeakReference<?> ref) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }
}
