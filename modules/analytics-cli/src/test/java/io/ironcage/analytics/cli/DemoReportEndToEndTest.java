package io.ironcage.analytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * demo for a few seconds with --jfr, then report on that file: the report's totals equal the demo's
 * own totals, and the embedded receiver accepted every LLM event exactly once.
 */
class DemoReportEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode jsonOf(String printed) {
        int start = printed.indexOf("\n{");
        return JSON.readTree(start >= 0 ? printed.substring(start + 1) : printed);
    }

    @Test
    void reportOfTheDemoRecordingMatchesTheDemoAndTheReceiver(@TempDir Path dir) {
        Path jfr = dir.resolve("demo.jfr");
        CliTest.Run demo = CliTest.run("demo", "--duration", "2s", "--rate", "400", "--agents", "3", "--jfr",
                jfr.toString(), "--format", "json");
        assertEquals(0, demo.rc(), demo.err());
        assertTrue(Files.isRegularFile(jfr), "the recording was written");
        JsonNode d = jsonOf(demo.out());

        long requests = d.get("totals").get("requests").longValue();
        assertTrue(requests >= 400, "about 800 requests expected in 2 s at 400/s, got " + requests);
        JsonNode extra = d.get("extra");
        // Every LLM event reached the receiver once: none rejected, none left, none dropped.
        assertEquals(requests, extra.get("receiver accepted").longValue(), demo.out());
        assertEquals(requests, extra.get("sync delivered").longValue(), demo.out());
        assertEquals(0, extra.get("receiver rejected").longValue());
        assertEquals(0, extra.get("sync remaining").longValue());
        assertEquals(0, extra.get("events dropped").longValue());
        assertEquals("$" + java.math.BigDecimal.valueOf(d.get("totals").get("cost_micros").longValue(), 6).toPlainString(),
                extra.get("receiver cost").stringValue(), "the receiver summed the same cost");

        CliTest.Run report = CliTest.run("report", jfr.toString(), "--format", "json");
        assertEquals(0, report.rc(), report.err());
        JsonNode r = jsonOf(report.out());
        assertEquals(d.get("totals"), r.get("totals"), "report totals equal the demo's");
        assertEquals(d.get("by_model"), r.get("by_model"));
        assertEquals(d.get("by_provider"), r.get("by_provider"));
        assertEquals(d.get("by_agent"), r.get("by_agent"));

        // Issue 12: the report of the recording shows latency, time to first token and cache
        // figures (the demo simulates them), equal to the demo's own (same histograms).
        JsonNode mini = r.get("by_model").get("gpt-4o-mini");
        long completedMini = mini.get("requests").longValue() - mini.get("failed").longValue();
        assertEquals(completedMini, mini.get("latency").get("count").longValue(), report.out());
        assertEquals(completedMini, mini.get("time_to_first_token").get("count").longValue());
        assertTrue(mini.get("latency").get("p50_us").longValue() >= 150_000, "a simulated duration is >= 150 ms");
        assertTrue(mini.get("time_to_first_token").get("p99_us").longValue()
                <= mini.get("latency").get("max_us").longValue());
        assertTrue(mini.get("cache_read_tokens").longValue() > 0, "the demo's gpt-4o-mini reads the cache");
        assertTrue(r.get("by_model").get("o3-mini").get("reasoning_tokens").longValue() > 0);
        CliTest.Run table = CliTest.run("report", jfr.toString());
        assertEquals(0, table.rc(), table.err());
        assertTrue(table.out().contains("p50") && table.out().contains("ttft p50") && table.out().contains("cache read"),
                table.out());
        assertTrue(table.out().matches("(?s).*gpt-4o-mini .*\\d+\\.\\dms.*"), table.out());
    }

    @Test
    void demoSyncsToAGivenServerWithTheGivenToken() throws Exception {
        try (ControlApiReceiver server = new ControlApiReceiver(java.util.Set.of("ic_real_token"))) {
            CliTest.Run demo = CliTest.run("demo", "--duration", "1s", "--rate", "200", "--server-url",
                    server.baseUrl().toString(), "--token", "ic_real_token", "--format", "json");
            assertEquals(0, demo.rc(), demo.err());
            JsonNode d = jsonOf(demo.out());
            long requests = d.get("totals").get("requests").longValue();
            assertTrue(requests > 0);
            assertEquals(requests, server.accepted(), "every event reached the given server");
            assertEquals(0, server.unauthorized());
            assertEquals(d.get("totals").get("cost_micros").longValue(), server.costMicros());
            assertTrue(!demo.out().contains("ic_real_token") && !demo.err().contains("ic_real_token"),
                    "the token is never printed");
        }
    }

    @Test
    void serverUrlWithoutTokenIsOneClearError() {
        CliTest.Run r = CliTest.run("demo", "--server-url", "http://127.0.0.1:9", "--token", "");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("--server-url needs --token"), r.err());
    }
}
