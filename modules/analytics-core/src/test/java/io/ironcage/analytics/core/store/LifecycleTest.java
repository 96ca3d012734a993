package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.RouterStarted;
import org.junit.jupiter.api.Test;

/** Creation through the entry point, names, close(). */
class LifecycleTest {

    @Test
    void analyticsFindsTheCoreProvider() {
        TestPricing pricing = TestPricing.standard();
        try (EventStore store = Analytics.newStore(Stores.config().name("entry-point").capacity(7).pricing(pricing)
                .build())) {
            assertInstanceOf(DefaultEventStore.class, store);
            assertEquals(7, store.capacity());
            assertEquals("entry-point", store.name());
            assertSame(pricing, store.pricing());
            store.recordLlmCompleted("claude-3-5-sonnet-20241022", 10, 2, null, null);
            assertEquals(TestPricing.CLAUDE_SONNET.cost(10, 2), store.stats().totalCostMicros());
        }
    }

    @Test
    void closeIsIdempotent() {
        DefaultEventStore store = Stores.store(10);
        assertFalse(store.isClosed());
        store.close();
        store.close();
        assertTrue(store.isClosed());
    }

    @Test
    void eventsAfterCloseAreCountedAsDropped() {
        DefaultEventStore store = Stores.store(10);
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        store.close();
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null);
        store.recordLlmFailed("gpt-4o", null, null, null, null);
        store.recordRouterStopped();
        store.record(AnalyticsEvent.of(new RouterStarted(1)));
        assertEquals(1, store.size(), "nothing is buffered after close");
        assertEquals(4, store.droppedCount());
        assertEquals(4, store.droppedWhileClosed());
        EventAccounting a = store.accounting();
        assertEquals(5, a.recorded());
        assertEquals(4, a.dropped());
        assertTrue(a.balanced(), a.toString());
        assertEquals(3, store.stats().totalRequests(), "counters still count every recorded event");
    }

    @Test
    void whatWasBufferedBeforeCloseCanStillBeDrained() {
        DefaultEventStore store = Stores.store(10);
        store.recordRouterStarted(1);
        store.recordRouterStarted(2);
        store.close();
        assertEquals(2, store.drainAll().size());
        assertTrue(store.accounting().balanced());
    }

    @Test
    void nameComesFromTheConfiguration() {
        assertEquals("default", Stores.store(10).name());
        assertEquals("billing", Stores.store(Stores.config().name("billing")).name());
        assertTrue(Stores.store(Stores.config().name("billing")).toString().contains("billing"));
    }
}
