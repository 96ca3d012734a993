package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.EventPayload;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claims across stripes with extreme timestamps: the sync client picks the stripe whose head is
 * oldest, and record(AnalyticsEvent) accepts any timestamp, so a head dated Long.MAX_VALUE or in
 * the future must neither hide nor starve the events behind it.
 */
class StripedClaimTest {

    /** An LLM payload built by the store itself, reused for events with chosen timestamps. */
    private static EventPayload llmPayload() {
        DefaultEventStore scratch = Stores.store(4);
        scratch.recordLlmCompleted(TestPricing.GPT_4O.model(), 1, 1, null, null);
        return scratch.drainAll().get(0).payload();
    }

    private static AnalyticsEvent event(long timestampMs, EventPayload payload) {
        return AnalyticsEvent.of(EventId.random(), timestampMs, null, payload);
    }

    /**
     * A head dated Long.MAX_VALUE is still claimed (the first striped version started from
     * Long.MAX_VALUE with a strict comparison and returned null while the event was buffered).
     */
    @Test
    void anEventDatedLongMaxValueIsStillClaimed() {
        DefaultEventStore store = Stores.store(16);
        store.record(event(Long.MAX_VALUE, llmPayload()));
        assertEquals(1, store.bufferedForSync(), "one LLM event buffered");
        assertNotNull(store.claimForSync(), "claimForSync() must take the buffered LLM event");
    }

    /**
     * The documented claim order for a caller's future timestamp: a head dated in the future counts
     * as "now", so it and the events behind it in its stripe wait only for events older than now
     * elsewhere; nothing is lost, and the stripe's own order is kept.
     */
    @Test
    void aFutureDatedHeadWaitsOnlyForOlderEventsAndKeepsItsStripeOrder() throws Exception {
        DefaultEventStore store = Stores.store(64);
        int mask = stripes(store) - 1;
        EventPayload payload = llmPayload();
        long now = System.currentTimeMillis();
        AnalyticsEvent f = event(now + 3_600_000, payload);
        AnalyticsEvent e = event(now - 1_000, payload);
        Thread t = Thread.ofPlatform().unstarted(() -> {
            store.record(f);
            store.record(e);
        });
        t.start();
        t.join();
        List<AnalyticsEvent> older = new ArrayList<>();
        Thread u = otherStripe(t, mask, () -> {
            for (int i = 0; i < 10; i++) {
                AnalyticsEvent g = event(now - 500 + i, payload); // older than now, newer than E
                older.add(g);
                store.record(g);
            }
        });
        u.start();
        u.join();
        List<AnalyticsEvent> claims = new ArrayList<>();
        for (AnalyticsEvent c; (c = store.claimForSync()) != null; ) {
            claims.add(c);
        }
        List<AnalyticsEvent> expected = new ArrayList<>(older);
        expected.add(f);
        expected.add(e);
        assertEquals(expected, claims, "the older events first, then F (as now), then E behind it in its stripe");
        assertEquals(0, store.unsyncedCount() - store.ledger().inFlight(), "nothing left buffered");
    }

    private static Thread otherStripe(Thread t, int mask, Runnable body) {
        for (int i = 0; i < 1_000; i++) {
            Thread u = Thread.ofPlatform().unstarted(body);
            if (stripe(u, mask) != stripe(t, mask)) {
                return u;
            }
        }
        throw new IllegalStateException("no thread in another stripe");
    }

    private static int indexOf(List<AnalyticsEvent> list, AnalyticsEvent e) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == e) {
                return i;
            }
        }
        return -1;
    }

    private static int stripe(Thread t, int mask) {
        long id = t.threadId();
        return (int) (id ^ (id >>> 7)) & mask;
    }

    private static int stripes(DefaultEventStore store) throws Exception {
        Field b = DefaultEventStore.class.getDeclaredField("buffer");
        b.setAccessible(true);
        Field l = EventBuffer.class.getDeclaredField("llm");
        l.setAccessible(true);
        return ((Object[]) l.get(b.get(store))).length;
    }
}
