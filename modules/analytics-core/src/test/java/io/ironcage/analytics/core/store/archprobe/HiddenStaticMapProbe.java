package io.ironcage.analytics.core.store.archprobe;

import io.ironcage.analytics.core.store.DefaultEventStore;
import java.util.concurrent.ConcurrentHashMap;

/** Probe for ArchRuleProbeTest: a static map keyed by store, declared as Object. Never used. */
public final class HiddenStaticMapProbe {
    static final Object BY_STORE = new ConcurrentHashMap<DefaultEventStore, Object>();

    private HiddenStaticMapProbe() {}
}
