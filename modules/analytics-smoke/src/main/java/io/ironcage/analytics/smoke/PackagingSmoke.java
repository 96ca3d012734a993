package io.ironcage.analytics.smoke;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.StoreConfig;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Proves the shipped jars work outside Surefire (which hides JPMS export and service mistakes):
 * finds the store through {@link java.util.ServiceLoader}, records, checks every figure, and
 * exits 1 with the list of failures if anything is off.
 *
 * <p>Usage: {@code PackagingSmoke module|classpath} — the expected way it was started, checked
 * against whether the API module is named.
 */
public final class PackagingSmoke {
    private final List<String> failures = new ArrayList<>();

    private PackagingSmoke() {}

    /**
     * Runs the checks.
     *
     * @param args {@code module} or {@code classpath}
     */
    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "module";
        PackagingSmoke smoke = new PackagingSmoke();
        try {
            smoke.run(mode);
        } catch (RuntimeException e) {
            smoke.failures.add("unexpected " + e);
        }
        if (!smoke.failures.isEmpty()) {
            System.err.println("packaging smoke (" + mode + ") FAILED:");
            smoke.failures.forEach(f -> System.err.println("  - " + f));
            System.exit(1);
        }
        System.out.println("packaging smoke (" + mode + "): ok");
    }

    private void run(String mode) {
        boolean named = Analytics.class.getModule().isNamed();
        check(named == mode.equals("module"), "expected " + mode + " mode but API module named=" + named);

        try (EventStore store = Analytics.newStore(StoreConfig.builder().name("smoke-" + mode).capacity(4).build())) {
            store.recordLlmCompleted("gpt-4o-mini", 1_000_000, 1_000_000, "agent-1", "ip_openai_001");
            store.recordLlmCompleted(LlmUsage.fromAnthropic("claude-sonnet-4-20250514", 100, 50, 1000, 0));
            store.recordLlmCompleted("no-such-model-xyz", 10, 10, null, null);
            store.recordLlmFailed("gpt-4o", "agent-1", null, "rate_limit_exceeded", "slow down");
            store.recordRouterStarted(8080); // the 5th event: buffer of 4 is full, so it is dropped

            // The MXBean must really be registered: an MXBean interface in a package that is not
            // exported unqualified fails here in a real module-path run (and only logs).
            long jmxTotal = jmxTotalRequests("io.ironcage.analytics:type=EventStore,name=smoke-" + mode);
            check(jmxTotal == 4, "JMX TotalRequests " + jmxTotal + " != 4");

            ComputedStats s = store.stats();
            check(s.totalRequests() == 4, "totalRequests " + s.totalRequests() + " != 4");
            check(s.failedRequests() == 1, "failedRequests " + s.failedRequests() + " != 1");
            check(s.unpricedRequests() == 1, "unpricedRequests " + s.unpricedRequests() + " != 1");
            ModelStats mini = s.byModel().get("gpt-4o-mini");
            check(mini != null && mini.costMicros() > 0, "gpt-4o-mini should be priced by the embedded table: " + mini);
            check(s.byProvider().containsKey("openai") && s.byProvider().containsKey("anthropic"),
                    "providers " + s.byProvider().keySet());
            check(s.byAgent().get("agent-1") != null && s.byAgent().get("agent-1").requestCount() == 2,
                    "agent-1 " + s.byAgent().get("agent-1"));
            check(store.size() == 4 && store.droppedCount() == 1,
                    "size " + store.size() + " dropped " + store.droppedCount());

            List<AnalyticsEvent> snapshot = store.snapshotEvents();
            store.markSynced(List.of(snapshot.get(0).eventId()));
            check(store.size() == 3, "size after markSynced " + store.size());
            List<AnalyticsEvent> drained = store.drainAll();
            check(drained.size() == 3, "drained " + drained.size());
            EventAccounting a = store.accounting();
            check(a.balanced() && a.recorded() == 5 && a.markedSynced() == 1 && a.drained() == 3 && a.dropped() == 1,
                    "accounting " + a);
        }
    }

    private long jmxTotalRequests(String name) {
        try {
            ObjectName on = new ObjectName(name);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(on)) {
                failures.add("MXBean " + name + " is not registered");
                return -1;
            }
            return (Long) server.getAttribute(on, "TotalRequests");
        } catch (JMException e) {
            failures.add("reading " + name + ": " + e);
            return -1;
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            failures.add(message);
        }
    }
}
