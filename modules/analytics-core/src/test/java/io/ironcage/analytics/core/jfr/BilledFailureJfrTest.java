package io.ironcage.analytics.core.jfr;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.jmx.TinyPricing;
import io.ironcage.analytics.core.jmx.Workload;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: the JFR failed-request event carries a billed failure's tokens and cost, and the real provider. */
class BilledFailureJfrTest {
    @TempDir
    Path dir;

    @Test
    void aBilledFailureHasItsTokensAndCostInTheRecording() throws Exception {
        String name = Workload.uniqueName("jfr-billed");
        try (Recording r = Recordings.withTemplate()) {
            r.start();
            // Flight Recorder goes live on an init thread: events recorded before are not emitted.
            await().atMost(Duration.ofSeconds(10)).until(StoreRecorder::isLive);
            try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name).capacity(16).jmx(false))) {
                store.recordLlmFailed(LlmUsage.builder(TinyPricing.MODEL_A).providerName("azure").inputTokens(1_000)
                        .cacheReadTokens(100).outputTokens(200).reasoningTokens(50).build(), "stream_interrupted", null);
                store.recordLlmFailed(TinyPricing.MODEL_A, null, null, "timeout", null);

                List<RecordedEvent> failed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Recordings.of(Recordings.dump(r, dir, name), "LlmRequestFailed"), l -> l.size() == 2);
                RecordedEvent billed = failed.stream().filter(e -> "stream_interrupted".equals(e.getString("errorCode")))
                        .findFirst().orElseThrow();
                assertEquals("azure", billed.getString("provider"), "the real provider's name");
                assertEquals(1_000, billed.getLong("inputTokens"));
                assertEquals(200, billed.getLong("outputTokens"));
                assertEquals(100, billed.getLong("cacheReadTokens"));
                assertEquals(0, billed.getLong("cacheWriteTokens"));
                assertEquals(50, billed.getLong("reasoningTokens"));
                assertEquals(TinyPricing.cost(TinyPricing.MODEL_A, 1_000, 200), billed.getLong("costMicros"));
                assertEquals(store.stats().totalCostMicros(), billed.getLong("costMicros"));
                RecordedEvent plain = failed.stream().filter(e -> "timeout".equals(e.getString("errorCode")))
                        .findFirst().orElseThrow();
                assertEquals(0, plain.getLong("inputTokens"));
                assertEquals(0, plain.getLong("costMicros"));
            }
        }
    }
}
