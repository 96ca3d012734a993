package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.ModelPrice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A million events from four recorders into a 1,024-event buffer while a drainer empties it and a
 * marker marks what it sees. Afterwards every statistic is compared with what the recorders
 * counted themselves, and every term of the conservation formula with sets of events the test
 * collected on its own: each event carries its index in its provider id, so the test knows every
 * recorded event without asking the store.
 */
class ConcurrencyStressTest {
    private static final int RECORDERS = 4;
    private static final int PER_RECORDER = 250_000;
    private static final int TOTAL = RECORDERS * PER_RECORDER;
    private static final int CAPACITY = 1_024;
    private static final int AGENTS = 5;
    private static final TestPricing PRICING = TestPricing.standard();
    /** 24 models: the six in the test table and 18 it does not price. */
    private static final String[] MODELS = models();

    private static String[] models() {
        List<String> m = new ArrayList<>(List.of("gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet-20241022",
                "claude-3-haiku-20240307", "acme-hosted-sonnet", "gpt-custom-finetune"));
        for (int i = 0; i < 18; i++) {
            m.add(String.format("model-%02d", i));
        }
        return m.toArray(String[]::new);
    }

    private static Provider providerOf(String model) {
        Provider table = PRICING.find(model).map(ModelPrice::provider).orElse(Provider.UNKNOWN);
        return table != Provider.UNKNOWN ? table : Provider.infer(model);
    }

    private static String tag(int index) {
        return "p" + index;
    }

    private static int index(AnalyticsEvent e) {
        LlmModelMeta meta = switch (e.payload()) {
            case LlmRequestCompleted c -> c.meta();
            case LlmRequestFailed f -> f.meta();
            default -> throw new AssertionError("unexpected event " + e);
        };
        return Integer.parseInt(meta.providerId().substring(1));
    }

    /** What one recorder recorded, per model and per agent, counted by the recorder itself. */
    private static final class Tally {
        final ModelStats[] byModel = new ModelStats[MODELS.length];
        final ModelStats[] byAgent = new ModelStats[AGENTS];

        Tally() {
            java.util.Arrays.fill(byModel, ModelStats.EMPTY);
            java.util.Arrays.fill(byAgent, ModelStats.EMPTY);
        }

        void add(int model, int agent, ModelStats s) {
            byModel[model] = byModel[model].plus(s);
            if (agent >= 0) {
                byAgent[agent] = byAgent[agent].plus(s);
            }
        }
    }

    private static Tally record(DefaultEventStore store, int recorder) {
        Tally t = new Tally();
        for (int seq = 0; seq < PER_RECORDER; seq++) {
            int index = recorder * PER_RECORDER + seq;
            int m = (seq * 7 + recorder) % MODELS.length;
            String model = MODELS[m];
            int agent = seq % 3 == 0 ? -1 : seq % AGENTS;
            String agentId = agent < 0 ? null : "agent-" + agent;
            long in = seq % 1_000;
            long out = seq % 97;
            switch (seq % 10) {
                case 0, 7 -> {
                    store.recordLlmFailed(model, agentId, tag(index), "e" + (seq % 4), null);
                    t.add(m, agent, new ModelStats(1, 1, 0, 0, 0, 0));
                }
                case 5 -> {
                    // Low level: counted as given, cost and provider included.
                    long cost = in + out;
                    store.record(AnalyticsEvent.of(EventId.random(), System.currentTimeMillis(), agentId,
                            new LlmRequestCompleted(LlmModelMeta.of(tag(index), providerOf(model), model), in, out,
                                    cost)));
                    t.add(m, agent, new ModelStats(1, 0, in, out, cost, 0));
                }
                default -> {
                    store.recordLlmCompleted(model, in, out, agentId, tag(index));
                    ModelPrice p = PRICING.find(model).orElse(null);
                    long cost = p == null ? 0 : ((TestPricing.Price) p).cost(in, out);
                    t.add(m, agent, new ModelStats(1, 0, in, out, cost, p == null ? 1 : 0));
                }
            }
        }
        return t;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionEventsAddUpExactly() throws Exception {
        DefaultEventStore store = Stores.store(CAPACITY);
        AtomicBoolean recordingDone = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RECORDERS + 2);
        try {
            List<Future<Tally>> recorders = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int recorder = r;
                recorders.add(pool.submit(() -> {
                    start.await();
                    return record(store, recorder);
                }));
            }

            // The drainer: takes whatever is buffered, over and over; an event taken twice is an error.
            Future<BitSet> drainer = pool.submit(() -> {
                BitSet drained = new BitSet(TOTAL);
                Set<EventId> ids = new HashSet<>();
                start.await();
                // No final pass: what the recorders add after the last drain stays buffered.
                while (!recordingDone.get()) {
                    for (AnalyticsEvent e : store.drainAll()) {
                        int i = index(e);
                        assertFalse(drained.get(i), "drained twice: " + i);
                        assertFalse(e.isSynced(), "a drained event is not a marked one: " + i);
                        assertTrue(ids.add(e.eventId()), "duplicate event id " + e.eventId());
                        drained.set(i);
                    }
                    Thread.yield();
                }
                return drained;
            });

            // The marker: now and then marks every third event it sees; keeps the objects it named.
            Future<List<AnalyticsEvent>> marker = pool.submit(() -> {
                List<AnalyticsEvent> named = new ArrayList<>();
                start.await();
                int round = 0;
                while (!recordingDone.get()) {
                    if (round++ % 4 == 0) {
                        List<AnalyticsEvent> visible = store.unsyncedEvents();
                        List<EventId> ids = new ArrayList<>();
                        for (int i = 0; i < visible.size(); i += 3) {
                            named.add(visible.get(i));
                            ids.add(visible.get(i).eventId());
                        }
                        store.markSynced(ids);
                    }
                    Thread.yield();
                }
                return named;
            });

            long t0 = System.nanoTime();
            start.countDown();
            List<Tally> tallies = new ArrayList<>();
            for (Future<Tally> f : recorders) {
                tallies.add(f.get(45, TimeUnit.SECONDS));
            }
            recordingDone.set(true);
            BitSet drained = drainer.get(10, TimeUnit.SECONDS);
            List<AnalyticsEvent> named = marker.get(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            // ------------------------------------------------ statistics, against the recorders' own counts
            Map<String, ModelStats> expectedModels = new HashMap<>();
            Map<String, ModelStats> expectedProviders = new HashMap<>();
            Map<String, ModelStats> expectedAgents = new HashMap<>();
            ModelStats expectedTotal = ModelStats.EMPTY;
            for (Tally t : tallies) {
                for (int m = 0; m < MODELS.length; m++) {
                    expectedModels.merge(MODELS[m], t.byModel[m], ModelStats::plus);
                    expectedProviders.merge(providerOf(MODELS[m]).wireName(), t.byModel[m], ModelStats::plus);
                    expectedTotal = expectedTotal.plus(t.byModel[m]);
                }
                for (int a = 0; a < AGENTS; a++) {
                    expectedAgents.merge("agent-" + a, t.byAgent[a], ModelStats::plus);
                }
            }
            ComputedStats s = store.stats();
            assertEquals(TOTAL, expectedTotal.requestCount());
            assertEquals(expectedTotal, new ModelStats(s.totalRequests(), s.failedRequests(), s.totalInputTokens(),
                    s.totalOutputTokens(), s.totalCostMicros(), s.unpricedRequests()));
            assertEquals(expectedModels, s.byModel());
            assertEquals(expectedProviders, s.byProvider());
            assertEquals(expectedAgents, s.byAgent());

            // ------------------------------------------------ conservation, against the test's own sets
            BitSet buffered = new BitSet(TOTAL);
            List<AnalyticsEvent> left = store.snapshotEvents();
            for (AnalyticsEvent e : left) {
                int i = index(e);
                assertFalse(buffered.get(i), "buffered twice: " + i);
                buffered.set(i);
            }
            BitSet marked = new BitSet(TOTAL);     // named, and the store flipped that very object to synced
            BitSet namedNotSeenElsewhere = new BitSet(TOTAL);
            for (AnalyticsEvent e : named) {
                int i = index(e);
                if (e.isSynced()) {
                    marked.set(i);
                }
                if (!drained.get(i) && !buffered.get(i)) {
                    namedNotSeenElsewhere.set(i);
                }
            }
            assertFalse(marked.intersects(drained), "an event was both marked and drained");
            assertFalse(marked.intersects(buffered), "a marked event is still visible");
            assertFalse(drained.intersects(buffered), "a drained event is still visible");
            // A named event that never came out of a drain and is not buffered was marked, unless it
            // was lost while an offer evicted the head of a full queue (then it is a counted drop).
            BitSet namedButNotMarked = (BitSet) namedNotSeenElsewhere.clone();
            namedButNotMarked.andNot(marked);

            BitSet accountedFor = new BitSet(TOTAL);
            accountedFor.or(drained);
            accountedFor.or(marked);
            accountedFor.or(buffered);
            long droppedByIds = TOTAL - accountedFor.cardinality();

            EventAccounting a = store.accounting();
            assertEquals(TOTAL, a.recorded());
            assertEquals(drained.cardinality(), a.drained(), "drained");
            assertEquals(marked.cardinality(), a.markedSynced(), "markedSynced");
            assertEquals(buffered.cardinality(), a.buffered(), "buffered");
            assertEquals(left.size(), store.size());
            assertEquals(droppedByIds, a.dropped(), "dropped");
            assertEquals(droppedByIds, store.droppedCount());
            assertEquals(0, a.inFlight() + a.retrying() + a.delivered() + a.duplicates() + a.rejected()
                    + a.evictedLocal());
            assertTrue(a.balanced(), a.toString());
            assertEquals(buffered.cardinality(), store.unsyncedCount());

            // The run must have exercised every path, or it proves little.
            assertTrue(a.drained() > 0 && a.markedSynced() > 0 && a.dropped() > 0, a.toString());
            assertTrue(namedButNotMarked.cardinality() <= a.dropped());
            System.out.printf("stress: %,d events in %d ms; drained %,d, marked %,d (named %,d, of which %d lost"
                            + " to eviction), buffered %,d, dropped %,d%n", TOTAL, took.toMillis(), a.drained(),
                    a.markedSynced(), named.size(), namedButNotMarked.cardinality(), a.buffered(), a.dropped());
        } finally {
            pool.shutdownNow();
        }
    }
}
