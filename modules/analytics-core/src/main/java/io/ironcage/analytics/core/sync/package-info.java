/**
 * Delivery of LLM events to the Control API (Protocol 012): the sync actor. See
 * {@code docs/sync.md} for the behaviour (state machine, response table, back-off, shutdown);
 * this note is about the concurrency design.
 *
 * <h2>Who owns what</h2>
 * <ul>
 *   <li><b>The store</b> owns buffered events. {@code claimForSync()} hands the oldest LLM event to
 *   the actor (local events are never claimed), which from then on owns it (counted as in flight,
 *   then retrying, and registered in the ledger so {@code unsyncedEvents()} lists it) until it is
 *   delivered, answered duplicate, rejected or given back with {@code giveBack} at stop. Every change of
 *   owner moves the event between two terms of the store's ledger, so the conservation formula
 *   holds at rest.</li>
 *   <li><b>The actor</b> (one virtual thread per run: the runner {@code SyncActor} driving the
 *   logic {@code SyncStateMachine}) owns every piece of sync state: the in-flight requests, the retry queue, the per-token pauses, the back-off, the rate
 *   limiter, the counters, pending {@code syncNow()} and {@code stop()} replies. Only that thread
 *   reads or writes them, so they are plain fields and collections: no locks, no atomics, no
 *   volatile (except the published {@link io.ironcage.analytics.core.sync.SyncStatus} snapshot).</li>
 *   <li><b>Everyone else</b> talks to the actor by posting a message: the recording path (one
 *   batch-threshold message at a time, through the store's buffer listener), callers of
 *   {@code syncNow()} and {@code stop()} (a message with a {@code CompletableFuture} the actor
 *   completes), and the HTTP client, whose completion callback posts the response back rather
 *   than touching any state. Timer ticks are not messages: the actor computes its next deadline
 *   (tick, back-off end, token pause end, rate-limit slot, reply deadline) and parks until then.</li>
 * </ul>
 *
 * <h2>The mailbox and the parked flag</h2>
 * The mailbox is a JCTools {@code MpscUnboundedAtomicArrayQueue} (the {@code atomic} variant: no
 * {@code sun.misc.Unsafe}, so it works under a plain {@code java -m}). A producer offers (a CAS
 * on the producer index, then a release store of the element), then reads the volatile
 * {@code parked} flag and unparks the actor if it is set. The actor writes {@code parked = true}
 * (volatile), re-checks the queue (volatile reads of the indices) and only then parks. Volatile
 * accesses are totally ordered, so at least one side sees the other: the actor sees the message
 * and does not park, or the producer sees the flag and unparks. An unpark that arrives before the
 * park leaves a permit, so a wake-up is never lost; a stray permit costs one extra loop. The
 * queue's offer/poll pair is a release/acquire edge, which also publishes the message's contents
 * (an {@code Attempt}, a response) to the actor safely.
 *
 * <h2>Why no locks</h2>
 * The recording path must never block, and the actor must never be held up by a caller. With a
 * single owner there is nothing to lock: every decision (send, retry, pause, give back) is a
 * sequential step of one thread, and the only cross-thread operations are the lock-free offer,
 * a volatile flag, {@code LockSupport.unpark} and one volatile write of the status snapshot. The
 * threshold listener allocates nothing (a shared constant message, guarded by an
 * {@code AtomicBoolean} read plainly before its CAS so recorders do not contend once a message is
 * pending).
 *
 * <h2>Threads</h2>
 * Per run: the actor's virtual thread, the HTTP client's asynchronous work on a
 * virtual-thread-per-task executor, and the JDK HTTP client's own selector thread while the run
 * lasts. {@code stop} closes the client and the executor; nothing is left behind. An opt-in JVM
 * shutdown hook (an unstarted thread until the JVM exits) is removed on stop. The deadline of each
 * whole exchange ({@code CompletableFuture.orTimeout} in {@code HttpSender}) runs on the JDK's one
 * shared, daemon delay-scheduler thread; its task is removed when the exchange completes.
 *
 * <h2>Runs of one store, and who waits for whom</h2>
 * At most one run holds a store (the store's own {@code syncRunSlot()}, set by compareAndSet). A {@code start()} waits for the previous
 * run of its client to end (a stop in progress), as it must. A {@code syncNow()} never waits for
 * another run without its own timeout: a live run of its client (even one whose {@code start()}
 * has registered it but not yet returned) gets the cycle as a message; a stopping run, or another
 * caller's temporary run, is waited for at most until the timeout, then an empty cycle answers.
 * A temporary run that finds the store held undoes itself instead of waiting.
 */
package io.ironcage.analytics.core.sync;
