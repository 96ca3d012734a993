package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.core.sync.SyncMonitoring;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.jmx.SyncMBeans;
import io.ironcage.analytics.core.jmx.TinyPricing;
import io.ironcage.analytics.core.jmx.Workload;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.SyncAttempt;
import io.ironcage.analytics.core.sync.SyncState;
import io.ironcage.analytics.core.sync.SyncStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording with the project's template, a known workload, the dump read back with
 * {@link jdk.jfr.consumer.RecordingFile}: every event kind is there, with the right fields.
 */
class JfrEventsTest {
    @TempDir
    Path dir;

    @Test
    void everyEventKindWithItsFields() throws Exception {
        String name = Workload.uniqueName("jfr");
        try (Recording r = Recordings.withTemplate()) {
            r.start();
            try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name).capacity(4).jmx(false))) {
                // 7 events into a buffer of 4: the 4 LLM events fill it, so the 3 local events drop
                // (a local event would be evicted for a newer one, but here none is buffered)
                Workload.record(store);
                try (SyncMonitoring.Monitor sync = SyncMonitoring.of(SyncRecorder.MONITORING, SyncMBeans.MONITORING)
                        .open(new SyncMonitoring.Run(store, () -> SyncStatus.stopped(0), () -> { }))) {
                    sync.stateChanged(SyncState.RUNNING, SyncState.BACKING_OFF, "HTTP 503");
                    sync.attempt(new SyncAttempt(503, Duration.ofMillis(7), SyncAttempt.Outcome.RETRY, false, "HTTP 503"));
                    sync.attempt(new SyncAttempt(202, Duration.ofMillis(12), SyncAttempt.Outcome.DELIVERED, true, null));
                }
                ComputedStats stats = store.stats();
                Map<String, AnalyticsEvent> buffered = store.snapshotEvents().stream()
                        .collect(Collectors.toMap(e -> e.eventId().value().toString(), Function.identity()));

                // The periodic statistics event at rest, and the second drop flushed (at most one a second).
                List<RecordedEvent> events = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Recordings.dump(r, dir, name), ev ->
                                Recordings.of(ev, "StoreStatistics").stream()
                                        .anyMatch(e -> e.getLong("totalRequests") == 4 && e.getLong("dropped") == 3)
                                && Recordings.of(ev, "EventsDropped").stream().mapToLong(e -> e.getLong("count")).sum() == 3);

                for (RecordedEvent e : events) {
                    assertNull(e.getStackTrace(), "no stack traces: " + e.getEventType().getName());
                    assertEquals(List.of("Iron Cage", "Analytics"), e.getEventType().getCategoryNames().subList(0, 2));
                }

                List<RecordedEvent> completed = Recordings.of(events, "LlmRequestCompleted");
                assertEquals(3, completed.size());
                Map<String, RecordedEvent> byModel = completed.stream()
                        .collect(Collectors.toMap(e -> e.getString("model"), Function.identity()));
                RecordedEvent a = byModel.get(TinyPricing.MODEL_A);
                assertEquals("openai", a.getString("provider"));
                assertEquals("agent-1", a.getString("agent"));
                assertEquals("ip-openai-1", a.getString("providerId"));
                assertEquals(1_000, a.getLong("inputTokens"));
                assertEquals(200, a.getLong("outputTokens"));
                assertEquals(TinyPricing.cost(TinyPricing.MODEL_A, 1_000, 200), a.getLong("costMicros"));
                assertTrue(a.getBoolean("priced"));
                assertEquals(TinyPricing.REVISION, a.getString("pricingRevision"));
                assertTrue(buffered.containsKey(a.getString("eventId")), "eventId is the analytics event's id");
                RecordedEvent b = byModel.get(TinyPricing.MODEL_B);
                assertEquals("anthropic", b.getString("provider"));
                assertEquals("agent-2", b.getString("agent"));
                assertNull(b.getString("providerId"));
                assertEquals(500, b.getLong("inputTokens"));
                assertEquals(100, b.getLong("outputTokens"));
                assertEquals(300, b.getLong("cacheReadTokens"));
                assertEquals(50, b.getLong("cacheWriteTokens"));
                assertEquals(40, b.getLong("reasoningTokens"));
                assertEquals(TinyPricing.cost(TinyPricing.MODEL_B, 500, 100), b.getLong("costMicros"));
                RecordedEvent u = byModel.get(TinyPricing.UNPRICED);
                assertFalse(u.getBoolean("priced"));
                assertEquals(0, u.getLong("costMicros"));
                assertNull(u.getString("pricingRevision"));
                assertNull(u.getString("agent"));

                RecordedEvent failed = single(events, "LlmRequestFailed");
                assertEquals(TinyPricing.MODEL_A, failed.getString("model"));
                assertEquals("openai", failed.getString("provider"));
                assertEquals("agent-1", failed.getString("agent"));
                assertEquals("rate_limit_exceeded", failed.getString("errorCode"));
                assertEquals("slow down", failed.getString("errorMessage"));

                RecordedEvent budget = single(events, "BudgetThresholdReached");
                assertEquals(80, budget.getInt("thresholdPercent"));
                assertEquals(8_000_000, budget.getLong("currentSpendMicros"));
                assertEquals(10_000_000, budget.getLong("budgetMicros"));
                assertEquals("agent-1", budget.getString("agent"));

                assertEquals(8080, single(events, "RouterStarted").getInt("port"));
                RecordedEvent stopped = single(events, "RouterStopped");
                assertEquals(4, stopped.getLong("totalRequests"));
                assertEquals(stats.totalCostMicros(), stopped.getLong("totalCostMicros"));

                List<RecordedEvent> drops = Recordings.of(events, "EventsDropped");
                assertEquals(2, drops.size(), "the first drop at once, the second held back a second: " + drops);
                assertEquals(1, drops.get(0).getLong("count"));
                assertEquals(4, drops.get(0).getInt("bufferCapacity"));
                assertTrue(Duration.between(drops.get(0).getStartTime(), drops.get(1).getStartTime())
                        .compareTo(Duration.ofMillis(990)) >= 0, "at most one EventsDropped a second");
                assertEquals(2, drops.get(1).getLong("count"));
                assertEquals(3, drops.get(1).getLong("totalDropped"));

                RecordedEvent st = Recordings.of(events, "StoreStatistics").stream()
                        .filter(e -> e.getLong("totalRequests") == 4 && e.getLong("dropped") == 3).findFirst().orElseThrow();
                assertEquals(stats.failedRequests(), st.getLong("failedRequests"));
                assertEquals(stats.totalInputTokens(), st.getLong("inputTokens"));
                assertEquals(stats.totalOutputTokens(), st.getLong("outputTokens"));
                assertEquals(stats.totalCostMicros(), st.getLong("totalCostMicros"));
                assertEquals(1, st.getLong("unpricedRequests"));
                assertEquals(7, st.getLong("recordedEvents"));
                assertEquals(4, st.getInt("bufferSize"));
                assertEquals(4, st.getInt("bufferCapacity"));
                assertEquals(1.0, st.getDouble("bufferFill"));
                assertEquals(4, st.getLong("unsynced"));
                assertEquals(0, st.getLong("delivered"));
                assertEquals(0, st.getLong("duplicates"));
                assertEquals(0, st.getLong("evictedLocal"));

                RecordedEvent state = single(events, "SyncStateChanged");
                assertEquals("RUNNING", state.getString("from"));
                assertEquals("BACKING_OFF", state.getString("to"));
                assertEquals("HTTP 503", state.getString("reason"));
                List<RecordedEvent> attempts = Recordings.of(events, "SyncAttempt");
                assertEquals(2, attempts.size());
                RecordedEvent retry = attempts.get(0);
                assertEquals(503, retry.getInt("statusCode"));
                assertEquals("RETRY", retry.getString("outcome"));
                assertEquals(0, retry.getInt("delivered"));
                assertEquals(Duration.ofMillis(7), retry.getDuration("requestDuration"));
                RecordedEvent ok = attempts.get(1);
                assertEquals(202, ok.getInt("statusCode"));
                assertEquals("DELIVERED", ok.getString("outcome"));
                assertTrue(ok.getBoolean("retry"));
                assertEquals(1, ok.getInt("events"));
                assertEquals(1, ok.getInt("delivered"));
                assertEquals(0, ok.getInt("duplicates"));
                assertNull(ok.getString("detail"));

                assertEquals(Set.copyOf(StoreRecorder.EVENT_CLASSES.stream()
                                .map(c -> jdk.jfr.EventType.getEventType(c).getName()).toList()),
                        events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet()),
                        "every kind of event was recorded");
            }
        }
    }

    /** Drops in a burst: at most one EventsDropped a second, and together they count every drop. */
    @Test
    void dropsAreAggregated() throws Exception {
        String name = Workload.uniqueName("drops");
        try (Recording r = Recordings.withTemplate()) {
            r.disable(StoreRecorder.NAMESPACE + "LlmRequestFailed");
            r.start();
            // Going live registers the event types on an init thread first (so a recording thread
            // never does); drops before that instant are not in JFR by design. Aggregation is what
            // this test checks, so it starts once the hooks emit.
            await().atMost(Duration.ofSeconds(10)).until(StoreRecorder::isLive);
            Instant begin = Instant.now();
            try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name).capacity(1).jmx(false))) {
                // LLM events: a full buffer drops them (local events would evict each other instead).
                for (int i = 0; i < 50_000; i++) {
                    store.recordLlmFailed(TinyPricing.MODEL_A, null, null, "timeout", null);
                }
                assertEquals(49_999, store.droppedCount());
                List<RecordedEvent> events = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Recordings.of(Recordings.dump(r, dir, name), "EventsDropped"),
                                ev -> ev.stream().mapToLong(e -> e.getLong("count")).sum() == 49_999);
                long seconds = Duration.between(begin, Instant.now()).toSeconds();
                assertTrue(events.size() <= seconds + 2, events.size() + " EventsDropped in about " + seconds + " s");
                for (int i = 1; i < events.size(); i++) {
                    assertTrue(Duration.between(events.get(i - 1).getStartTime(), events.get(i).getStartTime())
                            .compareTo(Duration.ofMillis(990)) >= 0, "at most one a second: " + events);
                }
                assertEquals(49_999, events.get(events.size() - 1).getLong("totalDropped"));
            }
        }
    }

    /** close() removes the periodic hook: a closed store has no statistics after it. */
    @Test
    void closeRemovesThePeriodicHook() throws Exception {
        String closedName = Workload.uniqueName("closed");
        String clockName = Workload.uniqueName("clock");
        try (Recording r = Recordings.withTemplate();
             DefaultEventStore clock = Workload.store(StoreConfig.builder().name(clockName).jmx(false))) {
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> StoreRecorder.isHooked(clock));
            DefaultEventStore store = Workload.store(StoreConfig.builder().name(closedName).jmx(false));
            await().atMost(Duration.ofSeconds(10)).until(() -> StoreRecorder.isHooked(store));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !Recordings.of(Recordings.dump(r, dir, closedName), "StoreStatistics").isEmpty());
            store.close();
            Instant closedAt = Instant.now();
            assertFalse(StoreRecorder.isHooked(store));
            // Two more periods of the other store, then nothing new from the closed one.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Recordings.of(Recordings.dump(r, dir, clockName), "StoreStatistics").stream()
                            .filter(e -> e.getStartTime().isAfter(closedAt)).count() >= 2);
            assertTrue(Recordings.of(Recordings.dump(r, dir, closedName), "StoreStatistics").stream()
                    .noneMatch(e -> e.getStartTime().isAfter(closedAt)), "statistics after close()");
        }
    }

    private static RecordedEvent single(List<RecordedEvent> events, String kind) {
        List<RecordedEvent> of = Recordings.of(events, kind);
        assertEquals(1, of.size(), kind + ": " + of);
        return of.get(0);
    }
}
