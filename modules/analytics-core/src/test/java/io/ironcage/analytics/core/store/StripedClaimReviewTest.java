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
 * Review of "Buffer: LLM events in per-thread stripes": pollLlm chooses a stripe by its head's
 * timestamp, so a head with an extreme (or future) timestamp hides or starves the events behind it.
 * record(AnalyticsEvent) accepts any timestamp (no validation), so these heads are reachable
 * through the public API.
 */
class StripedClaimReviewTest {

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
     * pollLlm starts from oldestMs = Long.MAX_VALUE and compares with '<': a head whose timestamp
     * is Long.MAX_VALUE is never chosen, so claimForSync() returns null while the event is
     * buffered (bufferedForSync() == 1). With one queue it was claimed.
     */
    @Test
    void claimForSyncReturnsNullWhileAnLlmEventIsBuffered() {
        DefaultEventStore store = Stores.store(16);
        store.record(event(Long.MAX_VALUE, llmPayload()));
        assertEquals(1, store.bufferedForSync(), "one LLM event buffered");
        assertNotNull(store.claimForSync(), "claimForSync() must take the buffered LLM event");
    }

    /**
     * Head-of-line blocking: thread T records F (dated one hour ahead, e.g. an imported event from
     * a skewed clock) then E; thread U (another stripe) then records G. E is older than G and was
     * buffered before it, yet claims take G (and every later event of other stripes) before E,
     * because E sits behind F in T's stripe. With one queue (FIFO) E came before G.
     */
    @Test
    void aFutureDatedHeadStarvesOlderEventsBehindItInItsStripe() throws Exception {
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
        List<AnalyticsEvent> later = new ArrayList<>();
        Thread u = otherStripe(t, mask, () -> {
            for (int i = 0; i < 10; i++) {
                AnalyticsEvent g = event(System.currentTimeMillis(), payload);
                later.add(g);
                store.record(g);
            }
        });
        u.start();
        u.join();
        assertEquals(10, later.size(), "U recorded its events in another stripe");
        List<AnalyticsEvent> claims = new ArrayList<>();
        for (AnalyticsEvent c; (c = store.claimForSync()) != null; ) {
            claims.add(c);
        }
        assertEquals(12, claims.size());
        int ie = indexOf(claims, e);
        int ig = indexOf(claims, later.get(0));
        assertTrue(ie < ig, "E (older, buffered first) was claimed at " + ie + ", after G at " + ig
                + " and every other newer event: claim order " + claims.stream().map(AnalyticsEvent::timestampMs).toList());
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
