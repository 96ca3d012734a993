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
 *   <li><b>Buffer.</b> A JCTools MPMC array queue (atomic variant) plus an {@code AtomicInteger}
 *   permit count that holds it to the configured capacity. Taking a permit is a volatile
 *   read-modify-write, so two producers never both take the last one. The queue's offer publishes
 *   the event with a release store; its poll reads it with an acquire load, so a consumer sees the
 *   event fully built.</li>
 *   <li><b>Ownership.</b> Each event has one state word (see {@link io.ironcage.analytics.core.store.EventStates});
 *   every transition out of HELD is a compareAndSet, so a concurrent {@code markSynced} and a
 *   consumer's poll can never both count the same event.</li>
 *   <li><b>Snapshots.</b> {@code stats()} sums each adder in turn while writers go on: every value
 *   is one that was true at some instant during the call, and at rest all values are exact and
 *   add up. {@code snapshotEvents()} walks the queue with its weakly consistent iterator: it never
 *   removes or reorders; under concurrent polls it may miss an event that was leaving.</li>
 *   <li><b>Accounting.</b> Each conservation term is its own counter, incremented where the event
 *   moves; none is derived from the others.</li>
 * </ul>
 */
package io.ironcage.analytics.core.store;
