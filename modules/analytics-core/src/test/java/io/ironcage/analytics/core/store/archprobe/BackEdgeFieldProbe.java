package io.ironcage.analytics.core.store.archprobe;

/** Probe for ArchRuleProbeTest (control): store -> sync through a plain field type. Never used. */
public final class BackEdgeFieldProbe {
    io.ironcage.analytics.core.sync.SyncMonitoring monitoring;

    private BackEdgeFieldProbe() {}
}
