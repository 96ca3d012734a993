package io.ironcage.analytics.cli;

import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.ModelStats;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Totals and tables by model, provider and agent, printed as an aligned table, JSON or CSV. Built
 * from a store's {@link ComputedStats} (demo) or from a JFR recording's events (report), so both
 * commands print the same shape.
 *
 * @param totals     the totals
 * @param byModel    per model
 * @param byProvider per provider
 * @param byAgent    per agent
 * @param extra      further figures (sync, drops, time span), printed after the tables in order
 */
record UsageReport(ModelStats totals, Map<String, ModelStats> byModel, Map<String, ModelStats> byProvider,
                   Map<String, ModelStats> byAgent, Map<String, Object> extra) {

    static UsageReport of(ComputedStats s) {
        // The cache, reasoning and usage-missing totals are the sums over the providers (each
        // request counted once there); the totals show no latency (the tables do: a sum of
        // summaries could only bound percentiles).
        ModelStats sum = s.byProvider().values().stream().reduce(ModelStats.EMPTY, ModelStats::plus);
        ModelStats totals = new ModelStats(s.totalRequests(), s.failedRequests(), s.totalInputTokens(),
                s.totalOutputTokens(), s.totalCostMicros(), s.unpricedRequests(), sum.cacheReadTokens(),
                sum.cacheWriteTokens(), sum.reasoningTokens(), sum.usageMissing(),
                io.ironcage.analytics.LatencyStats.EMPTY, io.ironcage.analytics.LatencyStats.EMPTY);
        return new UsageReport(totals, s.byModel(), s.byProvider(), s.byAgent(), new LinkedHashMap<>());
    }

    UsageReport with(String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>(extra);
        e.put(key, value);
        return new UsageReport(totals, byModel, byProvider, byAgent, e);
    }

    /** Exact dollars from micros, no floating point. */
    static String usd(long micros) {
        return "$" + BigDecimal.valueOf(micros, 6).toPlainString();
    }

    /** Rejects a format that {@link #print} does not know, naming it. */
    static void checkFormat(String format) {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new CliException("--format must be table, json or csv but was '" + format + "'");
        }
    }

    void print(PrintWriter out, String format) {
        switch (format) {
            case "json" -> out.println(json());
            case "csv" -> printCsv(out);
            default -> printTable(out);
        }
        out.flush();
    }

    private void printTable(PrintWriter out) {
        out.printf("Totals: %,d requests (%,d failed, %,d unpriced), %,d input + %,d output tokens, %s%n",
                totals.requestCount(), totals.failedCount(), totals.unpricedCount(), totals.inputTokens(),
                totals.outputTokens(), usd(totals.costMicros()));
        out.printf("        cache read %,d, cache write %,d, reasoning %,d tokens; %,d requests without usage%n",
                totals.cacheReadTokens(), totals.cacheWriteTokens(), totals.reasoningTokens(), totals.usageMissing());
        table(out, "model", byModel);
        table(out, "provider", byProvider);
        table(out, "agent", byAgent);
        if (!extra.isEmpty()) {
            out.println();
            extra.forEach((k, v) -> out.printf("%-22s %s%n", k + ":", v));
        }
    }

    private static void table(PrintWriter out, String key, Map<String, ModelStats> rows) {
        out.println();
        if (rows.isEmpty()) {
            out.println("By " + key + ": none");
            return;
        }
        int w = Math.max(key.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        String fmt = "%-" + w + "s  %9s  %8s  %13s  %13s  %12s  %12s  %12s  %14s  %9s  %9s  %9s%n";
        out.printf(fmt, key, "requests", "failed", "input tok", "output tok", "cache read", "cache write",
                "reasoning", "cost", "p50", "p99", "ttft p50");
        for (Map.Entry<String, ModelStats> e : sorted(rows)) {
            ModelStats s = e.getValue();
            out.printf(fmt, e.getKey(), String.format("%,d", s.requestCount()), String.format("%,d", s.failedCount()),
                    String.format("%,d", s.inputTokens()), String.format("%,d", s.outputTokens()),
                    String.format("%,d", s.cacheReadTokens()), String.format("%,d", s.cacheWriteTokens()),
                    String.format("%,d", s.reasoningTokens()), usd(s.costMicros()),
                    ms(s.latency(), s.latency().p50()), ms(s.latency(), s.latency().p99()),
                    ms(s.timeToFirstToken(), s.timeToFirstToken().p50()));
        }
    }

    /** A duration of a summary: milliseconds with one decimal under a second, else seconds with two; "-" when nothing was measured. */
    static String ms(io.ironcage.analytics.LatencyStats l, java.time.Duration d) {
        if (l.count() == 0) {
            return "-";
        }
        return d.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? String.format("%.1fms", d.toNanos() / 1e6)
                : String.format("%.2fs", d.toNanos() / 1e9);
    }

    private static List<Map.Entry<String, ModelStats>> sorted(Map<String, ModelStats> rows) {
        List<Map.Entry<String, ModelStats>> list = new ArrayList<>(rows.entrySet());
        list.sort(Comparator.comparing((Map.Entry<String, ModelStats> e) -> e.getValue().costMicros()).reversed()
                .thenComparing(Map.Entry::getKey));
        return list;
    }

    private void printCsv(PrintWriter out) {
        out.println("dimension,key,requests,failed,input_tokens,output_tokens,cost_micros,unpriced,"
                + "cache_read_tokens,cache_write_tokens,reasoning_tokens,usage_missing,"
                + "latency_count,latency_p50_us,latency_p90_us,latency_p99_us,latency_max_us,"
                + "ttft_count,ttft_p50_us,ttft_p99_us");
        csv(out, "total", Map.of("all", totals));
        csv(out, "model", byModel);
        csv(out, "provider", byProvider);
        csv(out, "agent", byAgent);
    }

    private static void csv(PrintWriter out, String dimension, Map<String, ModelStats> rows) {
        for (Map.Entry<String, ModelStats> e : sorted(rows)) {
            ModelStats s = e.getValue();
            out.println(String.join(",", dimension, quote(e.getKey()), Long.toString(s.requestCount()),
                    Long.toString(s.failedCount()), Long.toString(s.inputTokens()), Long.toString(s.outputTokens()),
                    Long.toString(s.costMicros()), Long.toString(s.unpricedCount()),
                    Long.toString(s.cacheReadTokens()), Long.toString(s.cacheWriteTokens()),
                    Long.toString(s.reasoningTokens()), Long.toString(s.usageMissing()),
                    Long.toString(s.latency().count()), us(s.latency().p50()), us(s.latency().p90()),
                    us(s.latency().p99()), us(s.latency().max()), Long.toString(s.timeToFirstToken().count()),
                    us(s.timeToFirstToken().p50()), us(s.timeToFirstToken().p99())));
        }
    }

    private static String us(java.time.Duration d) {
        return Long.toString(d.toNanos() / 1_000);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    String json() {
        JsonMapper m = JsonMapper.builder().build();
        ObjectNode root = m.createObjectNode();
        root.set("totals", stats(m, totals));
        root.set("by_model", section(m, byModel));
        root.set("by_provider", section(m, byProvider));
        root.set("by_agent", section(m, byAgent));
        ObjectNode x = root.putObject("extra");
        extra.forEach((k, v) -> {
            if (v instanceof Number n) {
                x.put(k, n.longValue());
            } else {
                x.put(k, String.valueOf(v));
            }
        });
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode section(JsonMapper m, Map<String, ModelStats> rows) {
        ObjectNode o = m.createObjectNode();
        for (Map.Entry<String, ModelStats> e : sorted(rows)) {
            o.set(e.getKey(), stats(m, e.getValue()));
        }
        return o;
    }

    private static ObjectNode stats(JsonMapper m, ModelStats s) {
        ObjectNode o = m.createObjectNode();
        o.put("requests", s.requestCount());
        o.put("failed", s.failedCount());
        o.put("input_tokens", s.inputTokens());
        o.put("output_tokens", s.outputTokens());
        o.put("cost_micros", s.costMicros());
        o.put("unpriced", s.unpricedCount());
        o.put("cache_read_tokens", s.cacheReadTokens());
        o.put("cache_write_tokens", s.cacheWriteTokens());
        o.put("reasoning_tokens", s.reasoningTokens());
        o.put("usage_missing", s.usageMissing());
        latency(o.putObject("latency"), s.latency());
        latency(o.putObject("time_to_first_token"), s.timeToFirstToken());
        return o;
    }

    private static void latency(ObjectNode o, io.ironcage.analytics.LatencyStats l) {
        o.put("count", l.count());
        o.put("mean_us", l.mean().toNanos() / 1_000);
        o.put("p50_us", l.p50().toNanos() / 1_000);
        o.put("p90_us", l.p90().toNanos() / 1_000);
        o.put("p99_us", l.p99().toNanos() / 1_000);
        o.put("max_us", l.max().toNanos() / 1_000);
    }
}
