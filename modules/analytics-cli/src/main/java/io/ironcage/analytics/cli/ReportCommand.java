package io.ironcage.analytics.cli;

import io.ironcage.analytics.LatencyStats;
import io.ironcage.analytics.ModelStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code report}: reads the library's events from a JFR recording (made by {@code demo --jfr} or by
 * any application using the library with the project's template) and prints the same tables as
 * the demo, plus the time span, drops and sync attempts.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Analyse a JFR recording: usage by model, provider and agent; drops; sync attempts.")
final class ReportCommand implements Callable<Integer> {
    static final String NS = "io.ironcage.analytics.";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.jfr", description = "The recording.")
    Path file;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--store", description = "Only events of the store with this name.")
    String store;

    @Override
    public Integer call() {
        UsageReport.checkFormat(format);
        if (!Files.isRegularFile(file)) {
            throw new CliException("recording not found: " + file);
        }
        List<RecordedEvent> events;
        try {
            events = RecordingFile.readAllEvents(file);
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot read " + file + " as a JFR recording: " + e.getMessage(), e);
        }
        Tally t = new Tally();
        for (RecordedEvent e : events) {
            String name = e.getEventType().getName();
            if (name.startsWith(NS) && (store == null || (e.hasField("store") && store.equals(e.getString("store"))))) {
                t.add(name.substring(NS.length()), e);
            }
        }
        if (t.libraryEvents == 0) {
            throw new CliException(file + " holds no " + NS + "* events" + (store == null ? "" : " for store " + store)
                    + "; record with the project's template (iron-analytics demo --jfr FILE, or "
                    + "-XX:StartFlightRecording:settings=jfr-templates/ironcage-analytics.jfc)");
        }
        if (t.requests() == 0) {
            throw new CliException(file + " holds library events but no LLM request events: the per-request events "
                    + "are off unless the recording uses the project's template (jfr-templates/ironcage-analytics.jfc)");
        }
        ModelStats totals = t.byProvider.values().stream().reduce(ModelStats.EMPTY, ModelStats::plus);
        UsageReport report = new UsageReport(totals, t.timed(t.byModel, t.modelTimes), t.timed(t.byProvider, t.providerTimes),
                t.byAgent, new java.util.LinkedHashMap<>())
                .with("time span", t.first + " .. " + t.last + " (" + Duration.between(t.first, t.last).toMillis() / 1000.0 + " s)")
                .with("events dropped", t.dropped)
                .with("sync attempts", t.syncAttempts)
                .with("sync delivered", t.syncDelivered)
                .with("sync rejected", t.syncRejected);
        for (Map.Entry<String, Long> o : t.syncOutcomes.entrySet()) {
            report = report.with("sync outcome " + o.getKey(), o.getValue());
        }
        report.print(spec.commandLine().getOut(), format);
        return 0;
    }

    /** Accumulates the recording's library events. */
    private static final class Tally {
        final Map<String, ModelStats> byModel = new HashMap<>();
        final Map<String, ModelStats> byProvider = new HashMap<>();
        final Map<String, ModelStats> byAgent = new HashMap<>();
        final Map<String, Long> syncOutcomes = new TreeMap<>();
        long libraryEvents;
        long dropped;
        long syncAttempts;
        long syncDelivered;
        long syncRejected;
        Instant first;
        Instant last;

        void add(String kind, RecordedEvent e) {
            libraryEvents++;
            switch (kind) {
                case "LlmRequestCompleted" -> request(e, new ModelStats(1, 0, e.getLong("inputTokens"),
                        e.getLong("outputTokens"), e.getLong("costMicros"), e.getBoolean("priced") ? 0 : 1,
                        e.getLong("cacheReadTokens"), e.getLong("cacheWriteTokens"), e.getLong("reasoningTokens"), 0,
                        LatencyStats.EMPTY, LatencyStats.EMPTY));
                // A billed failure's tokens and cost count in the totals, as in the store's stats;
                // a recording made before failures carried usage has no such fields (0).
                case "LlmRequestFailed" -> request(e, new ModelStats(1, 1, longOr0(e, "inputTokens"),
                        longOr0(e, "outputTokens"), longOr0(e, "costMicros"), 0, longOr0(e, "cacheReadTokens"),
                        longOr0(e, "cacheWriteTokens"), longOr0(e, "reasoningTokens"), 0,
                        LatencyStats.EMPTY, LatencyStats.EMPTY));
                case "EventsDropped" -> dropped += e.getLong("count");
                case "SyncAttempt" -> {
                    syncAttempts++;
                    syncDelivered += e.getInt("delivered");
                    syncRejected += e.getInt("rejected");
                    syncOutcomes.merge(String.valueOf(e.getString("outcome")), 1L, Long::sum);
                }
                default -> { }
            }
        }

        private static long longOr0(RecordedEvent e, String field) {
            return e.hasField(field) ? e.getLong(field) : 0;
        }

        private void request(RecordedEvent e, ModelStats s) {
            byModel.merge(e.getString("model"), s, ModelStats::plus);
            byProvider.merge(e.getString("provider"), s, ModelStats::plus);
            String agent = e.getString("agent");
            if (agent != null) {
                byAgent.merge(agent, s, ModelStats::plus);
            }
            long d = timespan(e, "requestDuration");
            long f = timespan(e, "timeToFirstToken");
            times(modelTimes, e.getString("model"), d, f);
            times(providerTimes, e.getString("provider"), d, f);
            Instant at = e.getStartTime();
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }

        // The durations and times to first token of each model and provider, in histograms of
        // microseconds like the store's (1 µs to 1 h, 3 significant digits: within 0.1%), so the
        // report of a recording shows the figures the store showed. Agents keep none, as in the store.
        final Map<String, Times> modelTimes = new HashMap<>();
        final Map<String, Times> providerTimes = new HashMap<>();

        /** One key's measured durations. */
        private record Times(Histogram duration, Histogram firstToken) {}

        private static Histogram histogram() {
            return new Histogram(1, Duration.ofHours(1).toNanos() / 1_000, 3);
        }

        /** A timespan field's nanoseconds, or -1 when absent (an older recording) or N/A (Long.MIN_VALUE). */
        private static long timespan(RecordedEvent e, String field) {
            if (!e.hasField(field)) {
                return -1;
            }
            long v = e.getLong(field);
            return v < 0 || v > Duration.ofHours(1).toNanos() ? -1 : v;
        }

        private static void times(Map<String, Times> map, String key, long d, long f) {
            if (d < 0 && f < 0) {
                return;
            }
            Times t = map.computeIfAbsent(key, k -> new Times(histogram(), histogram()));
            if (d >= 0) {
                t.duration.recordValue(d / 1_000);
            }
            if (f >= 0) {
                t.firstToken.recordValue(f / 1_000);
            }
        }

        /** The stats of each key with the latency summaries of its measured durations. */
        Map<String, ModelStats> timed(Map<String, ModelStats> rows, Map<String, Times> times) {
            Map<String, ModelStats> out = new HashMap<>();
            rows.forEach((k, s) -> {
                Times t = times.get(k);
                out.put(k, t == null ? s : new ModelStats(s.requestCount(), s.failedCount(), s.inputTokens(),
                        s.outputTokens(), s.costMicros(), s.unpricedCount(), s.cacheReadTokens(), s.cacheWriteTokens(),
                        s.reasoningTokens(), s.usageMissing(), summary(t.duration), summary(t.firstToken)));
            });
            return out;
        }

        /** A histogram's summary, computed as the store computes it. */
        static LatencyStats summary(Histogram h) {
            long n = h.getTotalCount();
            if (n == 0) {
                return LatencyStats.EMPTY;
            }
            return new LatencyStats(n, Duration.ofNanos(Math.round(h.getMean() * 1_000)),
                    micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                    micros(h.getValueAtPercentile(99)), micros(h.getMaxValue()));
        }

        private static Duration micros(long us) {
            return Duration.ofNanos(us * 1_000);
        }

        long requests() {
            return byProvider.values().stream().mapToLong(ModelStats::requestCount).sum();
        }
    }
}
