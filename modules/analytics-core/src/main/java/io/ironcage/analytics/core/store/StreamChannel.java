package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventReceiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The streaming channel: recorders offer without ever blocking (a full channel drops and counts);
 * receivers may wait. A waiting receiver parks after publishing itself in {@code waiter}; a
 * recorder that offered unparks it. No lock on either side.
 */
final class StreamChannel implements EventReceiver {
    /** Longest a receiver parks before looking again, bounding any missed-wakeup window. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** {@link #MAX_PARK_NANOS}, or longer for checks that must see a missed wake-up as a hang. */
    private final long maxParkNanos;

    private final MpmcAtomicArrayQueue<AnalyticsEvent> queue;
    private final int capacity;
    private final LongAdder dropped = new LongAdder();
    // The receiver thread parked (or about to park) for an event. Volatile: the receiver writes it
    // and then re-checks the queue; a recorder offers and then reads it. Either the receiver's
    // re-check sees the event, or the recorder sees the waiter and unparks it (Dekker-style, both
    // sides are volatile accesses, so they are sequentially consistent).
    // Several receivers share the one slot: a receiver registers with getAndSet and remembers the
    // receiver it displaced; it clears the slot only if it still holds it (CAS), and when it stops
    // waiting it unparks the one it displaced, which looks again and re-registers. So every parked
    // receiver is either in the slot or displaced by a receiver that will wake it: none sleeps
    // through an event (StreamChannelStress.TwoReceivers, jcstress). The recorder side is unchanged.
    private volatile Thread waiter;
    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(StreamChannel.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    StreamChannel(int capacity) {
        this(capacity, MAX_PARK_NANOS);
    }

    /** Test seam (the jcstress checks): a longer park bound, so a missed wake-up is a hang, not a 10 ms delay. */
    StreamChannel(int capacity, long maxParkNanos) {
        this.maxParkNanos = maxParkNanos;
        this.capacity = capacity;
        this.queue = new MpmcAtomicArrayQueue<>(Math.max(2, capacity));
    }

    /** Called on the recording path: never blocks. */
    void offer(AnalyticsEvent e) {
        // The queue may round up; hold it to the configured capacity (approximately under races,
        // never beyond the queue's own bound).
        if (queue.size() >= capacity || !queue.offer(e)) {
            dropped.increment();
            return;
        }
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public AnalyticsEvent poll() {
        return queue.poll();
    }

    @Override
    public AnalyticsEvent poll(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        return await(deadline, true);
    }

    @Override
    public AnalyticsEvent take() throws InterruptedException {
        return await(0, false);
    }

    private AnalyticsEvent await(long deadline, boolean timed) throws InterruptedException {
        for (;;) {
            AnalyticsEvent e = queue.poll();
            if (e != null) {
                return e;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long park = maxParkNanos;
            if (timed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                park = Math.min(park, left);
            }
            Thread me = Thread.currentThread();
            Thread displaced = (Thread) WAITER.getAndSet(this, me);
            e = queue.poll();
            if (e == null) {
                LockSupport.parkNanos(this, park);
            }
            stopWaiting(me, displaced);
            if (e != null) {
                return e;
            }
        }
    }

    /** Leaves the slot (unless a later receiver holds it) and wakes the receiver this one displaced. */
    private void stopWaiting(Thread me, Thread displaced) {
        WAITER.compareAndSet(this, me, null);
        if (displaced != null && displaced != me) {
            LockSupport.unpark(displaced);
        }
    }

    @Override
    public long droppedCount() {
        return dropped.sum();
    }

    @Override
    public String toString() {
        return "EventReceiver[capacity=" + capacity + ", pending=" + queue.size() + ", dropped=" + droppedCount() + "]";
    }
}
