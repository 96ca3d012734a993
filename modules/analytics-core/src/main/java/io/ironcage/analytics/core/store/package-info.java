/**
 * The event store. Design note on concurrency (what is atomic, what is ordered, what a snapshot
 * guarantees):
 *
 * <ul>
 *   <li><b>Recording path.</b> Validate, price, then count, then buffer. Counters are
 *   {@link java.util.concurrent.atomic.LongAdder}s (write-mostly, striped under contention); key
 *   lookups are {@link java.util.concurrent.ConcurrentHashMap#get} (a volatile read, no lock). The
 *   only lock the path can take is {@code computeIfAbsent}'s bin lock, once per never-seen model,
 *   provider or agent. Counters are updated <em>before</em> the buffer offer, so statistics count
 *   every recorded event, dropped ones included.</li>
 *   <li><b>Buffer.</b> Two lock-free {@link java.util.concurrent.ConcurrentLinkedQueue}s (LLM
 *   events, local events) bounded together by an {@code AtomicInteger} of taken slots, raised only
 *   by a compareAndSet from below the capacity, so two producers never both take the last slot and
 *   the count never overshoots. A full buffer evicts its oldest local event and hands its slot to
 *   the new one; with none, the new event is dropped. The queue links a node with a CAS (a
 *   volatile write) after the event is built, so a consumer or an iterator sees it fully built. One
 *   node is allocated per buffered event. See {@code EventBuffer}.</li>
 *   <li><b>Ownership.</b> Each event has one state word (see {@link io.ironcage.analytics.core.store.EventStates});
 *   every transition out of HELD is a compareAndSet, so a concurrent {@code markSynced}, a
 *   consumer's poll and an eviction can never both count the same event.</li>
 *   <li><b>Snapshots.</b> {@code stats()} sums each adder in turn while writers go on: every value
 *   is one that was true at some instant during the call, and at rest all values are exact and
 *   add up. {@code snapshotEvents()} walks both queues with their weakly consistent, in-order
 *   iterators, keeps each held event once (by identity) and returns them oldest first; it never
 *   removes anything; under concurrent polls it may miss an event that was leaving.</li>
 *   <li><b>Accounting.</b> Each conservation term is its own counter, incremented where the event
 *   moves; none is derived from the others.</li>
 * </ul>
 */
package io.ironcage.analytics.core.store;
