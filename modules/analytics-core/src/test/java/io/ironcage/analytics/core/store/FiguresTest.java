package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.LatencyStats;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.ModelStats;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 parts 1, 2 and 6: latency and time to first token (HdrHistogram, 3 significant
 * digits: every percentile within 0.1% of the exact value), cache, reasoning and usage-missing
 * totals, bad timing rejected, and the unpriced-model warning logged once per model.
 */
class FiguresTest {
    static {
        // The core module does not read java.logging; the test captures the JUL records of the
        // store's System.Logger through a filter (as SyncSecretsTest does).
        FiguresTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    private static final String MODEL = TestPricing.GPT_4O_MINI.model();
    // HdrHistogram with 3 significant digits: a value is kept within 1/1000 of itself (plus the
    // 1 µs unit).
    private static final double PRECISION = 0.001;

    // Strong reference: java.util.logging holds loggers weakly.
    private final Logger storeLogger = Logger.getLogger(DefaultEventStore.class.getName());

    private static LlmUsage.Builder usage(String model) {
        return LlmUsage.builder(model).inputTokens(100).outputTokens(10);
    }

    private static void assertWithin(Duration expected, Duration actual) {
        double e = expected.toNanos();
        double tolerance = e * PRECISION + 1_000; // 0.1% plus the 1 µs unit
        assertTrue(Math.abs(actual.toNanos() - e) <= tolerance, "expected " + expected + " within 0.1% but was " + actual);
    }

    @Test
    void percentilesMatchAKnownDistribution() {
        try (DefaultEventStore store = Stores.store(100)) {
            // 1..1000 ms, each once; TTFT is a tenth of each duration.
            for (int ms = 1; ms <= 1_000; ms++) {
                store.recordLlmCompleted(usage(MODEL).duration(Duration.ofMillis(ms))
                        .timeToFirstToken(Duration.ofMillis(ms).dividedBy(10)).build());
            }
            ModelStats s = store.stats().byModel().get(MODEL);
            LatencyStats l = s.latency();
            assertEquals(1_000, l.count());
            assertWithin(Duration.ofMillis(500), l.p50());
            assertWithin(Duration.ofMillis(900), l.p90());
            assertWithin(Duration.ofMillis(990), l.p99());
            assertWithin(Duration.ofMillis(1_000), l.max());
            assertWithin(Duration.ofNanos(500_500_000), l.mean());
            LatencyStats t = s.timeToFirstToken();
            assertEquals(1_000, t.count());
            assertWithin(Duration.ofMillis(50), t.p50());
            assertWithin(Duration.ofMillis(99), t.p99());
            // The provider table merges the same histogram: same figures.
            assertEquals(l, store.stats().byProvider().get("openai").latency());
            // Agents keep no distribution; a model without durations shows EMPTY.
            store.recordLlmCompleted(usage(TestPricing.GPT_4O.model()).build());
            assertEquals(LatencyStats.EMPTY, store.stats().byModel().get(TestPricing.GPT_4O.model()).latency());
        }
    }

    @Test
    void providerFiguresMergeTheDistributionsNotThePercentiles() {
        try (DefaultEventStore store = Stores.store(100)) {
            // Two openai models: 900 fast requests (10 ms) and 100 slow ones (1 s). The union's
            // p50 is 10 ms and its p99 1 s; a max of percentiles would say p50 = 1 s.
            for (int i = 0; i < 900; i++) {
                store.recordLlmCompleted(usage(MODEL).duration(Duration.ofMillis(10)).build());
            }
            for (int i = 0; i < 100; i++) {
                store.recordLlmCompleted(usage(TestPricing.GPT_4O.model()).duration(Duration.ofSeconds(1)).build());
            }
            LatencyStats p = store.stats().byProvider().get("openai").latency();
            assertEquals(1_000, p.count());
            assertWithin(Duration.ofMillis(10), p.p50());
            assertWithin(Duration.ofSeconds(1), p.p99());
            assertEquals(p, store.totals().latency());
        }
    }

    @Test
    void emptyStoreHasNoHistogramAndEmptyLatency() {
        try (DefaultEventStore store = Stores.store(100)) {
            store.recordLlmCompleted(usage(MODEL).build());
            assertEquals(LatencyStats.EMPTY, store.stats().byModel().get(MODEL).latency());
            assertTrue(!store.hasLatencyHistograms(MODEL), "no histogram made without a duration");
            store.recordLlmCompleted(usage(MODEL).timeToFirstToken(Duration.ofMillis(3)).build());
            assertTrue(store.hasLatencyHistograms(MODEL));
        }
    }

    @Test
    void badTimingIsRejectedAndNothingIsRecorded() {
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> usage(MODEL).duration(Duration.ofMillis(-5)));
        assertTrue(neg.getMessage().contains("PT-0.005S"), neg.getMessage());
        IllegalArgumentException hour = assertThrows(IllegalArgumentException.class,
                () -> usage(MODEL).timeToFirstToken(Duration.ofMinutes(61)));
        assertTrue(hour.getMessage().contains("timeToFirstToken") && hour.getMessage().contains("PT1H1M"),
                hour.getMessage());
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> usage(MODEL).duration(Duration.ofMillis(100)).timeToFirstToken(Duration.ofMillis(200)).build());
        assertTrue(longer.getMessage().contains("PT0.2S") && longer.getMessage().contains("PT0.1S"), longer.getMessage());
        // The event record checks the same, so record(event) rejects it too, before counting.
        try (DefaultEventStore store = Stores.store(100)) {
            assertThrows(IllegalArgumentException.class, () -> new LlmRequestCompleted(
                    new io.ironcage.analytics.LlmModelMeta(null, "openai", MODEL), 1, 1, 0, 0, 0, 0, true, null,
                    Duration.ofMillis(1), Duration.ofMillis(2)));
            assertEquals(0, store.stats().totalRequests());
            assertEquals(0, store.accounting().recorded());
        }
        // An hour exactly is accepted.
        assertEquals(Duration.ofHours(1), usage(MODEL).duration(Duration.ofHours(1)).build().duration());
    }

    @Test
    void cacheReasoningAndUsageMissingAreCountedPerModelProviderAndAgent() {
        try (DefaultEventStore store = Stores.store(100)) {
            store.recordLlmCompleted(LlmUsage.builder(MODEL).inputTokens(1_000).outputTokens(300).cacheReadTokens(600)
                    .cacheWriteTokens(200).cacheWrite1hTokens(50).reasoningTokens(120).agentId("a").build());
            store.recordLlmCompleted(LlmUsage.builder(MODEL).usageMissing().agentId("a").build());
            ComputedStats s = store.stats();
            for (ModelStats m : List.of(s.byModel().get(MODEL), s.byProvider().get("openai"), s.byAgent().get("a"),
                    store.totals())) {
                assertEquals(600, m.cacheReadTokens());
                assertEquals(200, m.cacheWriteTokens(), "5-minute and 1-hour writes together");
                assertEquals(120, m.reasoningTokens());
                assertEquals(1, m.usageMissing());
                assertEquals(2, m.requestCount());
            }
        }
    }

    @Test
    void fourThreadsWithDurationsWhileStatsRunsGiveExactTotals() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        try (DefaultEventStore store = Stores.store(1_000)) {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            long[] expected = new long[4]; // cacheRead, cacheWrite, reasoning, usageMissing, summed after
            List<Thread> writers = new ArrayList<>();
            long[][] sums = new long[threads][4];
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    String model = id % 2 == 0 ? MODEL : TestPricing.CLAUDE_HAIKU.model();
                    for (int i = 0; i < perThread; i++) {
                        long read = i % 7;
                        long write = i % 5;
                        long reasoning = i % 3;
                        LlmUsage.Builder b = LlmUsage.builder(model).inputTokens(20).outputTokens(5)
                                .cacheReadTokens(read).cacheWriteTokens(write).reasoningTokens(reasoning)
                                .agentId("agent-" + id)
                                .duration(Duration.ofMillis(1 + i % 100)).timeToFirstToken(Duration.ofMillis(i % 50));
                        if (i % 11 == 0) {
                            b.usageMissing();
                            sums[id][3]++;
                        }
                        store.recordLlmCompleted(b.build());
                        sums[id][0] += read;
                        sums[id][1] += write;
                        sums[id][2] += reasoning;
                    }
                }));
            }
            java.util.concurrent.atomic.AtomicReference<Throwable> readerFailure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader = Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> readerFailure.set(e)).start(() -> {
                while (!done.get()) {
                    ComputedStats s = store.stats();
                    for (ModelStats m : s.byModel().values()) {
                        // weakly consistent, never broken: a summary of what was recorded so far
                        assertTrue(m.latency().count() <= (long) threads * perThread);
                        assertTrue(m.latency().p99().compareTo(Duration.ofMillis(101)) <= 0, m.latency().toString());
                    }
                }
            });
            start.countDown();
            for (Thread w : writers) {
                w.join();
            }
            done.set(true);
            reader.join();
            // stats() under concurrent recording never throws (HdrHistogram's iterators would, on
            // a live histogram) and never shows a broken summary.
            assertEquals(null, readerFailure.get());
            for (long[] s : sums) {
                for (int k = 0; k < 4; k++) {
                    expected[k] += s[k];
                }
            }
            ModelStats total = store.totals();
            long n = (long) threads * perThread;
            assertEquals(n, total.requestCount());
            assertEquals(n, total.latency().count());
            assertEquals(n, total.timeToFirstToken().count());
            assertEquals(expected[0], total.cacheReadTokens());
            assertEquals(expected[1], total.cacheWriteTokens());
            assertEquals(expected[2], total.reasoningTokens());
            assertEquals(expected[3], total.usageMissing());
            ModelStats agents = store.stats().byAgent().values().stream().reduce(ModelStats.EMPTY, ModelStats::plus);
            assertEquals(expected[0], agents.cacheReadTokens());
            assertEquals(expected[2], agents.reasoningTokens());
            // Each model: half the threads, each i % 100 + 1 ms evenly: max 100 ms.
            assertWithin(Duration.ofMillis(100), total.latency().max());
        }
    }

    @Test
    void anUnpricedModelWarnsOnceUnderFourThreads() throws Exception {
        ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
        Filter capture = r -> {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters()));
            }
            return false;
        };
        Filter previous = storeLogger.getFilter();
        storeLogger.setFilter(capture);
        try (DefaultEventStore store = Stores.store(100)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 0; i < 1_000; i++) {
                        store.recordLlmCompleted(usage(TestPricing.UNPRICED_MODEL).build());
                        store.recordLlmCompleted(usage("another-unpriced-model").build());
                        store.recordLlmCompleted(usage(MODEL).build()); // priced: never warns
                    }
                }));
            }
            start.countDown();
            for (Thread w : writers) {
                w.join();
            }
            // The event path through record(event) shares the model's flag: no second warning.
            AnalyticsEvent copy = AnalyticsEvent.of(store.snapshotEvents().stream()
                    .filter(e -> e.payload() instanceof LlmRequestCompleted c && !c.priced()).findFirst().orElseThrow().payload());
            store.record(copy);
            assertEquals(8_001, store.stats().unpricedRequests());
        } finally {
            storeLogger.setFilter(previous);
        }
        List<String> mine = warnings.stream().filter(w -> w.contains("has no price")).toList();
        assertEquals(2, mine.size(), mine.toString());
        assertEquals(1, mine.stream().filter(w -> w.contains("\"" + TestPricing.UNPRICED_MODEL + "\"")
                && w.contains(TestPricing.REVISION)).count(), mine.toString());
        assertEquals(1, mine.stream().filter(w -> w.contains("\"another-unpriced-model\"")).count(), mine.toString());
    }
}
