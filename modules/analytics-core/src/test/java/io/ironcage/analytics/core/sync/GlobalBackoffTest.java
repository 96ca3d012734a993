package io.ironcage.analytics.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The global back-off alone: schedule, jitter bounds, the single probe, hints; no clock, no thread. */
class GlobalBackoffTest {
    private static final long MS = 1_000_000L;
    /** 20 ms doubling to 200 ms. */
    private static final SyncTuning TUNING = SyncFixtures.FAST;
    private static final long T0 = 5_000_000_000_000L;

    @Test
    void jitterStaysInTheUpperHalfOfEachDoublingStepUpToTheCap() {
        List<Long> bounds = new ArrayList<>();
        Backoff low = new Backoff(TUNING, bound -> {
            bounds.add(bound);
            return 0;
        });
        Backoff high = new Backoff(TUNING, bound -> bound - 1);
        long[] nominalMs = {20, 40, 80, 160, 200, 200};
        for (int i = 0; i < nominalMs.length; i++) {
            long d = nominalMs[i] * MS;
            assertEquals(d / 2, low.delayNanos(i + 1), "lowest jitter of failure " + (i + 1));
            assertEquals(d, high.delayNanos(i + 1), "highest jitter of failure " + (i + 1));
            assertEquals(d - d / 2 + 1, bounds.get(i), "the random source is asked for [0, d/2]");
        }
        assertEquals(200 * MS, high.delayNanos(Integer.MAX_VALUE), "no overflow: the cap");
    }

    @Test
    void doublesOnEachFailedProbeAndSendsOneProbeAtATime() {
        GlobalBackoff g = new GlobalBackoff(new Backoff(TUNING, bound -> 0)); // lowest jitter: d/2
        assertFalse(g.active());
        g.failed(false, -1, T0);
        assertTrue(g.active());
        assertEquals(1, g.failures());
        assertEquals(T0 + 10 * MS, g.untilNanos());
        g.failed(false, -1, T0 + MS); // sent before the back-off began: not counted again
        assertEquals(1, g.failures());
        assertEquals(T0 + 10 * MS, g.untilNanos());
        assertFalse(g.probeDue(T0 + 10 * MS - 1));
        assertTrue(g.probeDue(T0 + 10 * MS));
        g.probeSent();
        assertFalse(g.probeDue(T0 + 10 * MS), "one probe at a time");
        assertFalse(g.waiting(), "no timer while the probe is out");
        long t1 = T0 + 11 * MS;
        g.failed(true, -1, t1);
        assertEquals(2, g.failures());
        assertEquals(t1 + 20 * MS, g.untilNanos(), "doubled");
        assertTrue(g.waiting());
        g.probeSent();
        g.failed(true, -1, t1);
        assertEquals(t1 + 40 * MS, g.untilNanos(), "doubled again");
        assertFalse(g.delivered(false), "a late success of an older request does not end it");
        assertEquals(3, g.failures(), "nor reset the count");
        g.probeSent();
        assertTrue(g.delivered(true), "the probe's success ends it");
        assertFalse(g.active());
        assertEquals(0, g.failures());
    }

    @Test
    void aProbeAnsweredWithARefusalEndsTheBackoffButKeepsTheCount() {
        GlobalBackoff g = new GlobalBackoff(new Backoff(TUNING, bound -> 0));
        g.failed(false, -1, T0);
        assertFalse(g.answered(false), "only the probe's answer decides");
        g.probeSent();
        assertTrue(g.answered(true));
        assertFalse(g.active());
        assertEquals(1, g.failures());
    }

    @Test
    void aServerHintSetsTheWaitAndOnlyALongerHintExtendsIt() {
        GlobalBackoff g = new GlobalBackoff(new Backoff(TUNING, bound -> 0));
        long twoSeconds = Duration.ofSeconds(2).toNanos();
        g.failed(false, twoSeconds, T0);
        assertEquals(T0 + twoSeconds, g.untilNanos(), "the hint, not the 10 ms schedule");
        g.failed(false, Duration.ofSeconds(1).toNanos(), T0 + MS);
        assertEquals(T0 + twoSeconds, g.untilNanos(), "a shorter hint does not shorten it");
        g.failed(false, twoSeconds, T0 + 500 * MS);
        assertEquals(T0 + 500 * MS + twoSeconds, g.untilNanos(), "a longer one extends it");
        assertEquals(1, g.failures());
        assertEquals(2500, g.delayMillis(T0));
    }
}
