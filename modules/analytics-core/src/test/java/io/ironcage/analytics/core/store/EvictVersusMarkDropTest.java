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
 *
 * <p>Since the fix the losing offer spins, bounded in time ({@link EventBuffer#GIVE_BACK_SPIN_NANOS}), for the
 * slot the mark gives back. (Trials: 20 000, under a second here; before the fix a drop came within
 * the first few hundred trials, 0.6 to 1.4 microseconds after the lost CAS.) A drop can then still happen only when the marker's thread is stopped
 * (descheduled: this machine has 2 CPUs shared with other builds) between its CAS and its give-back
 * for longer than the whole spin; such a drop comes only after the offer has spun for at least
 * {@link #MIN_SPIN_NANOS} since the CAS became visible, and is tolerated (and must stay rare). A
 * drop sooner than that is the defect: the offer gave up without waiting for the slot.
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

    /**
     * A lower bound on the offer's bounded spin (at least {@link EventBuffer#GIVE_BACK_SPIN_NANOS},
     * 20 microseconds), above the offer's path without it (0.8 to 1 microsecond measured
     * here before the fix, in the early, interpreted trials where it drops).
     */
    static final long MIN_SPIN_NANOS = 2_000;

    // Regression (issue 11 review): an LLM offer is dropped although the full buffer held only an evictable local event (lost billable event; jcstress declares it ACCEPTABLE)
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
        int trials = 20_000;
        int descheduled = 0;
        try {
            for (int trial = 0; trial < trials; trial++) {
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
                long[] lostAt = new long[1];
                buffer.evictionHook = e -> {
                    polled.set(true);
                    while (!e.isSynced()) { // the mark won the event's state CAS
                        Thread.onSpinWait();
                    }
                    lostAt[0] = System.nanoTime();
                };
                boolean accepted = buffer.offer(llm(), true);
                long waited = System.nanoTime() - lostAt[0];
                while (!markDone.get()) {
                    Thread.onSpinWait();
                }
                if (!accepted && waited < MIN_SPIN_NANOS) {
                    fail("trial " + trial + ": the LLM offer was dropped " + waited + " ns after losing the local "
                            + "event to the mark, without waiting for the slot the mark gives back; the buffer ended "
                            + "with size " + buffer.size() + ": no instant of the race justified a drop");
                }
                if (!accepted) {
                    descheduled++; // the marker was stopped longer than the whole bounded spin
                }
            }
        } finally {
            marker.interrupt();
        }
        // Each tolerated drop needs the marker stopped inside a window of a few instructions for the
        // whole spin: a handful in 20 000 trials on a loaded machine, never a sizeable share.
        assertTrue(descheduled <= trials / 500, descheduled + " drops after a full spin in " + trials + " trials");
    }
}
