package io.ironcage.analytics.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.jmx.StoreMBeans;
import io.ironcage.analytics.core.pricing.PriceTables;
import io.ironcage.analytics.core.store.DefaultEventStore;
import org.junit.jupiter.api.Test;

/** The composition root builds stores as its javadoc says. */
class AssemblyTest {

    @Test
    void absentPricingResolvesToTheEmbeddedTable() {
        try (DefaultEventStore store = Assembly.newStore(StoreConfig.builder().jmx(false).build(), false)) {
            assertSame(PriceTables.embedded(), store.pricing());
        }
    }

    @Test
    void aStreamOnlyWhenAskedForAndAnalyticsNewStoreStillStreamsWithACapacity() {
        StoreConfig withCapacity = StoreConfig.builder().jmx(false).streamCapacity(8).build();
        try (DefaultEventStore plain = Assembly.newStore(withCapacity, false);
             DefaultEventStore streaming = Assembly.newStore(withCapacity, true);
             DefaultEventStore viaApi = assertInstanceOf(DefaultEventStore.class, Analytics.newStore(withCapacity))) {
            assertNull(plain.receiver());
            assertNotNull(streaming.receiver());
            assertNotNull(viaApi.receiver(), "Analytics.newStore with streamCapacity > 0 gives a streaming store");
        }
    }

    @Test
    void jmxIsAttachedOnlyWhenConfigured() {
        String name = "assembly-" + System.nanoTime();
        DefaultEventStore on = Assembly.newStore(StoreConfig.builder().name(name + "-on").jmx(true).build(), false);
        try (DefaultEventStore off = Assembly.newStore(StoreConfig.builder().name(name + "-off").jmx(false).build(), false)) {
            assertFalse(StoreMBeans.objectName(off).isPresent());
            assertTrue(StoreMBeans.objectName(on).isPresent());
        } finally {
            on.close();
        }
        assertFalse(StoreMBeans.objectName(on).isPresent(), "closing the store unregisters through its observer");
    }
}
