package io.ironcage.analytics.core.store.archprobe;

import io.ironcage.analytics.core.store.DefaultEventStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Probe for ArchRuleProbeTest (control): a plainly typed static map keyed by store. Never used. */
public final class MutableStaticProbe {
    static final Map<DefaultEventStore, Object> BY_STORE = new ConcurrentHashMap<>();

    private MutableStaticProbe() {}
}
