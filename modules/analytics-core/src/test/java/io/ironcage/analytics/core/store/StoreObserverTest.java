package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store's observer seam: what the store tells its observer, and when (the contract JFR and
 * JMX rely on, documented on {@link StoreObserver}).
 */
class StoreObserverTest {

    /** Writes down every call, with the event's payload type. */
    private static final class Log implements StoreObserver {
        final List<String> calls;
        final String tag;

        Log(String tag) {
            this(tag, Collections.synchronizedList(new ArrayList<>()));
        }

        Log(String tag, List<String> calls) {
            this.tag = tag;
            this.calls = calls;
        }

        @Override
        public void recorded(AnalyticsEvent event) {
            calls.add(tag + "recorded " + event.payload().getClass().getSimpleName());
        }

        @Override
        public void dropped() {
            calls.add(tag + "dropped");
        }

        @Override
        public void budgetThreshold(AnalyticsEvent event, BudgetThresholdReached payload) {
            calls.add(tag + "budget " + payload.thresholdPercent());
        }

        @Override
        public void closed() {
            calls.add(tag + "closed");
        }
    }

    private static DefaultEventStore storeWith(int capacity, StoreObserver observer) {
        return new DefaultEventStore(Stores.config().capacity(capacity).pricing(TestPricing.standard()).build(),
                store -> observer);
    }

    @Test
    void everyEventIsRecordedDropsAndBudgetEventsAreToldAndCloseOnce() {
        Log log = new Log("");
        DefaultEventStore store = storeWith(1, log);
        store.recordRouterStarted(8080);                      // buffered
        store.recordBudgetThreshold(50, 5, 10, null);         // evicts the local router event
        store.recordLlmCompleted("gpt-4o", 1, 1, null, null); // evicts the budget event
        store.recordLlmFailed("gpt-4o", null, null, "x", "y"); // buffer full of LLM events: dropped
        store.record(AnalyticsEvent.of(EventId.random(), 1L, null, new BudgetThresholdReached(80, 8, 10)));
        store.close();
        store.close();
        assertEquals(List.of("recorded RouterStarted", "recorded BudgetThresholdReached", "budget 50",
                "recorded LlmRequestCompleted", "recorded LlmRequestFailed", "dropped",
                "recorded BudgetThresholdReached", "dropped", "budget 80", "closed"), log.calls);
    }

    @Test
    void aCompositeTellsEachInOrderAndFindsEachPart() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Log a = new Log("a:", calls);
        Log b = new Log("b:", calls);
        Log c = new Log("c:", calls);
        assertSame(StoreObserver.NONE, StoreObserver.of());
        assertSame(a, StoreObserver.of(a));
        StoreObserver pair = StoreObserver.of(new StoreObserver() { }, a);
        assertSame(a, pair.find(Log.class), "find looks into the parts");
        assertNull(pair.find(String.class));

        DefaultEventStore store = storeWith(10, StoreObserver.of(a, b, c));
        store.recordRouterStarted(1);
        store.recordBudgetThreshold(90, 9, 10, null);
        store.close();
        assertEquals(List.of("a:recorded RouterStarted", "b:recorded RouterStarted", "c:recorded RouterStarted",
                "a:recorded BudgetThresholdReached", "b:recorded BudgetThresholdReached",
                "c:recorded BudgetThresholdReached", "a:budget 90", "b:budget 90", "c:budget 90",
                "a:closed", "b:closed", "c:closed"), calls);
        assertSame(a, store.observer(Log.class));
    }
}
