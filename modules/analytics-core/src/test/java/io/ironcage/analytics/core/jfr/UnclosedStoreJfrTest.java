package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.core.Assembly;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.pricing.PriceTables;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.pricing.Budget;
import java.lang.ref.WeakReference;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * With Flight Recorder live, a store's periodic statistics hook is registered in Flight Recorder
 * (a static root); a store that is never closed must still be collectable.
 */
class UnclosedStoreJfrTest {

    @Test
    void anUnclosedStoreHookedIntoALiveFlightRecorderIsCollected() throws Exception {
        try (Recording r = Recordings.withTemplate()) {
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(StoreRecorder::isLive);
            WeakReference<DefaultEventStore> ref = unclosedHookedStore();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                System.gc();
                return ref.get() == null;
            });
        }
    }

    private static WeakReference<DefaultEventStore> unclosedHookedStore() {
        DefaultEventStore store = Assembly.newStore(StoreConfig.builder().name("jfr-gc").capacity(2).jmx(false)
                .budget(Budget.ofMicros(10)).pricing(PriceTables.embedded()).build(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> StoreRecorder.isHooked(store));
        for (int i = 0; i < 10; i++) {
            store.recordLlmCompleted("gpt-4o", 1_000, 1_000, "agent", null); // drops and thresholds
        }
        assertTrue(store.droppedCount() > 0);
        return new WeakReference<>(store);
    }
}
