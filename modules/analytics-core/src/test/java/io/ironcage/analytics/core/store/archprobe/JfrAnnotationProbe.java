package io.ironcage.analytics.core.store.archprobe;

/** Probe for ArchRuleProbeTest: the store package uses JFR through an annotation only. Never used. */
@jdk.jfr.Label("probe")
public final class JfrAnnotationProbe {
    private JfrAnnotationProbe() {}
}
