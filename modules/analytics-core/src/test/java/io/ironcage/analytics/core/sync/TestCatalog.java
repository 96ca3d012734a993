package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.Optional;

/** A price table that knows no model: every event is unpriced, which sync does not care about. */
final class TestCatalog implements PricingCatalog {
    static final TestCatalog INSTANCE = new TestCatalog();

    @Override
    public Optional<ModelPrice> find(String model) {
        return Optional.empty();
    }

    @Override
    public String revision() {
        return "sync-test";
    }

    @Override
    public int size() {
        return 0;
    }
}
