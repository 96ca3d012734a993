package io.ironcage.analytics.core.jmx;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one bean's notifications off the caller's thread, in order, on one virtual thread that
 * is started with the dispatcher (when the bean is registered) and ends when it is
 * {@linkplain #shutdown() shut down} (when the bean is unregistered, or its store is closed or
 * garbage-collected). Handing a task over is a lock-free queue offer and an unpark of that
 * worker: the thread that raised the notification (a recording thread) never starts a thread,
 * never takes a lock of this class or of a pool, and never waits for a listener.
 *
 * <p>The worker holds only the queue, never the bean or its store, so a parked worker keeps
 * nothing alive.
 */
final class Dispatcher implements Executor {
    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    // Lock-free MPSC use of an MPMC queue: offer is a CAS on the tail node (it allocates one node
    // per task, and tasks are rare: budget thresholds, sync state changes); the worker alone polls.
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread worker;
    // Volatile: the worker's read after an unpark sees a shutdown() that came before it.
    private volatile boolean stopped;

    /**
     * A dispatcher; starts its worker (a virtual thread) now.
     *
     * @param threadName the name of its thread
     */
    Dispatcher(String threadName) {
        this(Thread.ofVirtual().name(threadName).factory());
    }

    /**
     * A dispatcher whose worker comes from the given factory (for tests); starts it now.
     *
     * @param threads makes the worker thread
     */
    Dispatcher(ThreadFactory threads) {
        // The worker's task refers to this dispatcher only (its queue and flag), never a bean.
        this.worker = threads.newThread(this::work);
        worker.start();
    }

    /**
     * Queues a task; after {@link #shutdown()} the task is dropped silently. Lock-free: a queue
     * offer (CAS) and {@link LockSupport#unpark}.
     *
     * @param task the task; an exception it throws is logged
     */
    @Override
    public void execute(Runnable task) {
        if (stopped) {
            return;
        }
        // The offer (a volatile CAS, release) happens before the unpark; the worker polls after
        // waking (acquire), so it finds the task. A task offered while the worker is running is
        // found by its next poll; an unpark with no park pending leaves the permit for the next park.
        queue.offer(task);
        LockSupport.unpark(worker);
    }

    /** Stops taking tasks; queued ones are still sent, then the worker ends. Does not wait. */
    void shutdown() {
        stopped = true;
        LockSupport.unpark(worker);
    }

    /** @return the worker thread (for tests) */
    Thread worker() {
        return worker;
    }

    private void work() {
        for (;;) {
            Runnable task = queue.poll();
            if (task != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: JMX notification failed: " + e);
                }
                continue;
            }
            if (stopped) {
                // Drain what was queued before the shutdown, then end. A task offered by a thread
                // that raced shutdown() (read stopped == false just before) may be left unsent,
                // as a task after shutdown is: its bean is going away.
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            // Spurious returns are fine: the loop polls again.
            LockSupport.park(this);
        }
    }
}
