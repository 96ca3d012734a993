package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.store.StoreCleaner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one bean's notifications off the caller's thread, in order, on the one thread that
 * dispatches every JMX notification of the library: a daemon platform thread,
 * {@value #THREAD_NAME}, started when the first dispatcher is created (a bean is registered:
 * never on a recording thread) and ending when the last one is {@linkplain #shutdown() shut
 * down} and its queued tasks are sent (the last bean is unregistered, or its store closed or
 * collected).
 *
 * <p>Handing a task over is a lock-free queue offer and {@link LockSupport#unpark} of that
 * platform thread: the thread that raised the notification (a recording thread) never starts a
 * thread, never takes a lock, never waits for a listener, and never submits anything to a
 * scheduler (unparking a <em>virtual</em> thread would submit its continuation to the
 * virtual-thread scheduler, which may start a carrier thread on the caller).
 *
 * <p>A task that throws anything is logged at WARNING and the next one runs. A
 * {@link VirtualMachineError} is rethrown (the thread dies with it), after a replacement thread
 * has been started, so the dispatchers stay usable.
 *
 * <p>While idle, the thread also expunges stores collected without {@code close()}
 * ({@link StoreCleaner#expunge()}): it parks for at most {@link #IDLE_POLL_NANOS} while a store
 * bean is registered, without a timeout otherwise. It holds only the shared queue, never a bean or store.
 */
final class Dispatcher implements Executor {
    /** The name of the shared notification thread. */
    static final String THREAD_NAME = "ironcage-jmx-notifications";
    /** How long the idle thread parks before looking for collected stores again. */
    static final long IDLE_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    // Lock-free MPSC use of an MPMC queue, shared by every dispatcher: offer is a CAS on the tail
    // node (one node per task; tasks are rare: budget thresholds, sync state changes); the
    // shared thread alone polls. FIFO, so each dispatcher's tasks run in the order queued, and a
    // dispatcher's final task (shutdown) runs after every task it queued before.
    private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
    // Guards USERS and the start and end of the thread (bean registration and unregistration,
    // and the thread's decision to end; never the recording path).
    private static final Object LOCK = new Object();
    // Dispatchers created and not yet released by their final task. Guarded by LOCK.
    private static int users;
    // Of those, the dispatchers of store beans: while there is one, a store may be collected
    // unclosed and wait for its cleanup, so the idle thread polls (parks with a timeout) instead
    // of parking until unparked. Guarded by LOCK. A count, never keyed by store.
    private static int storeUsers;
    // The shared thread, or null when none runs. Written under LOCK; volatile so that execute()
    // reads it without the lock (volatile load, acquire: it sees the started thread).
    private static volatile Thread worker;

    private final String name;
    private final boolean forStore;
    private final AtomicBoolean stopped = new AtomicBoolean();
    // This dispatcher's tasks queued and not yet finished: incremented before the offer,
    // decremented after the task ran (both volatile read-modify-writes). shutdown() reads it
    // after setting stopped: 0 then means nothing of this dispatcher is queued or running.
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * A dispatcher; starts the shared thread now if none runs (the caller registers a bean: it is
     * never a recording thread).
     *
     * @param name what the tasks are for (the bean's name), for log lines
     */
    Dispatcher(String name) {
        this(name, false);
    }

    /**
     * A dispatcher; starts the shared thread now if none runs.
     *
     * @param name     what the tasks are for (the bean's name), for log lines
     * @param forStore whether it is a store bean's: while one exists the idle thread also polls
     *                 for stores collected without {@code close()}
     */
    Dispatcher(String name, boolean forStore) {
        this.name = name;
        this.forStore = forStore;
        synchronized (LOCK) {
            users++;
            if (forStore) {
                storeUsers++;
            }
            Thread t = worker;
            if (t == null) {
                startWorker();
            } else {
                // A thread parked without a timeout (no store bean) re-reads that state.
                LockSupport.unpark(t);
            }
        }
    }

    /** Starts a new shared thread; the caller holds LOCK. */
    private static void startWorker() {
        // The VirtualMachineError a dying thread rethrows is logged (System.Logger), not printed.
        Thread t = Thread.ofPlatform().daemon().name(THREAD_NAME).inheritInheritableThreadLocals(false)
                .uncaughtExceptionHandler((dead, e) -> LOG.log(System.Logger.Level.ERROR,
                        "Iron Cage analytics: the JMX notification thread ended with " + e
                                + "; a new one takes over", e))
                .unstarted(Dispatcher::work);
        worker = t;
        t.start();
    }

    /**
     * Queues a task; after {@link #shutdown()} the task is dropped silently. Lock-free: a queue
     * offer (CAS) and {@link LockSupport#unpark} of a platform thread.
     *
     * @param task the task; anything it throws is logged
     */
    @Override
    public void execute(Runnable task) {
        if (stopped.get()) {
            return;
        }
        pending.incrementAndGet();
        // The offer (a volatile CAS, release) happens before the unpark; the thread polls after
        // waking (acquire), so it finds the task. A task offered while the thread is running is
        // found by its next poll; an unpark with no park pending leaves the permit for the next park.
        QUEUE.offer(() -> {
            try {
                task.run();
            } finally {
                pending.decrementAndGet();
            }
        });
        LockSupport.unpark(worker);
    }

    /** Stops taking tasks; queued ones are still sent, then this dispatcher is released. Does not wait. */
    void shutdown() {
        shutdown(null);
    }

    /**
     * Stops taking tasks, and runs {@code last} after every task queued before: at once on the
     * caller if none is queued or running, else on the shared thread after them (so a bean
     * unregistered by {@code last} is still registered while its queued notifications are sent).
     * Idempotent; does not wait.
     *
     * @param last what to run last, or null
     */
    void shutdown(Runnable last) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // Read after stopped was set (both volatile): a task queued before is counted here. One
        // that raced the flag (read stopped == false just before) may run after `last`, on a bean
        // that is going away.
        Runnable tail = last;
        if (last != null && pending.get() == 0) {
            runLogged(last, name);
            tail = null;
        }
        Runnable finalTail = tail;
        QUEUE.offer(() -> {
            try {
                if (finalTail != null) {
                    runLogged(finalTail, name);
                }
            } finally {
                release(forStore);
            }
        });
        LockSupport.unpark(worker);
    }

    private static void release(boolean forStore) {
        synchronized (LOCK) {
            users--;
            if (forStore) {
                storeUsers--;
            }
        }
    }

    /** @return the shared thread now, or null (for tests) */
    Thread worker() {
        return worker;
    }

    /** @return the shared thread now, or null (for tests) */
    static Thread sharedThread() {
        return worker;
    }

    private static void runLogged(Runnable task, String what) {
        try {
            task.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: JMX notification task failed"
                    + (what == null ? "" : " (" + what + ")") + ": " + e, e);
        }
    }

    private static void work() {
        Thread me = Thread.currentThread();
        for (;;) {
            Runnable task = QUEUE.poll();
            if (task != null) {
                try {
                    runLogged(task, null);
                } catch (VirtualMachineError e) {
                    // Hand over to a new thread before dying with the error, so that queued and
                    // later tasks are still sent.
                    synchronized (LOCK) {
                        if (worker == me) {
                            worker = null;
                            try {
                                startWorker();
                            } catch (Throwable cannot) {
                                worker = null;
                                e.addSuppressed(cannot);
                            }
                        }
                    }
                    throw e;
                }
                continue;
            }
            try {
                StoreCleaner.expunge();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: cleaning up collected stores failed: " + e, e);
            }
            synchronized (LOCK) {
                // Under LOCK: a dispatcher created after this check finds worker == null and
                // starts a new thread; one created before it keeps this one running.
                if (users == 0 && QUEUE.isEmpty()) {
                    if (worker == me) {
                        worker = null;
                    }
                    return;
                }
            }
            // Spurious returns are fine: the loop polls again.
            boolean poll;
            synchronized (LOCK) {
                poll = storeUsers > 0;
            }
            if (poll) {
                LockSupport.parkNanos(Dispatcher.class, IDLE_POLL_NANOS);
            } else {
                LockSupport.park(Dispatcher.class);
            }
        }
    }
}
