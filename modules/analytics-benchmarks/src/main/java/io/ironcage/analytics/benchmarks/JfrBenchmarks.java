package io.ironcage.analytics.benchmarks;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recording path under Java Flight Recorder. JMH forks a JVM per parameter value, so
 * {@code off} really is a JVM in which Flight Recorder was never initialised:
 * <ul>
 *   <li>{@code off}: no JFR at all (the library's hook is one volatile read);</li>
 *   <li>{@code no-recording}: Flight Recorder initialised by a recording that was started and
 *       closed again before measuring (as after a {@code jcmd JFR.start}/{@code JFR.stop}): the hook
 *       now asks the event type whether it is enabled;</li>
 *   <li>{@code jdk-default}: a recording running with the JDK's {@code default} configuration, which
 *       does not mention the library's events, so they stay {@code @Enabled(false)};</li>
 *   <li>{@code library}: a recording running with the project's
 *       {@code jfr-templates/ironcage-analytics.jfc}, one JFR event per recorded request.</li>
 * </ul>
 * Recordings are kept in memory ({@code setToDisk(false)}): several million events per second
 * would otherwise write hundreds of MB/s to the repository. The template is read from the
 * system property {@code ironcage.jfc} if set, else from the copy embedded in the jar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class JfrBenchmarks {
    static final String COMPLETED_EVENT = "io.ironcage.analytics.LlmRequestCompleted";

    /** Which JFR situation the fork runs in. */
    @Param({"off", "no-recording", "jdk-default", "library"})
    public String jfr;

    private EventStore store;
    private Recording recording;

    /** Starts the recording the parameter asks for and checks that the library's event is (not) enabled. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, ParseException, InterruptedException {
        Workload.requirePriced(Analytics.embeddedPricing(), Workload.MODELS);
        store = Analytics.newStore(StoreConfig.builder().name("bench-jfr-" + jfr).build());
        switch (jfr) {
            case "off" -> { }
            case "no-recording" -> {
                try (Recording r = new Recording()) {
                    r.start();
                    r.stop();
                }
            }
            case "jdk-default" -> recording = start(Configuration.getConfiguration("default"));
            case "library" -> recording = start(libraryTemplate());
            default -> throw new IllegalArgumentException("unknown jfr mode " + jfr);
        }
        if (!jfr.equals("off")) {
            expectCompletedEnabled(jfr.equals("library"));
        }
    }

    /** Stops the recording and checks the drain kept up. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
        long dropped = store.droppedCount();
        store.close();
        if (dropped != 0) {
            throw new IllegalStateException(dropped + " events dropped");
        }
    }

    // Measures one recordLlmCompleted on one thread in the JFR situation of the parameter (off, no recording, JDK default recording, library events on).
    @Benchmark
    @Threads(1)
    public void recordLlmCompleted(RecordBenchmarks.Cursor c) {
        RecordBenchmarks.recordPlain(store, c);
    }

    private static Recording start(Configuration config) {
        Recording r = new Recording(config);
        r.setToDisk(false);
        r.setName("ironcage-bench");
        r.start();
        return r;
    }

    /** The project's template: {@code -Dironcage.jfc=path}, else the copy embedded in the jar. */
    static Configuration libraryTemplate() throws IOException, ParseException {
        String path = System.getProperty("ironcage.jfc");
        if (path != null) {
            return Configuration.create(Path.of(path));
        }
        try (InputStream in = JfrBenchmarks.class.getResourceAsStream("ironcage-analytics.jfc")) {
            if (in == null) {
                Path repo = Path.of("jfr-templates", "ironcage-analytics.jfc");
                if (Files.isRegularFile(repo)) {
                    return Configuration.create(repo);
                }
                throw new IOException("ironcage-analytics.jfc is neither embedded nor in ./jfr-templates; "
                        + "pass -Dironcage.jfc=<path>");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        }
    }

    /**
     * Records until the library's completed event type is registered (the library registers its
     * types on a background thread once Flight Recorder is up), then checks whether it is enabled.
     */
    private void expectCompletedEnabled(boolean expected) throws InterruptedException {
        Workload w = Workload.over(Workload.MODELS, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (int k = 0; k < Workload.SIZE; k++) {
                w.record(store, k);
            }
            store.drainAll();
            for (EventType t : FlightRecorder.getFlightRecorder().getEventTypes()) {
                if (t.getName().equals(COMPLETED_EVENT)) {
                    if (t.isEnabled() != expected) {
                        throw new IllegalStateException(COMPLETED_EVENT + " enabled=" + t.isEnabled()
                                + " under jfr=" + jfr + ", expected " + expected);
                    }
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(COMPLETED_EVENT + " never registered under jfr=" + jfr);
            }
            Thread.sleep(10);
        }
    }
}
