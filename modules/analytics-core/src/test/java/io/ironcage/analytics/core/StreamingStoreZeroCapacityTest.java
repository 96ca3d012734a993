package io.ironcage.analytics.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.StreamingStore;
import io.ironcage.analytics.management.ManagementNames;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * CoreAnalyticsProvider.newStreamingStore with streamCapacity 0 (the SPI's precondition says
 * positive, but the provider is public through ServiceLoader). After issue 11,
 * Assembly.newStore(config, true) built no channel for capacity 0, so the store was fully built
 * (JFR listener added, MBean registered) and then `new StreamingStore(store, null)` threw
 * NullPointerException("receiver"): the caller never got the store, so nobody could close it, and
 * its bean stayed registered until the store happened to be garbage-collected. The provider now
 * rejects the capacity first, with the message Analytics.newStreamingStore uses, and builds
 * nothing.
 */
class StreamingStoreZeroCapacityTest {

    // Regression (issue 11 review): provider.newStreamingStore(capacity 0) now throws NPE after registering the store's MBean (behaviour change; registration left behind)
    @Test
    void aZeroCapacityStreamingStoreIsRejectedBeforeAnythingIsBuilt() throws Exception {
        String name = "rv-zero-stream-" + System.nanoTime();
        StoreConfig config = StoreConfig.builder().name(name).capacity(10).jmx(true).build();
        Throwable thrown = null;
        try {
            StreamingStore s = new CoreAnalyticsProvider().newStreamingStore(config);
            s.store().close();
        } catch (RuntimeException e) {
            thrown = e;
        }
        ObjectName on = new ObjectName(ManagementNames.DOMAIN + ":type=" + ManagementNames.TYPE_EVENT_STORE
                + ",name=" + name);
        boolean leftRegistered = ManagementFactory.getPlatformMBeanServer().isRegistered(on);
        // Should a store have been built, let it be collected and its bean cleaned up (Dispatcher
        // idle poll), so that later test classes of this JVM do not see the leftover.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            System.gc();
            return !ManagementFactory.getPlatformMBeanServer().isRegistered(on);
        });
        assertEquals("threw java.lang.IllegalArgumentException: streamCapacity must be > 0 for a streaming store "
                + "but was 0, no bean left", (thrown == null ? "built" : "threw " + thrown) + ", "
                + (leftRegistered ? "bean left registered" : "no bean left"));
    }
}
