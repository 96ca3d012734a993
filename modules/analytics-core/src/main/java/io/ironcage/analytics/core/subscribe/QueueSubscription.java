package io.ironcage.analytics.core.subscribe;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventListener;
import io.ironcage.analytics.Subscription;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * One subscription: a bounded lock-free MPSC queue (JCTools, the {@code atomic} variant, which
 * needs no {@code sun.misc.Unsafe}) filled by the recording threads, drained by the one virtual
 * thread that calls the listener.
 *
 * <p>Wake-up protocol (a Dekker-style handshake on two volatile locations, as in the sync
 * package's {@code Mailbox}; here too there is exactly one consumer, so no waiter can be displaced
 * and lost as with the streaming channel's several receivers):
 * <ul>
 *   <li>producer: {@code offer} (a CAS on the producer index, then a release store of the
 *   element), then a volatile read of {@code parked}; if set and it wins the compareAndSet that
 *   clears it, {@code unpark(thread)} (so a burst of records makes one unpark, not one each);</li>
 *   <li>consumer: a volatile write {@code parked = true}, then a volatile read of the indices
 *   ({@code isEmpty}) and of {@code closed}; only if still empty and open, {@code park}.</li>
 * </ul>
 * Volatile accesses are totally ordered, so either the consumer sees the producer's index (and
 * does not park) or the producer sees {@code parked} (and unparks). An unpark before the park
 * leaves a permit, so a late one is never lost; a spare permit costs one extra loop. {@code poll}
 * spins over the short window in which the index is published but the element is not yet.
 * {@link #close()} writes {@code closed} and then always unparks the thread: the same handshake
 * with {@code closed} in place of the index.
 */
final class QueueSubscription implements Subscription {
    private static final System.Logger LOG = System.getLogger(QueueSubscription.class.getName());
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(QueueSubscription.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Subscribers hub;
    private final EventListener listener;
    private final MpscAtomicArrayQueue<AnalyticsEvent> queue;
    private final int capacity;
    // The queue's capacity is a power of two (at least 2): only another capacity needs the size
    // check on offer, which holds the queue to it (approximately under races, never beyond the
    // queue's own bound).
    private final boolean exact;
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean parked;
    // Written by the subscription's thread only (one writer), read by anyone: volatile suffices.
    private volatile long failed;

    QueueSubscription(Subscribers hub, EventListener listener, int capacity, String threadName) {
        this.hub = hub;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.capacity = capacity;
        int rounded = Math.max(2, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
        this.queue = new MpscAtomicArrayQueue<>(rounded);
        this.exact = queue.capacity() != capacity;
        this.thread = Thread.ofVirtual().name(threadName).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The recording path: never blocks, never throws for capacity. */
    void offer(AnalyticsEvent event) {
        if (closed) {
            return;
        }
        if ((exact && queue.size() >= capacity) || !queue.offer(event)) {
            dropped.increment();
            return;
        }
        if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        try {
            for (;;) {
                AnalyticsEvent e = queue.poll();
                if (e != null) {
                    deliver(e);
                } else if (closed) {
                    // Closed: deliver what is queued, then end. Every offer whose producer-index
                    // CAS came before this point is in the queue (poll spins over an element not
                    // yet published); an offer racing with close() that lands later is not
                    // delivered (documented: concurrent with close, may or may not be), and offer
                    // queues nothing once it reads closed.
                    while ((e = queue.poll()) != null) {
                        deliver(e);
                    }
                    return;
                } else {
                    parked = true;
                    if (queue.isEmpty() && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        } finally {
            closed = true;
            hub.remove(this);
        }
    }

    private void deliver(AnalyticsEvent event) {
        try {
            listener.onEvent(event);
        } catch (VirtualMachineError e) {
            throw e; // out of memory or stack: not the listener's to survive; the finally closes
        } catch (Throwable t) {
            long n = failed + 1;
            failed = n; // the one writer
            if (n == 1) {
                // The listener's class and the exception's, never its message or the event:
                // either may carry the event's content.
                LOG.log(System.Logger.Level.WARNING, "analytics store \"" + hub.storeName() + "\": subscriber "
                        + listener.getClass().getName() + " threw " + t.getClass().getName()
                        + "; delivery goes on, later failures of this subscription are counted (failedCount), not logged");
            }
        }
    }

    @Override
    public long droppedCount() {
        return dropped.sum();
    }

    @Override
    public long failedCount() {
        return failed;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return thread.join(timeout);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        hub.remove(this);
        LockSupport.unpark(thread);
    }

    /** @return the delivering thread (tests) */
    Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        return "Subscription[" + thread.getName() + ", capacity=" + capacity + ", pending=" + queue.size()
                + ", dropped=" + droppedCount() + ", failed=" + failedCount() + ", closed=" + closed + "]";
    }
}
