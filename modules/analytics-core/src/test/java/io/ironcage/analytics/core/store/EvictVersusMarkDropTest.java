package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.RouterStarted;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review (issue 11 part 7): jcstress {@code BufferStress.EvictVersusMark} declares the outcome
 * "0, 1, 0, 0" ACCEPTABLE: an LLM offer to a full buffer of 1 whose only event is a local
 * (evictable) one is dropped when a markSynced of that local event wins its state CAS and has not
 * yet freed the slot. Its justification, "dropped as if the offer came an instant earlier", does
 * not hold: an instant earlier the buffer held an evictable local event, which an LLM offer evicts
 * (accepted); an instant later the slot is free (accepted). At no instant was the buffer full of
 * LLM events, so the billable LLM event is lost for nothing: the outcome hides a lost event.
 *
 * <p>The schedule is steered: the mark's iterator is held (in the {@code ids} set's
 * {@code contains}, with the event in hand) until the evictor has polled the node; the evictor is
 * held (the buffer's own {@code evictionHook}, before its state CAS) until the mark has won the
 * event's state CAS ({@code isSynced()}). The one remaining race (the marker's slot decrement against the
 * offerer's re-reservation, a few instructions each) is repeated a bounded number of times.
 */
@Timeout(60)
class EvictVersusMarkDropTest {

    static AnalyticsEvent llm() {
        AnalyticsEvent e = AnalyticsEvent.of(EventId.random(), 1_000L, "agent",
                new LlmRequestCompleted(new LlmModelMeta(null, "openai", "gpt-4o-mini"), 100, 20, 1500));
        EventStates.initHeld(e);
        return e;
    }

    static AnalyticsEvent local() {
        AnalyticsEvent e = AnalyticsEvent.of(EventId.random(), 1_000L, null, new RouterStarted(8080));
        EventStates.initHeld(e);
        return e;
    }

    // DEFECT: an LLM offer is dropped although the full buffer held only an evictable local event (lost billable event; jcstress declares it ACCEPTABLE)
    @Test
    void anLlmOfferIsNeverDroppedWhileTheBufferHoldsOnlyALocalEvent() throws Exception {
        AtomicReference<Runnable> job = new AtomicReference<>();
        Thread marker = Thread.ofPlatform().daemon().name("marker").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Runnable r = job.getAndSet(null);
                if (r != null) {
                    r.run();
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        try {
            for (int trial = 0; trial < 20_000; trial++) {
                EventBuffer buffer = new EventBuffer(1);
                AnalyticsEvent old = local();
                assertTrue(buffer.offer(old, false));
                UUID id = new UUID(old.idMostSigBits(), old.idLeastSigBits());
                AtomicBoolean holding = new AtomicBoolean();   // the mark's iterator holds the event
                AtomicBoolean polled = new AtomicBoolean();    // the evictor polled its node
                AtomicBoolean markDone = new AtomicBoolean();
                // The mark calls contains() with the event in hand, before its state CAS: held there
                // until the evictor has polled the node (and waits before its own state CAS).
                Set<UUID> ids = new AbstractSet<>() {
                    @Override
                    public boolean contains(Object o) {
                        holding.set(true);
                        while (!polled.get()) {
                            Thread.onSpinWait();
                        }
                        return id.equals(o);
                    }

                    @Override
                    public Iterator<UUID> iterator() {
                        return Set.of(id).iterator();
                    }

                    @Override
                    public int size() {
                        return 1;
                    }
                };
                job.set(() -> {
                    buffer.mark(ids);
                    markDone.set(true);
                });
                while (!holding.get()) {
                    Thread.onSpinWait();
                }
                buffer.evictionHook = e -> {
                    polled.set(true);
                    while (!e.isSynced()) { // the mark won the event's state CAS
                        Thread.onSpinWait();
                    }
                };
                boolean accepted = buffer.offer(llm(), true);
                while (!markDone.get()) {
                    Thread.onSpinWait();
                }
                if (!accepted) {
                    fail("trial " + trial + ": the LLM offer was dropped; the local event was marked synced and "
                            + "the buffer ended with size " + buffer.size() + ": no instant of the race justified a drop");
                }
            }
        } finally {
            marker.interrupt();
        }
    }
}
