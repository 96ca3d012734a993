package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded event buffer: two lock-free {@link ConcurrentLinkedQueue}s, one for LLM events (what
 * the sync client claims) and one for local events (budget thresholds, router start and stop, which
 * never leave the process), bounded together by one slot counter.
 *
 * <p>Why linked queues: an array queue cannot remove from the middle, so events named by
 * {@code markSynced} used to stay in their slot as holes and making room meant carrying live events
 * from the head to the tail (reordering them, and hiding them from {@code markSynced} meanwhile). A
 * linked queue unlinks a marked node where it is, iterates in insertion order (weakly consistent:
 * never an element twice from one node, never a recycled slot), and offers and polls without locks.
 * The cost: each offer allocates one queue node (24 bytes with compressed oops).
 *
 * <p>Capacity: {@code live} counts the slots taken, i.e. events in state HELD in either queue,
 * plus, for an instant, an offer that has reserved its slot and not yet linked its node. It is only
 * ever raised by a compare-and-set from a value below the capacity, so it never overshoots and a
 * producer never sees a false "full" because another producer overshot. A slot is given back when
 * its event leaves HELD: polled (drain, sync claim), marked, evicted, or taken back by a record
 * that raced {@code close()}. A given-back event ({@link #offerReleased}) reserves its slot before
 * it is HELD again, so no event is ever HELD outside a queue.
 *
 * <p>Full: the oldest local event is evicted (counted as {@code evictedLocal}) and its slot goes to
 * the new event without passing through the counter (so no other producer can take it in between);
 * with no local event buffered, the new event is dropped: every slot holds a live LLM event. An
 * evictor that loses the local event to a concurrent mark or drain spins, bounded, for the slot
 * that winner is about to give back ({@link #awaitGivenBackSlot}) before evicting another or
 * dropping; so does one that finds the local event's node already gone. A winner gives back
 * {@code live} before {@code localLive}, so an evictor that sees no local event left also sees its
 * slot free.
 *
 * <p>Ownership: every removal goes through a compare-and-set on the event's state
 * ({@link EventStates}), so a poll, a mark and an eviction never take the same event twice. A node
 * whose event lost that race (marked while a poller had it in hand, say) is discarded by whoever
 * meets it next, without touching the counters.
 */
final class EventBuffer {
    private final int capacity;
    /**
     * LLM events, striped by recording thread: recording threads that link into different stripes
     * never touch the same tail node, so they do not contend on one cache line. A thread always
     * uses the same stripe, so its own events stay in the order it recorded them.
     */
    private final ConcurrentLinkedQueue<AnalyticsEvent>[] llm;
    private final int stripeMask;
    private final ConcurrentLinkedQueue<AnalyticsEvent> local = new ConcurrentLinkedQueue<>();
    /** Slots taken (both queues), in [0, capacity] always. */
    private final AtomicInteger live = new AtomicInteger();
    /** HELD events in the local queue (a subset of {@code live}); may lag by an in-progress offer. */
    private final AtomicInteger localLive = new AtomicInteger();
    private final LongAdder evictedLocal = new LongAdder();

    @SuppressWarnings({"unchecked", "rawtypes"})
    EventBuffer(int capacity) {
        this.capacity = capacity;
        // About twice the processors (4 on 2), a power of two, at most 16: enough that concurrent recorders
        // rarely share a stripe; few enough that polling the oldest head stays cheap.
        int stripes = Math.min(16, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1));
        this.llm = new ConcurrentLinkedQueue[stripes];
        for (int i = 0; i < stripes; i++) {
            llm[i] = new ConcurrentLinkedQueue<>();
        }
        this.stripeMask = stripes - 1;
    }

    /** Whether an event goes to the sync client (LLM) or stays in the process (local). */
    static boolean isLlm(AnalyticsEvent e) {
        return e.payload() instanceof LlmRequestCompleted || e.payload() instanceof LlmRequestFailed;
    }

    /**
     * Buffers an event that is already in state HELD, evicting the oldest local event if the buffer
     * is full.
     *
     * @param isLlm whether it is an LLM event ({@link #isLlm}; the caller has decided it already)
     * @return false if the buffer is full of LLM events (the caller counts the drop)
     */
    boolean offer(AnalyticsEvent e, boolean isLlm) {
        if (!reserve()) {
            return false;
        }
        enqueue(e, isLlm);
        return true;
    }

    /**
     * Buffers an event the sync client gives back (state RELEASED). The slot is reserved (or a
     * local event evicted for it) BEFORE the event becomes HELD again, so a given-back event is
     * never HELD outside a queue: a {@code markSynced} whose iterator read it ahead cannot win it
     * and give back a slot it never had. With no slot to be had it goes straight from RELEASED to
     * DROPPED (terminal).
     *
     * @return false if it was dropped (the caller counts the drop)
     */
    boolean offerReleased(AnalyticsEvent e) {
        if (!reserve()) {
            EventStates.dropReleased(e);
            return false;
        }
        // rehold is a volatile CAS; the queue's linking CAS in enqueue publishes it with the node.
        if (!EventStates.rehold(e)) {
            // Not RELEASED (a caller error): give the reserved slot back, nothing was linked.
            live.decrementAndGet();
            return false;
        }
        enqueue(e, isLlm(e));
        return true;
    }

    /**
     * Takes an event this thread has just buffered back out (a record that raced {@code close()}):
     * HELD to DROPPED by CAS, and the slot given back. Its node stays linked with a non-HELD item
     * and is discarded by whoever meets it next, like a node whose event a marker took.
     *
     * @param isLlm whether it is an LLM event
     * @return false if a consumer or marker took it first (then it is counted in their term)
     */
    boolean takeBack(AnalyticsEvent e, boolean isLlm) {
        if (!EventStates.dropHeld(e)) {
            return false;
        }
        // After the state CAS, as in poll: whoever wins the CAS gives back the slot, once, right
        // after it, and before localLive (see poll: an evictor waits for it, awaitGivenBackSlot).
        live.decrementAndGet();
        if (!isLlm) {
            localLive.decrementAndGet();
        }
        return true;
    }

    /**
     * Links the event into its queue. CLQ's offer links the node with a CAS (a volatile write), which
     * publishes the event, and its state written before, to any thread that reads the node: a poll,
     * an iterator. localLive is raised after linking, so it may lag, never lead, the local queue.
     */
    private void enqueue(AnalyticsEvent e, boolean isLlm) {
        if (isLlm) {
            llm[stripe()].offer(e);
        } else {
            local.offer(e);
            localLive.incrementAndGet();
        }
    }

    /**
     * Takes a slot for a new event: a free one, else the slot of the oldest local event (evicted).
     *
     * @return false if every slot holds a live LLM event
     */
    private boolean reserve() {
        return reserveFree() || reserveEvicting();
    }

    /**
     * Takes a free slot: a CAS from a value below the capacity. live.get() is a volatile read, the
     * CAS a volatile read-modify-write, so two producers can never both take the last slot and the
     * counter never goes above the capacity (no give-back, no false "full" for others).
     *
     * @return false if every slot is taken at the moment of the last read
     */
    private boolean reserveFree() {
        for (int n = live.get(); n < capacity; n = live.get()) {
            if (live.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Test seam: called with each local event the evictor polls, before its state CAS. Null in production. */
    java.util.function.Consumer<AnalyticsEvent> evictionHook;

    /** The buffer is full: take the slot of the oldest local event, else drop. */
    private boolean reserveEvicting() {
        // Cheap check first: localLive is a volatile read; zero means no local event to evict (an
        // offer linking one right now is treated as not there yet: the new event is dropped as if
        // it had come an instant earlier). A winner (mark, poll, take-back) gives back live BEFORE
        // localLive, so reading 0 here (a volatile read that sees its localLive decrement) means
        // its live decrement, earlier in its program order, is visible to the reserveFree below.
        while (localLive.get() > 0) {
            AnalyticsEvent old = local.poll(); // CAS on the node's item: one poller gets a node
            if (old == null) {
                // localLive still counted an event whose node is gone: a winner is between its
                // state CAS and its give-back (or another evictor took it and keeps its slot; then
                // the bounded spin is wasted, once). Wait for the slot as after a lost CAS.
                return awaitGivenBackSlot() || reserveFree();
            }
            // A plain read of a field only a test sets (before the offer, on the offering thread).
            java.util.function.Consumer<AnalyticsEvent> hook = evictionHook;
            if (hook != null) {
                hook.accept(old);
            }
            // The state CAS decides against a concurrent markSynced or drain; the loser's node is
            // just gone.
            if (EventStates.release(old)) {
                localLive.decrementAndGet();
                evictedLocal.increment();
                // The evicted event's slot goes straight to the new one: live is unchanged.
                return true;
            }
            // Lost: the winner (a mark, a drain or sync claim, a take-back) owns that event and gives
            // its slot back to live, but only a few instructions AFTER its state CAS (mark: it.remove()
            // then live.decrementAndGet(); poll and takeBack: live.decrementAndGet() right away; see
            // the comments there). Going straight on would drop this event whenever the winner is
            // inside that window, although a slot is about to be freed and at no instant did the
            // buffer hold only LLM events (issue 11 review). So wait for that give-back, bounded
            // and without blocking: see awaitGivenBackSlot.
            if (awaitGivenBackSlot()) {
                return true;
            }
            // The winner is stopped inside its window for longer than the spin (descheduled), or
            // another producer took the slot it gave back: evict another local event, else drop.
        }
        // A slot may have been freed meanwhile: one more try at a normal reservation.
        return reserveFree();
    }

    /**
     * How long {@link #awaitGivenBackSlot} spins at most. The winner's remaining work is two or
     * three uncontended volatile writes and atomic decrements, tens to a few hundred nanoseconds
     * even with cache misses: 20 microseconds is a hundred times that window, yet far below
     * anything that would count as blocking the recording path (and it is spent only by an offer
     * that finds the buffer full at the instant another thread takes its last local event). A
     * bound in time rather than in iterations, because the length of {@code Thread.onSpinWait()}
     * differs tenfold between processors. It is exceeded only when the winner is stopped between
     * its state CAS and its give-back: descheduled by the OS, or held at a safepoint.
     */
    static final long GIVE_BACK_SPIN_NANOS = 20_000;

    /**
     * After losing an eviction's state CAS (or finding the local event's node already unlinked):
     * retries the normal reservation, spinning a bounded number of times, until the winner has
     * given the event's slot back. Never blocks, never locks.
     *
     * <p>Memory ordering. The lost CAS ({@code EventStates.release}, a VarHandle compareAndSet)
     * read the state with getVolatile semantics and saw the winner's value (SYNCED, RELEASED or
     * DROPPED), written by the winner's own volatile CAS: that CAS synchronizes-with our read, so
     * the winner is at or past its CAS, and the next write it makes to {@code live} is the
     * give-back ({@code live.decrementAndGet()}, a volatile read-modify-write; see {@link #mark} and
     * {@link #poll}). Likewise a {@code local.poll()} that returned null while {@code localLive}
     * still counted the event read the node's item (a volatile field) as null, written by the
     * winner (the mark's {@code it.remove()} after its CAS, a poller's item CAS before its own);
     * its give-back follows. What we cannot know is whether it has made it yet, hence the spin. The
     * {@code live.get()} in {@link #reserveFree} is a volatile read: all accesses to {@code live}
     * are in one synchronization order, so once the decrement precedes our read we read its value
     * (or a later one), and the compareAndSet from below the capacity hands the freed slot to
     * exactly one producer (us or another; if another, this is a genuine "full"). No other data
     * needs ordering here: the slot is only a count, and the new event is published later by the
     * queue's linking CAS in {@link #enqueue}.
     *
     * @return true if a slot was reserved
     */
    private boolean awaitGivenBackSlot() {
        long start = System.nanoTime();
        do {
            if (reserveFree()) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < GIVE_BACK_SPIN_NANOS);
        return reserveFree();
    }

    /**
     * Takes the oldest live LLM event, discarding nodes of events marked meanwhile.
     *
     * @return the event, now RELEASED and owned by the caller, or null if none
     */
    AnalyticsEvent pollLlm() {
        for (;;) {
            // The stripe whose head is oldest (heads are read with volatile loads; a head taken by
            // another consumer meanwhile only means this poll takes the next oldest). The first
            // non-empty stripe is always a candidate (any timestamp, Long.MAX_VALUE included), and
            // a head dated in the future (a caller's own timestamp, a clock step) counts as "now":
            // it holds the events behind it in its stripe only while other stripes have older
            // events, never until its date comes.
            long now = System.currentTimeMillis();
            ConcurrentLinkedQueue<AnalyticsEvent> oldest = null;
            long oldestMs = 0;
            for (ConcurrentLinkedQueue<AnalyticsEvent> q : llm) {
                AnalyticsEvent head = q.peek();
                if (head == null) {
                    continue;
                }
                long ms = Math.min(head.timestampMs(), now);
                if (oldest == null || ms < oldestMs) {
                    oldest = q;
                    oldestMs = ms;
                }
            }
            if (oldest == null) {
                return null;
            }
            AnalyticsEvent e = poll(oldest, false);
            if (e != null) {
                return e;
            }
        }
    }

    /** Takes every live LLM event, stripe after stripe (the caller sorts), into {@code out}. */
    void drainLlm(List<AnalyticsEvent> out) {
        for (ConcurrentLinkedQueue<AnalyticsEvent> q : llm) {
            for (AnalyticsEvent e; (e = poll(q, false)) != null; ) {
                out.add(e);
            }
        }
    }

    /** This thread's stripe: a mix of its id (threads of consecutive ids land in different stripes). */
    private int stripe() {
        long id = Thread.currentThread().threadId();
        return (int) (id ^ (id >>> 7)) & stripeMask;
    }

    /** Takes the oldest live local event (for drains). */
    AnalyticsEvent pollLocal() {
        return poll(local, true);
    }

    private AnalyticsEvent poll(ConcurrentLinkedQueue<AnalyticsEvent> q, boolean isLocal) {
        for (AnalyticsEvent e; (e = q.poll()) != null; ) {
            if (EventStates.release(e)) {
                // The slot is given back after the state CAS (never before: a marker that won
                // instead gives it back itself, and two give-backs would overshoot downwards). An
                // evictor that lost the CAS to this poll, or found this node already gone, spins
                // for this volatile decrement (awaitGivenBackSlot); it comes right after the CAS,
                // so keep this path short: nothing that can block or run long in between. And
                // live before localLive: an evictor that reads localLive == 0 (our decrement, a
                // volatile write after this one) then reads live with this give-back in it, so it
                // never drops for a slot already given back; while localLive still counts this
                // event, the evictor finds the node gone and spins for the slot instead.
                live.decrementAndGet();
                if (isLocal) {
                    localLive.decrementAndGet();
                }
                return e;
            }
        }
        return null;
    }

    /** Marks the buffered events whose ids are in the set; returns how many it marked. */
    int mark(Set<UUID> ids) {
        int marked = mark(local, ids, true);
        for (ConcurrentLinkedQueue<AnalyticsEvent> q : llm) {
            marked += mark(q, ids, false);
        }
        return marked;
    }

    private int mark(ConcurrentLinkedQueue<AnalyticsEvent> q, Set<UUID> ids, boolean isLocal) {
        int marked = 0;
        // The iterator sees every node linked before it started and still linked when it passes
        // (events stay in their node from offer to removal: nothing is ever carried outside).
        for (Iterator<AnalyticsEvent> it = q.iterator(); it.hasNext(); ) {
            AnalyticsEvent e = it.next();
            if (ids.contains(new UUID(e.idMostSigBits(), e.idLeastSigBits())) && EventStates.markBuffered(e)) {
                // Unlink the node now (a volatile write of its item; a poller that already read
                // the item loses the state CAS and discards it).
                it.remove();
                // The give-back, a volatile decrement right after the state CAS and the unlink: an
                // evictor that lost that CAS, or found the node unlinked, spins for it
                // (awaitGivenBackSlot). Keep nothing that can block or run long in between. live
                // before localLive, for the reason given in poll.
                live.decrementAndGet();
                if (isLocal) {
                    localLive.decrementAndGet();
                }
                marked++;
            }
        }
        return marked;
    }

    /** Oldest first by timestamp; equal timestamps keep their order (List.sort is stable). */
    static final Comparator<AnalyticsEvent> OLDEST_FIRST = Comparator.comparingLong(AnalyticsEvent::timestampMs);

    /** Copies the live LLM events in insertion order, each once. */
    List<AnalyticsEvent> snapshotLlm() {
        List<AnalyticsEvent> out = copyLlm(Collections.newSetFromMap(new IdentityHashMap<>()));
        out.sort(OLDEST_FIRST);
        return out;
    }

    /** Copies the live events of both queues, oldest first, each once. */
    List<AnalyticsEvent> snapshot() {
        Set<AnalyticsEvent> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return merge(copyLlm(seen), copy(local, seen));
    }

    private List<AnalyticsEvent> copyLlm(Set<AnalyticsEvent> seen) {
        List<AnalyticsEvent> out = copy(llm[0], seen);
        for (int i = 1; i < llm.length; i++) {
            out.addAll(copy(llm[i], seen));
        }
        return out;
    }

    private static List<AnalyticsEvent> copy(ConcurrentLinkedQueue<AnalyticsEvent> q, Set<AnalyticsEvent> seen) {
        List<AnalyticsEvent> out = new ArrayList<>();
        // The iterator walks nodes in link order. It may return an item it read ahead that was
        // polled since, and an event given back by the sync client sits in a new node: the identity
        // set keeps each event once, and the state check drops events no longer held.
        for (AnalyticsEvent e : q) {
            if (EventStates.isHeld(e) && seen.add(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Both lists in one, oldest first: {@code a} then {@code b}, sorted stably by timestamp, so
     * equal timestamps keep their order within each list and {@code a}'s come before {@code b}'s.
     * (TimSort merges the runs it finds: near-linear for lists that are already mostly sorted.)
     *
     * @return {@code a}, extended and sorted
     */
    static List<AnalyticsEvent> merge(List<AnalyticsEvent> a, List<AnalyticsEvent> b) {
        a.addAll(b);
        a.sort(OLDEST_FIRST);
        return a;
    }

    /** Live events now (both queues). */
    int size() {
        return live.get();
    }

    /**
     * Live LLM events now, clamped at 0 (localLive may lag an in-progress offer or removal: a
     * removal gives back live first, so for an instant this reads one less).
     */
    int llmSize() {
        return Math.max(0, live.get() - localLive.get());
    }

    int capacity() {
        return capacity;
    }

    /** Local events evicted to make room for newer events. */
    long evictedLocal() {
        return evictedLocal.sum();
    }
}
