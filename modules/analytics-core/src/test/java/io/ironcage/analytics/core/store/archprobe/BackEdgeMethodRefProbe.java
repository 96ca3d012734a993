package io.ironcage.analytics.core.store.archprobe;

import io.ironcage.analytics.core.store.DefaultEventStore;
import java.util.Optional;
import java.util.function.Function;
import javax.management.ObjectName;

/** Probe for ArchRuleProbeTest: store -> jmx through a method reference only. Never used. */
public final class BackEdgeMethodRefProbe {
    static Function<DefaultEventStore, Optional<ObjectName>> names() {
        return io.ironcage.analytics.core.jmx.StoreMBeans::objectName;
    }

    private BackEdgeMethodRefProbe() {}
}
