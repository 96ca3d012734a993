/**
 * {@code iron-analytics}: the runnable tool. A demo workload that records simulated LLM traffic
 * and syncs it to an embedded Control API receiver, a JFR recording report, and price lookups.
 */
// HdrHistogram is an automatic module (no descriptor in 2.2.2): acknowledged here, not a warning.
@SuppressWarnings("requires-automatic")
module io.ironcage.analytics.cli {
    requires io.ironcage.analytics;
    requires info.picocli;
    requires jdk.httpserver;
    requires jdk.jfr;
    requires java.management;
    requires java.logging;
    requires tools.jackson.databind;
    // report: the same latency histograms as the store, so its percentiles equal the demo's.
    requires HdrHistogram;

    // picocli reads the command classes' annotated fields reflectively.
    opens io.ironcage.analytics.cli to info.picocli;
}
