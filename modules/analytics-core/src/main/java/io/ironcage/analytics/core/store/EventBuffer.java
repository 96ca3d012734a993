package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The bounded event buffer: a JCTools MPMC queue (the {@code atomic} variant, which needs no
 * {@code sun.misc.Unsafe}) plus a permit counter that holds it to the configured capacity, because
 * the queue rounds its own capacity up to a power of two.
 *
 * <p>Events that {@code markSynced} names cannot be removed from the middle of a queue, so they
 * stay in their slot, marked, invisible to every reader, and are discarded when a consumer polls
 * them or when an offer finds the queue physically full (marked events never crowd out new ones).
 *
 * <p>Invariants: {@code live} counts events in state HELD in the queue (plus, for an instant, an
 * offer that has its permit but has not yet published); {@code markedInQueue} counts SYNCED events
 * still occupying a slot. Every removal from the queue goes through {@link EventStates#release},
 * so an event is either taken or marked, never both.
 */
final class EventBuffer {
    /** Head evictions an offer attempts on a physically full queue before it drops. */
    private static final int MAX_EVICTIONS = 8;

    private final int capacity;
    private final MpmcAtomicArrayQueue<AnalyticsEvent> queue;
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger markedInQueue = new AtomicInteger();
    private final LongAdder lostInEviction = new LongAdder();

    EventBuffer(int capacity) {
        this.capacity = capacity;
        // At least 2 slots: JCTools' minimum.
        this.queue = new MpmcAtomicArrayQueue<>(Math.max(2, capacity));
    }

    /**
     * Buffers an event that is already in state HELD.
     *
     * @return false if the buffer is full (the caller counts the drop)
     */
    boolean offer(AnalyticsEvent e) {
        // Take a permit first. getAndIncrement is a volatile read-modify-write, so two producers
        // can never both take the last permit; a producer that overshoots gives it straight back.
        if (live.getAndIncrement() >= capacity) {
            live.getAndDecrement();
            return false;
        }
        // offer() publishes the element with a release store (lazySet of the slot after the
        // sequence CAS), so a consumer that polls it sees the event fully built.
        if (queue.offer(e)) {
            return true;
        }
        return offerAfterEvicting(e);
    }

    /**
     * The queue is physically full of marked events and live ones: free the slots held by marked
     * ones. A marked head is discarded (it is already accounted for). A live head is carried and put
     * back at the tail before the new event goes in, so when slots run short it is the new event
     * that is dropped, as for a full buffer. The cost: that live event moves behind newer ones.
     */
    private boolean offerAfterEvicting(AnalyticsEvent e) {
        AnalyticsEvent carried = null;
        for (int i = 0; i < MAX_EVICTIONS; i++) {
            if (carried == null) {
                AnalyticsEvent head = queue.poll();
                if (head != null && !EventStates.isHeld(head)) {
                    markedInQueue.decrementAndGet(); // a marked event: just let it go
                } else {
                    carried = head;
                }
            }
            if (carried != null) {
                if (!queue.offer(carried)) {
                    continue; // other producers took the slot: keep carrying it
                }
                carried = null;
            }
            if (queue.offer(e)) {
                return true;
            }
        }
        live.getAndDecrement(); // the new event is dropped (the caller counts it)
        if (carried != null) {
            // Only if producers took every freed slot for MAX_EVICTIONS rounds: the carried event is
            // lost too, unless markSynced took it meanwhile; either way it is counted.
            if (EventStates.release(carried)) {
                live.decrementAndGet();
                lostInEviction.increment();
            } else {
                markedInQueue.decrementAndGet();
            }
        }
        return false;
    }

    /**
     * Takes the oldest live event, discarding marked ones on the way.
     *
     * @return the event, now RELEASED and owned by the caller, or null if none
     */
    AnalyticsEvent poll() {
        for (;;) {
            AnalyticsEvent e = queue.poll();
            if (e == null) {
                return null;
            }
            if (EventStates.release(e)) {
                live.decrementAndGet();
                return e;
            }
            markedInQueue.decrementAndGet();
        }
    }

    /** Marks the buffered events whose ids are in the set; returns how many it marked. */
    int mark(Set<UUID> ids) {
        int marked = 0;
        for (Iterator<AnalyticsEvent> it = queue.iterator(); it.hasNext(); ) {
            AnalyticsEvent e = it.next();
            if (e != null && ids.contains(new UUID(e.idMostSigBits(), e.idLeastSigBits()))
                    && EventStates.markBuffered(e)) {
                live.decrementAndGet();
                markedInQueue.incrementAndGet();
                marked++;
            }
        }
        return marked;
    }

    /** Copies the live events, oldest first, without removing or reordering anything. */
    List<AnalyticsEvent> snapshot() {
        List<AnalyticsEvent> out = new ArrayList<>(size());
        for (Iterator<AnalyticsEvent> it = queue.iterator(); it.hasNext(); ) {
            AnalyticsEvent e = it.next();
            if (e != null && EventStates.isHeld(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Live events now, clamped to [0, capacity] (a failed permit grab can overshoot for an instant). */
    int size() {
        return Math.min(capacity, Math.max(0, live.get()));
    }

    int capacity() {
        return capacity;
    }

    /** Live events lost because an eviction could not put them back (counted as drops). */
    long lostInEviction() {
        return lostInEviction.sum();
    }
}
