package io.ironcage.analytics.core.otelprobe;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.Assembly;
import io.ironcage.analytics.core.store.DefaultEventStore;

/**
 * Probe for ArchRuleProbeTest: a new exporter package (not yet in ArchitectureTest's list) that
 * points back up to the composition root and sideways into jmx. Never used.
 */
public final class UnlistedPackageBackEdgeProbe {
    static DefaultEventStore up(StoreConfig c) {
        return Assembly.newStore(c, false);
    }

    static Object sideways() {
        return io.ironcage.analytics.core.jmx.SyncMBeans.MONITORING;
    }

    private UnlistedPackageBackEdgeProbe() {}
}
