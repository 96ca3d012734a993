package io.ironcage.analytics.core.store;

import io.ironcage.analytics.core.Assembly;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.pricing.PricingCatalog;

/** Store factories for the tests (built by the composition root): JMX off, the test price table unless told otherwise. */
final class Stores {
    private Stores() {}

    static StoreConfig.Builder config() {
        return StoreConfig.builder().jmx(false);
    }

    static DefaultEventStore store(int capacity) {
        return store(config().capacity(capacity));
    }

    static DefaultEventStore store(StoreConfig.Builder config) {
        return store(config, TestPricing.standard());
    }

    static DefaultEventStore store(StoreConfig.Builder config, PricingCatalog pricing) {
        return Assembly.newStore(config.pricing(pricing).build(), false);
    }

    static DefaultEventStore streaming(int capacity, int channelCapacity) {
        return Assembly.newStore(config().capacity(capacity).streamCapacity(channelCapacity)
                .pricing(TestPricing.standard()).build(), true);
    }
}
