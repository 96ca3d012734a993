package io.ironcage.analytics;

import static io.ironcage.analytics.PayloadValidationTest.assertIae;
import static io.ironcage.analytics.PayloadValidationTest.assertNpe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    /** An empty table; only its identity matters here. */
    private static final PricingCatalog EMPTY_TABLE = new PricingCatalog() {
        @Override
        public Optional<ModelPrice> find(String model) {
            return Optional.empty();
        }

        @Override
        public String revision() {
            return "empty-1";
        }

        @Override
        public int size() {
            return 0;
        }
    };

    @Test
    void defaults() {
        StoreConfig c = StoreConfig.defaults();
        assertEquals("default", c.name());
        assertEquals(10_000, c.capacity());
        assertEquals(Optional.empty(), c.pricing(), "empty means the embedded table");
        assertEquals(1_000, c.maxModels());
        assertEquals(1_000, c.maxAgents());
        assertEquals(1_000, c.maxProviders());
        assertEquals(0, c.streamCapacity());
        assertTrue(c.jmx());
        assertEquals(Optional.empty(), c.eventLogLevel());
        assertEquals(Optional.empty(), c.budget());
    }

    @Test
    void everySetterIsKept() {
        StoreConfig c = StoreConfig.builder().name("orders").capacity(42).pricing(EMPTY_TABLE).maxModels(3)
                .maxAgents(4).maxProviders(5).streamCapacity(6).jmx(false).eventLogLevel(System.Logger.Level.INFO)
                .build();
        assertEquals("orders", c.name());
        assertEquals(42, c.capacity());
        assertSame(EMPTY_TABLE, c.pricing().orElseThrow());
        assertEquals(3, c.maxModels());
        assertEquals(4, c.maxAgents());
        assertEquals(5, c.maxProviders());
        assertEquals(6, c.streamCapacity());
        assertFalse(c.jmx());
        assertEquals(Optional.of(System.Logger.Level.INFO), c.eventLogLevel());
    }

    @Test
    void toBuilderCopiesEverything() {
        StoreConfig c = StoreConfig.builder().name("orders").capacity(42).pricing(EMPTY_TABLE).maxModels(3)
                .maxAgents(4).maxProviders(5).streamCapacity(6).jmx(false).eventLogLevel(System.Logger.Level.WARNING)
                .build();
        StoreConfig copy = c.toBuilder().build();
        assertEquals(c.toString(), copy.toString());
        assertEquals(7, c.toBuilder().capacity(7).build().capacity());
        assertEquals(42, c.capacity(), "the original is immutable");
    }

    @Test
    void nameIsValidated() {
        assertNpe(() -> StoreConfig.builder().name(null), "name");
        assertIae(() -> StoreConfig.builder().name(""), "name");
        assertIae(() -> StoreConfig.builder().name("  "), "name");
        assertIae(() -> StoreConfig.builder().name("n".repeat(129)), "name");
        assertIae(() -> StoreConfig.builder().name("bad\nname"), "name");
        assertEquals("n".repeat(128), StoreConfig.builder().name("n".repeat(128)).build().name());
    }

    @Test
    void capacityIsValidated() {
        assertIae(() -> StoreConfig.builder().capacity(0), "capacity", "0");
        assertIae(() -> StoreConfig.builder().capacity(-5), "capacity", "-5");
        assertIae(() -> StoreConfig.builder().capacity(StoreConfig.MAX_CAPACITY + 1), "capacity",
                Integer.toString(StoreConfig.MAX_CAPACITY + 1));
        assertEquals(1, StoreConfig.builder().capacity(1).build().capacity());
        assertEquals(StoreConfig.MAX_CAPACITY, StoreConfig.builder().capacity(StoreConfig.MAX_CAPACITY).build().capacity());
    }

    @Test
    void pricingIsRequiredWhenSet() {
        assertNpe(() -> StoreConfig.builder().pricing(null), "pricing");
    }

    @Test
    void cardinalityLimitsArePositive() {
        assertIae(() -> StoreConfig.builder().maxModels(0), "maxModels", "0");
        assertIae(() -> StoreConfig.builder().maxAgents(-1), "maxAgents", "-1");
        assertIae(() -> StoreConfig.builder().maxProviders(0), "maxProviders", "0");
        assertEquals(1, StoreConfig.builder().maxModels(1).maxAgents(1).maxProviders(1).build().maxProviders());
    }

    @Test
    void streamCapacityIsZeroOrPositive() {
        assertIae(() -> StoreConfig.builder().streamCapacity(-1), "streamCapacity", "-1");
        assertIae(() -> StoreConfig.builder().streamCapacity(StoreConfig.MAX_CAPACITY + 1), "streamCapacity");
        assertEquals(0, StoreConfig.builder().streamCapacity(5).streamCapacity(0).build().streamCapacity());
    }

    @Test
    void eventLogLevelOffOrNullTurnsLoggingOff() {
        assertEquals(Optional.empty(),
                StoreConfig.builder().eventLogLevel(System.Logger.Level.OFF).build().eventLogLevel());
        assertEquals(Optional.empty(), StoreConfig.builder().eventLogLevel(System.Logger.Level.INFO)
                .eventLogLevel(null).build().eventLogLevel());
    }

    @Test
    void aRejectedSetterLeavesTheBuilderAsItWas() {
        StoreConfig.Builder b = StoreConfig.builder().capacity(12);
        assertIae(() -> b.capacity(0), "capacity");
        assertEquals(12, b.build().capacity());
    }

    @Test
    void toStringShowsThePricingRevision() {
        assertTrue(StoreConfig.builder().pricing(EMPTY_TABLE).build().toString().contains("empty-1"));
        assertTrue(StoreConfig.defaults().toString().contains("embedded"));
    }
}
