package io.ironcage.analytics.core.sync;

import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The actor's mailbox: a lock-free multi-producer, single-consumer queue (JCTools, the
 * {@code atomic} variant, which needs no {@code sun.misc.Unsafe}) that the one consumer parks on.
 *
 * <p>Wake-up protocol (a Dekker-style handshake on two volatile locations):
 * <ul>
 *   <li>producer: {@code offer} (a CAS on the producer index, then a release store of the
 *   element), then a volatile read of {@code parked}; if set, {@code unpark(owner)};</li>
 *   <li>consumer: a volatile write {@code parked = true}, then a volatile read of the indices
 *   ({@code isEmpty}); only if still empty, {@code parkNanos}.</li>
 * </ul>
 * Volatile accesses are totally ordered, so either the consumer sees the producer's index (and
 * does not park) or the producer sees {@code parked} (and unparks). {@code unpark} before
 * {@code park} leaves a permit, so a late unpark is never lost either; a spare permit only causes
 * one extra loop. {@code poll} spins over the short window in which the index is published but
 * the element is not yet.
 *
 * <p>Posting allocates nothing per call beyond what the queue needs when it links a new chunk
 * (once per {@value #CHUNK} messages).
 *
 * @param <M> the message type
 */
final class Mailbox<M> {
    static final int CHUNK = 256;

    private final MpscUnboundedAtomicArrayQueue<M> queue = new MpscUnboundedAtomicArrayQueue<>(CHUNK);
    private volatile Thread owner;
    private volatile boolean parked;

    /**
     * Binds the consumer; must be called by it before the first {@link #awaitUntil}.
     *
     * @param thread the consuming thread
     */
    void owner(Thread thread) {
        this.owner = thread;
    }

    /**
     * Posts a message; any thread, never blocks.
     *
     * @param message the message
     */
    void post(M message) {
        queue.offer(message);
        if (parked) {
            Thread t = owner;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Takes the next message; consumer only.
     *
     * @return the message, or null if none
     */
    M poll() {
        return queue.poll();
    }

    /**
     * Parks the consumer until a message arrives or the deadline passes (spurious wake-ups
     * possible: the caller loops anyway).
     *
     * @param deadlineNanos a {@link System#nanoTime()} value; {@code Long.MAX_VALUE} for none
     */
    void awaitUntil(long deadlineNanos) {
        awaitUntil(deadlineNanos, SyncClock.SYSTEM);
    }

    /**
     * As {@link #awaitUntil(long)}, the deadline read on another clock (the actor's).
     *
     * @param deadlineNanos a value of {@code clock}
     * @param clock         the clock the deadline is on
     */
    void awaitUntil(long deadlineNanos, SyncClock clock) {
        parked = true;
        try {
            if (queue.isEmpty()) {
                long left = deadlineNanos - clock.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                }
            }
        } finally {
            parked = false;
        }
    }
}
