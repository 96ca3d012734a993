package io.ironcage.analytics.core.store.archprobe;

import io.ironcage.analytics.core.store.DefaultEventStore;
import java.util.HashMap;
import java.util.Map;

/** Probe for ArchRuleProbeTest: a static registry of stores behind a small wrapper class. Never used. */
public final class WrappedStaticMapProbe {
    static final Registry REGISTRY = new Registry();

    static final class Registry {
        final Map<DefaultEventStore, Object> byStore = new HashMap<>();
    }

    private WrappedStaticMapProbe() {}
}
