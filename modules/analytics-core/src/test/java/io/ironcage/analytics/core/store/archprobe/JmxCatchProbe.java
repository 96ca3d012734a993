package io.ironcage.analytics.core.store.archprobe;

/** Probe for ArchRuleProbeTest: the store package uses JMX through a catch clause and instanceof only. Never used. */
public final class JmxCatchProbe {
    static boolean probe(Object o, Runnable r) {
        try {
            r.run();
        } catch (javax.management.JMRuntimeException e) {
            return false;
        }
        return o instanceof javax.management.ObjectName;
    }

    private JmxCatchProbe() {}
}
