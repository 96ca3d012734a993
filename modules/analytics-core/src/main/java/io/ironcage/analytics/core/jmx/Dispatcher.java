package io.ironcage.analytics.core.jmx;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends one bean's notifications off the caller's thread, in order: at most one virtual thread,
 * started when there is something to send and gone after {@value #IDLE_SECONDS} s idle. Handing
 * a task over is a lock-free queue offer, plus, when no worker is running, starting one (a short
 * critical section inside the pool and a virtual thread start); the thread that raised the
 * notification never waits for a listener.
 */
final class Dispatcher implements Executor {
    static final int IDLE_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    private final ThreadPoolExecutor pool;

    /**
     * A dispatcher.
     *
     * @param threadName the name of its thread
     */
    Dispatcher(String threadName) {
        // Core size 0, unbounded queue: the pool starts its one worker when a task arrives and
        // none is running, and keeps tasks in submission order.
        this.pool = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedTransferQueue<>(),
                Thread.ofVirtual().name(threadName).factory());
    }

    /**
     * Queues a task; after {@link #shutdown()} the task is dropped silently.
     *
     * @param task the task; an exception it throws is logged
     */
    @Override
    public void execute(Runnable task) {
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: JMX notification failed: " + e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // The bean is closing; its notifications no longer have anyone to go to.
        }
    }

    /** Stops taking tasks; queued ones are still sent. Does not wait for a blocked listener. */
    void shutdown() {
        pool.shutdown();
    }
}
