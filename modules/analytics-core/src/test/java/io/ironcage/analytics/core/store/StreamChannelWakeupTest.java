package io.ironcage.analytics.core.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stream channel's one waiter slot with two receivers, the schedule forced step by step (the
 * jcstress check StreamChannelStress.TwoReceivers explores the same race at random). The channel
 * parks for up to an hour per look, so a missed wake-up is a hang here, not the production 10 ms.
 */
@Timeout(30)
class StreamChannelWakeupTest {

    /**
     * Property: a receiver parked in the channel, displaced from the waiter slot by a second
     * receiver that then times out, is still woken by the next event. Why: before the fix the
     * second receiver's exit cleared the slot, so the event went unannounced and the first
     * receiver slept through it (10 ms per event in production, a lost wake-up).
     */
    @Test
    void aReceiverDisplacedFromTheWaiterSlotIsWokenByTheNextEvent() throws Exception {
        StreamChannel channel = new StreamChannel(4, TimeUnit.HOURS.toNanos(1));
        AnalyticsEvent event = AnalyticsEvent.of(EventId.random(), 1_000L, "agent",
                new LlmRequestCompleted(new LlmModelMeta(null, "openai", "gpt-4o-mini"), 100, 20, 1500));
        CompletableFuture<AnalyticsEvent> first = new CompletableFuture<>();
        Thread waiting = Thread.ofPlatform().daemon().name("waiting-receiver").start(() -> {
            try {
                first.complete(channel.poll(Duration.ofHours(1)));
            } catch (Throwable t) {
                first.completeExceptionally(t);
            }
        });
        try {
            // Step 1: the first receiver is parked in the channel (registered in the slot).
            await().atMost(Duration.ofSeconds(10)).until(() -> LockSupport.getBlocker(waiting) == channel);
            // Step 2: this thread registers after it (displacing it), parks, times out and leaves.
            assertNull(channel.poll(Duration.ofMillis(20)));
            // Step 3: an event; the first receiver must get it now, not after its hour.
            channel.offer(event);
            assertSame(event, first.get(10, TimeUnit.SECONDS));
        } finally {
            waiting.interrupt();
        }
    }
}
