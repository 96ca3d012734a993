package io.ironcage.analytics.cli;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code demo}: simulated LLM traffic from several agents on virtual threads, recorded into a
 * store found through {@code ServiceLoader} and synced to an embedded Control API receiver (or a
 * real server), with a live progress line and a report at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Record simulated LLM traffic and sync it to an embedded Control API (the default command).")
final class DemoCommand implements Callable<Integer> {
    static final String TEMPLATE = "ironcage-analytics.jfc";

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", defaultValue = "4", description = "Agents recording concurrently (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--rate", defaultValue = "200", description = "Requests per second, all agents together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to run, e.g. 10s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--failure-rate", defaultValue = "0.03", description = "Share of failed requests (default: ${DEFAULT-VALUE}).")
    double failureRate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--server-url", description = "A real Control API to sync to, instead of the embedded receiver.")
    String serverUrl;

    @Option(names = "--token", description = "The IC token for --server-url (default: $${IC_TOKEN}).", defaultValue = "${env:IC_TOKEN}")
    String token;

    @Option(names = "--jfr", description = "Record the run to this JFR file with the project's template.")
    Path jfr;

    @Option(names = "--keep-running", description = "Stay alive after the run, for JConsole/JMC, until interrupted.")
    boolean keepRunning;

    @Option(names = "--format", defaultValue = "table", description = "Report format: table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        try (Recording recording = jfr == null ? null : startRecording(jfr);
             ControlApiReceiver receiver = serverUrl == null ? new ControlApiReceiver(agentTokens()) : null;
             EventStore store = Analytics.newStore(StoreConfig.builder().name("demo").capacity(10_000).build())) {
            SyncConfig sync = serverUrl != null
                    ? SyncConfig.of(serverUrl, token)
                    : SyncConfig.of(receiver.baseUrl().toString(), "ic_demo_default")
                            .withTokenForAgent(agent -> "ic_demo_" + agent);
            sync = sync.withInterval(Duration.ofSeconds(1)).withBatchThreshold(100).withTimeout(Duration.ofSeconds(5))
                    .withShutdownHook(keepRunning); // Ctrl-C on a kept-alive demo still flushes
            out.printf("iron-analytics demo: %d agents, %d requests/s for %s, syncing to %s%n", agents, rate,
                    human(duration), serverUrl != null ? serverUrl : receiver.baseUrl() + " (embedded receiver)");
            SyncResult result;
            try (SyncHandle handle = Analytics.newSyncClient(store, sync).start()) {
                runWorkload(store, out);
                if (keepRunning) {
                    // Store, Sync bean and recording stay live until the process is stopped.
                    keepAlive(out, store, recording);
                }
                result = handle.stop(Duration.ofSeconds(15));
            }
            ComputedStats stats = store.stats();
            EventAccounting acc = store.accounting();
            UsageReport report = UsageReport.of(stats)
                    .with("events recorded", acc.recorded())
                    .with("events dropped", acc.dropped())
                    .with("sync delivered", result.delivered())
                    .with("sync duplicates", result.duplicates())
                    .with("sync rejected", result.rejected())
                    .with("sync remaining", result.remaining());
            if (receiver != null) {
                report = report.with("receiver accepted", receiver.accepted())
                        .with("receiver duplicates", receiver.duplicates())
                        .with("receiver rejected", receiver.rejected())
                        .with("receiver cost", UsageReport.usd(receiver.costMicros()));
            }
            if (recording != null) {
                recording.stop();
                report = report.with("jfr recording", jfr.toAbsolutePath());
            }
            out.println();
            report.print(out, format);
        }
        return 0;
    }

    private void validate() {
        if (agents < 1 || agents > 1_000) {
            throw new CliException("--agents must be 1 to 1000 but was " + agents);
        }
        if (rate < 1 || rate > 1_000_000) {
            throw new CliException("--rate must be 1 to 1000000 requests/s but was " + rate);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new CliException("--duration must be positive but was " + duration);
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new CliException("--failure-rate must be between 0 and 1 but was " + failureRate);
        }
        UsageReport.checkFormat(format);
        if (serverUrl != null && (token == null || token.isBlank())) {
            throw new CliException("--server-url needs --token (or the IC_TOKEN environment variable)");
        }
    }

    private Set<String> agentTokens() {
        Set<String> tokens = new HashSet<>();
        tokens.add("ic_demo_default");
        for (int i = 1; i <= agents; i++) {
            tokens.add("ic_demo_" + agentName(i));
        }
        return tokens;
    }

    private static String agentName(int i) {
        return "agent-" + i;
    }

    private void runWorkload(EventStore store, PrintWriter out) throws InterruptedException {
        Workload workload = new Workload(failureRate);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * agents / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(agents);
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            String agent = agentName(i);
            SplittableRandom rnd = new SplittableRandom(seed * 31 + i);
            threads.add(Thread.ofVirtual().name("demo-" + agent).start(() -> {
                try {
                    for (long next = System.nanoTime(); next < end; next += intervalNanos) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait); // pacing the simulated traffic
                        }
                        workload.recordOne(store, agent, rnd);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        boolean tty = System.console() != null;
        while (!done.await(tty ? 250 : 1_000, TimeUnit.MILLISECONDS)) {
            progress(out, store, start, tty);
        }
        progress(out, store, start, tty);
        if (tty) {
            out.println();
        }
    }

    private static void progress(PrintWriter out, EventStore store, long start, boolean tty) {
        EventAccounting a = store.accounting();
        String line = String.format("  %5.1fs  events %,9d  cost %s  delivered %,9d  dropped %,d",
                (System.nanoTime() - start) / 1e9, a.recorded(), UsageReport.usd(store.stats().totalCostMicros()),
                a.delivered(), a.dropped());
        if (tty) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    static Recording startRecording(Path file) throws IOException {
        Configuration config;
        try (InputStream in = DemoCommand.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new CliException("the JFR template " + TEMPLATE + " is missing from the tool's jar");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                config = Configuration.create(r);
            }
        } catch (ParseException e) {
            throw new CliException("the JFR template " + TEMPLATE + " does not parse: " + e.getMessage(), e);
        }
        Recording recording = new Recording(config);
        recording.setName("iron-analytics demo");
        recording.setDestination(file.toAbsolutePath());
        recording.start();
        return recording;
    }

    private void keepAlive(PrintWriter out, EventStore store, Recording recording) throws InterruptedException {
        out.println();
        out.println("Workload done; staying alive for JConsole/JMC (Ctrl-C to quit).");
        out.println("  process id: " + ProcessHandle.current().pid() + "   (jconsole " + ProcessHandle.current().pid() + ")");
        out.println("  MBeans:     io.ironcage.analytics:type=EventStore,name=" + store.name());
        out.println("              io.ironcage.analytics:type=Sync,name=" + store.name());
        out.println("  JVM:        " + ManagementFactory.getRuntimeMXBean().getVmName());
        if (recording != null) {
            out.println("  JFR:        recording to " + jfr.toAbsolutePath() + " (jcmd " + ProcessHandle.current().pid()
                    + " JFR.dump name=" + recording.getId() + " to write it now)");
        }
        out.flush();
        new CountDownLatch(1).await();
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
