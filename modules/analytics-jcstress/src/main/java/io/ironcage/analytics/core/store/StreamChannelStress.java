package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

/**
 * jcstress checks of {@link StreamChannel}'s wake-up (its one waiter slot). The channels here park
 * for up to an hour per look (the production bound is 10 ms, which would hide a lost wake-up as a
 * 10 ms delay): a missed wake-up then shows as a receiver that waited its whole timeout.
 */
final class StreamChannelStress {

    private StreamChannelStress() {}

    /** Far longer than any scheduling delay: a receiver that waited this long with an event offered missed its wake-up. */
    static final Duration LOST_AFTER = Duration.ofSeconds(2);
    static final long NO_BOUND = TimeUnit.HOURS.toNanos(1);

    /** 1 if the receiver got {@code expected} before its timeout ran out, else 0. */
    static int receivedInTime(StreamChannel channel, AnalyticsEvent expected) {
        long start = System.nanoTime();
        AnalyticsEvent got;
        try {
            got = channel.poll(LOST_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        boolean inTime = System.nanoTime() - start < LOST_AFTER.toNanos();
        return got == expected && inTime ? 1 : 0;
    }

    /**
     * Property: one receiver, one offer racing its registration and re-check: the receiver always
     * gets the event without waiting out its timeout. Why: a missed Dekker hand-off leaves a
     * streamed event undelivered while its receiver sleeps.
     */
    @JCStressTest
    @Description("An offer races one receiver going to park.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the receiver got the event promptly")
    @State
    public static class OneReceiver {
        private final StreamChannel channel = new StreamChannel(4, NO_BOUND);
        private final AnalyticsEvent event = BufferStress.llm();

        @Actor
        public void receiver(II_Result r) {
            r.r1 = receivedInTime(channel, event);
        }

        @Actor
        public void recorder() {
            channel.offer(event);
        }
    }

    /**
     * Property: two receivers: a receiver parked for an event stays wakeable when another receiver
     * registers in the one waiter slot after it and then leaves (here: its short poll times out),
     * so an event offered afterwards wakes it. Why: a receiver whose registration was overwritten
     * and then cleared sleeps through the event (in production up to its 10 ms bound per event,
     * unbounded in a channel without one): the wake-up is lost.
     * <p>r1: the waiting receiver got the event in time; r2: the brief poll's result (always
     * null: it ends before the offer).
     */
    @JCStressTest
    @Description("A receiver waits; a second receiver polls briefly (overwriting the waiter slot), times out, then offers.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the waiting receiver was woken by the offer")
    @State
    public static class TwoReceivers {
        private final StreamChannel channel = new StreamChannel(4, NO_BOUND);
        private final AnalyticsEvent event = BufferStress.llm();

        @Actor
        public void waiting(II_Result r) {
            r.r1 = receivedInTime(channel, event);
        }

        @Actor
        public void brief(II_Result r) {
            try {
                r.r2 = channel.poll(Duration.ofNanos(200_000)) == null ? 0 : 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.r2 = -1;
            }
            channel.offer(event);
        }
    }
}
