package io.ironcage.analytics.core.store.archprobe;

import java.util.List;

/** Probe for ArchRuleProbeTest: store -> jmx through a generic type argument only. Never used. */
public final class BackEdgeGenericProbe {
    List<io.ironcage.analytics.core.jmx.StoreMBeans> users = List.of();

    private BackEdgeGenericProbe() {}
}
