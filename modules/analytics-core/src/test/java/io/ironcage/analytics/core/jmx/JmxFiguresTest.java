package io.ironcage.analytics.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** Issue 12: the JMX per-model table has the cache, reasoning, usage-missing and latency columns. */
class JmxFiguresTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void theModelTableShowsCacheReasoningAndLatencyColumns() throws Exception {
        try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(Workload.uniqueName("figures")))) {
            store.recordLlmCompleted(LlmUsage.builder(TinyPricing.MODEL_A).inputTokens(1_000).outputTokens(200)
                    .cacheReadTokens(700).cacheWriteTokens(100).reasoningTokens(50)
                    .duration(Duration.ofMillis(250)).timeToFirstToken(Duration.ofMillis(40)).build());
            ObjectName on = StoreMBeans.objectName(store).orElseThrow();
            Map<String, Map<String, Object>> rows = OpenData.rows((TabularData) server.getAttribute(on, "ByModel"));
            Map<String, Object> a = rows.get(TinyPricing.MODEL_A);
            assertTrue(a.keySet().containsAll(Set.of("requestCount", "costMicros", "cacheReadTokens",
                    "cacheWriteTokens", "reasoningTokens", "usageMissing", "latencyCount", "latencyMeanMicros",
                    "latencyP50Micros", "latencyP90Micros", "latencyP99Micros", "latencyMaxMicros",
                    "timeToFirstTokenCount", "timeToFirstTokenP50Micros", "timeToFirstTokenP99Micros")), a.toString());
            assertEquals(700L, a.get("cacheReadTokens"));
            assertEquals(100L, a.get("cacheWriteTokens"));
            assertEquals(50L, a.get("reasoningTokens"));
            assertEquals(1L, a.get("latencyCount"));
            // one value: every percentile is it, within 0.1% (HdrHistogram, 3 digits)
            assertEquals(250_000, (long) a.get("latencyP50Micros"), 250);
            assertEquals(40_000, (long) a.get("timeToFirstTokenP99Micros"), 40);
        }
    }
}
