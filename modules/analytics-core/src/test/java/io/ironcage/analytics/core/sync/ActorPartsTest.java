package io.ironcage.analytics.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The actor's small parts: back-off, rate limit, mailbox wake-ups, threshold trigger, endpoint. */
class ActorPartsTest {

    @Test
    void backoffDoublesFromTheBaseUpToTheCapWithJitterInTheUpperHalf() {
        Backoff b = new Backoff(SyncTuning.DEFAULTS); // 500 ms base, 60 s cap
        long[] nominal = {500, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000};
        for (int i = 0; i < nominal.length; i++) {
            long d = nominal[i] * 1_000_000L;
            for (int k = 0; k < 200; k++) {
                long got = b.delayNanos(i + 1);
                assertTrue(got >= d / 2 && got <= d, "failure " + (i + 1) + ": " + got + " not in [" + d / 2 + "," + d + "]");
            }
        }
        long huge = b.delayNanos(Integer.MAX_VALUE);
        assertTrue(huge >= 30_000_000_000L && huge <= 60_000_000_000L, "no overflow: " + huge);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDatesAndIsCapped() {
        Backoff b = new Backoff(SyncTuning.DEFAULTS);
        long now = System.currentTimeMillis();
        assertEquals(1_000_000_000L, b.retryAfterNanos("1", now));
        long base = SyncTuning.DEFAULTS.backoffBase().toNanos();
        assertEquals(base, b.retryAfterNanos(" 0 ", now), "floored at the initial back-off");
        assertEquals(Duration.ofMinutes(15).toNanos(), b.retryAfterNanos("86400", now), "capped");
        assertEquals(Duration.ofMinutes(15).toNanos(), b.retryAfterNanos("99999999999999999", now));
        assertEquals(-1, b.retryAfterNanos(null, now));
        assertEquals(-1, b.retryAfterNanos("-5", now));
        assertEquals(-1, b.retryAfterNanos("soon", now));
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        long d = b.retryAfterNanos(in30s, now);
        assertTrue(d > 25_000_000_000L && d <= 31_000_000_000L, "HTTP date: " + d);
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
        assertEquals(base, b.retryAfterNanos(past, now), "a past date: floored at the initial back-off");
    }

    @Test
    void tuningIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> SyncTuning.DEFAULTS.withBackoff(Duration.ZERO,
                Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> SyncTuning.DEFAULTS.withBackoff(Duration.ofSeconds(2),
                Duration.ofSeconds(1)));
    }

    @Test
    void rateLimiterAllowsOneSecondsBurstThenSpacesEvenly() {
        long t = 1_000_000_000_000L;
        RateLimiter r = RateLimiter.perMinute(600, t); // 10/s: burst 10, then every 100 ms
        int sent = 0;
        while (r.ready(t)) {
            r.take(t);
            sent++;
        }
        assertEquals(10, sent);
        assertEquals(t + 100_000_000L, r.nextFreeNanos());
        assertFalse(r.ready(t + 99_999_999L));
        assertTrue(r.ready(t + 100_000_000L));
        r.take(t + 100_000_000L);
        assertFalse(r.ready(t + 150_000_000L));
        assertNull(RateLimiter.perMinute(0, t), "0 = no limit");
        RateLimiter slow = RateLimiter.perMinute(30, t); // one every 2 s, burst 1
        slow.take(t);
        assertFalse(slow.ready(t + 1_999_999_999L));
        assertTrue(slow.ready(t + 2_000_000_000L));
    }

    @Test
    @Timeout(20)
    void mailboxDeliversEveryMessageOnceAndWakesItsParkedConsumer() throws Exception {
        Mailbox<Integer> box = new Mailbox<>();
        int producers = 4;
        int perProducer = 50_000;
        List<Integer> got = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread consumer = Thread.ofVirtual().unstarted(() -> {
            while (got.size() < producers * perProducer) {
                Integer m = box.poll();
                if (m == null) {
                    box.awaitUntil(System.nanoTime() + TimeUnit.MINUTES.toNanos(1)); // only a post wakes it
                } else {
                    got.add(m);
                }
            }
            done.countDown();
        });
        box.owner(consumer);
        consumer.start();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    box.post(base + i);
                    if (i % 1000 == 0) {
                        Thread.yield(); // let the consumer drain and park now and then
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS), "consumer got " + got.size() + " (a lost wake-up?)");
        boolean[] seen = new boolean[producers * perProducer];
        for (int m : got) {
            assertFalse(seen[m], "twice: " + m);
            seen[m] = true;
        }
        // Per-producer FIFO.
        int[] last = new int[producers];
        java.util.Arrays.fill(last, -1);
        for (int m : got) {
            int p = m / perProducer;
            assertTrue(m > last[p], "out of order for producer " + p);
            last[p] = m;
        }
    }

    @Test
    @Timeout(10)
    void awaitUntilEndsAtItsDeadlineOrAtOnceWhenAMessageIsQueued() throws Exception {
        Mailbox<String> box = new Mailbox<>();
        Thread t = Thread.ofVirtual().unstarted(() -> {
            box.awaitUntil(System.nanoTime() + 50_000_000L); // nothing posted: the deadline ends it
            box.post("x");
            box.awaitUntil(System.nanoTime() + TimeUnit.MINUTES.toNanos(10)); // queued: returns at once
        });
        box.owner(t);
        t.start();
        assertTrue(t.join(Duration.ofSeconds(5)), "awaitUntil overslept its deadline or missed a queued message");
        assertEquals("x", box.poll());
    }

    @Test
    void thresholdTriggerPostsOneMessageUntilHandled() {
        Mailbox<Msg> box = new Mailbox<>();
        ThresholdTrigger t = new ThresholdTrigger(10, box);
        for (int size = 1; size < 10; size++) {
            t.buffered(size);
        }
        assertNull(box.poll(), "below the threshold");
        for (int i = 0; i < 1000; i++) {
            t.buffered(10 + i);
        }
        assertSame(Msg.Threshold.INSTANCE, box.poll());
        assertNull(box.poll(), "one pending at a time");
        t.handled();
        t.buffered(5);
        assertNull(box.poll());
        t.buffered(11);
        assertSame(Msg.Threshold.INSTANCE, box.poll());
    }

    @Test
    void tokenPausesHoldInOrderProbeOneAtATimeAndResume() {
        Backoff b = new Backoff(SyncFixtures.FAST);
        TokenPauses p = new TokenPauses();
        AnalyticsEvent e1 = SyncFixtures.completed("a");
        AnalyticsEvent e2 = SyncFixtures.completed("a");
        AnalyticsEvent e3 = SyncFixtures.completed("a");
        long t = 1_000_000_000_000L;
        assertFalse(p.holdIfPaused("secret-7", e1), "not paused yet");
        assertTrue(p.refused("secret-7", e1, false, t, b));
        assertTrue(p.holdIfPaused("secret-7", e2));
        assertFalse(p.refused("secret-7", e3, false, t, b), "already paused");
        assertEquals(3, p.held());
        assertFalse(p.probeDue(t), "not before its back-off ends");
        long due = p.nextProbeNanos();
        assertTrue(due - t >= 10_000_000L && due - t <= 20_000_000L, "first step of the 20 ms schedule: " + (due - t));
        var probe = p.takeProbe(due);
        assertEquals("secret-7", probe.getKey());
        assertSame(e1, probe.getValue(), "oldest first");
        assertFalse(p.probeDue(due), "one probe per token at a time");
        assertFalse(p.probePending());
        p.refused("secret-7", e1, true, due, b); // the probe failed again: e1 back in front, longer pause
        assertTrue(p.nextProbeNanos() - due >= 20_000_000L, "doubled");
        assertEquals(List.of(e1, e2, e3), p.resume("secret-7"));
        assertTrue(p.isEmpty());
        assertEquals(0, p.held());
        assertFalse(p.toString().contains("secret-7"), "never shows a token: " + p);
    }

    @Test
    void endpointIsTheIngestionPathUnderTheServerUrl() {
        assertEquals(URI.create("https://api.example.com/api/v1/analytics/events"),
                HttpSender.endpoint(URI.create("https://api.example.com")));
        assertEquals(URI.create("https://api.example.com/api/v1/analytics/events"),
                HttpSender.endpoint(URI.create("https://api.example.com/")));
        assertEquals(URI.create("http://10.0.0.1:8080/ic/api/v1/analytics/events"),
                HttpSender.endpoint(URI.create("http://10.0.0.1:8080/ic//")));
    }
}
