package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.Assembly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores, events and checks shared by the sync tests. */
final class SyncFixtures {
    /** Back-off fast enough for tests: 20 ms doubling to 200 ms. */
    static final SyncTuning FAST = SyncTuning.DEFAULTS.withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    static final String TOKEN = "ic_test-token-7f3a9c";
    private static final AtomicInteger STORES = new AtomicInteger();

    private SyncFixtures() { }

    static DefaultEventStore store(int capacity) {
        StoreConfig config = StoreConfig.builder().name("sync-test-" + STORES.incrementAndGet()).capacity(capacity)
                .pricing(TestCatalog.INSTANCE).jmx(false).build();
        return Assembly.newStore(config, false);
    }

    /** A config for tests: long interval and high threshold unless a test asks otherwise. */
    static SyncConfig config(String baseUrl) {
        return SyncConfig.of(baseUrl, TOKEN).withInterval(Duration.ofHours(1)).withBatchThreshold(1)
                .withTimeout(Duration.ofSeconds(5)).withShutdownTimeout(Duration.ofSeconds(5));
    }

    static ActorSyncClient client(DefaultEventStore store, SyncConfig config, SyncObserver observer) {
        return (ActorSyncClient) Assembly.newSyncClient(store, config, FAST, observer);
    }

    static AnalyticsEvent completed(String agent) {
        return completed(agent, "gpt-4o-mini", "openai");
    }

    static AnalyticsEvent completed(String agent, String model, String provider) {
        return AnalyticsEvent.of(EventId.random(), System.currentTimeMillis(), agent,
                new LlmRequestCompleted(new LlmModelMeta(null, provider, model), 100, 20, 1500));
    }

    static AnalyticsEvent failed(String agent) {
        return AnalyticsEvent.of(EventId.random(), System.currentTimeMillis(), agent,
                new LlmRequestFailed(new LlmModelMeta(null, "anthropic", "claude-3-haiku"), "timeout", null));
    }

    static AnalyticsEvent routerStarted() {
        return AnalyticsEvent.of(EventId.random(), System.currentTimeMillis(), null, new RouterStarted(8080));
    }

    /** Records the events and returns their ids, as the test's own record of what went in. */
    static Set<String> record(DefaultEventStore store, List<AnalyticsEvent> events) {
        Set<String> ids = new HashSet<>();
        for (AnalyticsEvent e : events) {
            store.record(e);
            ids.add(e.eventId().toString());
        }
        return ids;
    }

    static Set<String> recordCompleted(DefaultEventStore store, int n, String agent) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            AnalyticsEvent e = completed(agent);
            store.record(e);
            ids.add(e.eventId().toString());
        }
        return ids;
    }

    static Set<String> bufferedIds(DefaultEventStore store) {
        Set<String> ids = new HashSet<>();
        for (AnalyticsEvent e : store.snapshotEvents()) {
            ids.add(e.eventId().toString());
        }
        return ids;
    }

    /**
     * Checks each term that a test can know independently and the formula itself.
     *
     * @param recorded  events the test recorded
     * @param delivered    events the server holds (by id, from the server's own records): the
     *                     accounting's first deliveries plus duplicates
     * @param buffered     events visible in the store (by id, from {@code snapshotEvents()})
     * @param evictedLocal local events evicted to make room
     */
    static EventAccounting assertConservation(DefaultEventStore store, long recorded, long delivered, long buffered,
                                              long rejected, long evictedLocal, long dropped) {
        EventAccounting a = store.accounting();
        String all = a.toString();
        assertEquals(recorded, a.recorded(), "recorded: " + all);
        assertEquals(delivered, a.delivered() + a.duplicates(), "delivered + duplicates: " + all);
        assertEquals(buffered, a.buffered(), "buffered: " + all);
        assertEquals(rejected, a.rejected(), "rejected: " + all);
        assertEquals(evictedLocal, a.evictedLocal(), "evictedLocal: " + all);
        assertEquals(dropped, a.dropped(), "dropped: " + all);
        assertEquals(0, a.inFlight(), "inFlight at rest: " + all);
        assertEquals(0, a.retrying(), "retrying at rest: " + all);
        assertEquals(a.recorded(), a.accountedFor(), "conservation: " + all);
        return a;
    }
}
