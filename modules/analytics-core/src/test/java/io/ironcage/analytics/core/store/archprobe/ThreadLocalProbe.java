package io.ironcage.analytics.core.store.archprobe;

import io.ironcage.analytics.core.store.DefaultEventStore;

/** Probe for ArchRuleProbeTest: mutable static state in a ThreadLocal. Never used. */
public final class ThreadLocalProbe {
    static final ThreadLocal<DefaultEventStore> CURRENT = new ThreadLocal<>();

    private ThreadLocalProbe() {}
}
