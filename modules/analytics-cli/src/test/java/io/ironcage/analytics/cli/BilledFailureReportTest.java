package io.ironcage.analytics.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12: report on a recording counts a billed failure's tokens and cost in its totals, as the
 * store's own figures do, and keys providers by their real names.
 */
class BilledFailureReportTest {

    /**
     * The library's JFR events go live on an init thread once Flight Recorder is initialised; a
     * probe recording (closed before the real one starts, so the report never sees its events)
     * waits until a probe store's event shows up in it.
     */
    private static void awaitFlightRecorderLive(Path dir) throws Exception {
        try (Recording probe = new Recording();
             EventStore store = Analytics.newStore(StoreConfig.builder().name("jfr-probe").capacity(16).jmx(false).build())) {
            probe.enable("io.ironcage.analytics.LlmRequestFailed");
            probe.start();
            Path file = dir.resolve("probe.jfr");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                store.recordLlmFailed("probe-model", null, null, "probe", null);
                probe.dump(file);
                return RecordingFile.readAllEvents(file).stream()
                        .anyMatch(e -> e.getEventType().getName().equals("io.ironcage.analytics.LlmRequestFailed"));
            });
        }
    }

    @Test
    void reportTotalsIncludeABilledFailure(@TempDir Path dir) throws Exception {
        awaitFlightRecorderLive(dir);
        Path jfr = dir.resolve("billed.jfr");
        ComputedStats stats;
        try (Recording recording = DemoCommand.startRecording(jfr)) {
            try (EventStore store = Analytics.newStore(StoreConfig.builder().name("billed-report").capacity(100)
                    .jmx(false).build())) {
                store.recordLlmCompleted(LlmUsage.builder("gpt-4o-mini").inputTokens(1_000).outputTokens(100)
                        .agentId("a").build());
                // claude-3-haiku-20240307: 4,000 x 0.25 + 2,000 x 1.25 = 3,500 microdollars.
                store.recordLlmFailed(LlmUsage.builder("claude-3-haiku-20240307").inputTokens(4_000)
                        .outputTokens(2_000).agentId("a").build(), "stream_interrupted", null);
                store.recordLlmFailed("gemini/gemini-2.0-flash", "a", null, "timeout", null);
                stats = store.stats();
            }
            recording.stop();
        }
        assertEquals(3_500, stats.byModel().get("claude-3-haiku-20240307").costMicros());

        CliTest.Run report = CliTest.run("report", jfr.toString(), "--format", "json");
        assertEquals(0, report.rc(), report.err());
        String out = report.out();
        JsonNode r = JsonMapper.builder().build().readTree(out.substring(Math.max(0, out.indexOf('{'))));
        JsonNode totals = r.get("totals");
        assertEquals(3, totals.get("requests").longValue());
        assertEquals(2, totals.get("failed").longValue());
        assertEquals(stats.totalInputTokens(), totals.get("input_tokens").longValue());
        assertEquals(5_000, totals.get("input_tokens").longValue());
        assertEquals(2_100, totals.get("output_tokens").longValue());
        assertEquals(stats.totalCostMicros(), totals.get("cost_micros").longValue());
        assertEquals(3_500, r.get("by_provider").get("anthropic").get("cost_micros").longValue());
        assertEquals(1, r.get("by_provider").get("gemini").get("failed").longValue());
    }
}
