package io.ironcage.analytics.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sync delivery end to end: the sync client ({@code Analytics.newSyncClient}) posting every event
 * to a JDK {@link HttpServer} on 127.0.0.1 that answers 202 at once. One invocation records
 * {@value #EVENTS} events and waits until the store's accounting shows them all delivered, so the
 * score, in ops/s, is delivered events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class SyncBenchmarks {
    /** Events per invocation. */
    static final int EVENTS = 1000;

    /** HTTP requests the client may have in flight at once. */
    @Param({"1", "4"})
    public int maxInFlight;

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicLong received = new AtomicLong();
    private EventStore store;
    private SyncHandle sync;
    private Workload work;
    /** Held so that the level sticks: java.util.logging keeps loggers weakly. */
    private static final java.util.logging.Logger SYNC_LOG = java.util.logging.Logger.getLogger("io.ironcage.analytics");

    /** Server, store and a started sync client with a batch threshold of 1 (every event wakes it). */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SYNC_LOG.setLevel(java.util.logging.Level.WARNING); // the client's start/stop lines would interleave with JMH's
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(serverThreads);
        server.createContext("/", this::accept);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        store = Analytics.newStore(StoreConfig.builder().name("bench-sync").build());
        SyncConfig config = SyncConfig.of(url, "ic_bench_token").withMaxInFlight(maxInFlight).withBatchThreshold(1);
        sync = Analytics.newSyncClient(store, config).start();
        work = Workload.over(Workload.MODELS, 3);
    }

    private void accept(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        received.incrementAndGet();
        ex.sendResponseHeaders(202, -1);
        ex.close();
    }

    /** Stops the client and the server; every event must have been delivered, none dropped. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sync.stop(Duration.ofSeconds(10));
        long dropped = store.droppedCount();
        long rejected = store.accounting().rejected();
        store.close();
        server.stop(0);
        serverThreads.close();
        if (dropped != 0 || rejected != 0) {
            throw new IllegalStateException("dropped " + dropped + ", rejected " + rejected);
        }
    }

    // Measures delivered events per second: records EVENTS events, then waits (parked) until the server has 202-ed them all.
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(EVENTS)
    public long deliver() {
        long target = store.accounting().delivered() + EVENTS;
        for (int k = 0; k < EVENTS; k++) {
            work.record(store, k & Workload.MASK);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long delivered;
        while ((delivered = store.accounting().delivered()) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (delivered - target + EVENTS) + " of " + EVENTS
                        + " events delivered in 60 s; server saw " + received.get());
            }
            LockSupport.parkNanos(100_000);
        }
        return delivered;
    }
}
