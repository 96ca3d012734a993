package io.ironcage.analytics;

import java.time.Duration;

/**
 * A listener's subscription to a store's events (see {@link EventStore#subscribe(EventListener, int)}):
 * its own bounded queue, filled by the recording threads without ever blocking them, and its own
 * virtual thread, which delivers the queued events to the listener in order.
 *
 * <p>{@link #close()} stops the subscription: no event recorded after it returns is queued; the
 * events already queued are still delivered, then the thread ends. {@code close()} never waits for
 * that (a listener blocked forever keeps its thread, and is not interrupted);
 * {@link #awaitTermination(Duration)} waits for it. Closing the store closes its subscriptions.
 * An event recorded concurrently with {@code close()} may or may not be delivered.
 *
 * <p>The thread is virtual: virtual threads of the application that run for long without
 * blocking can hold every carrier thread and delay delivery (the queue then fills and drops);
 * they never delay recording.
 */
public interface Subscription extends AutoCloseable {

    /** The queue capacity of {@link EventStore#subscribe(EventListener)}: 1,024 events. */
    int DEFAULT_QUEUE_CAPACITY = 1_024;

    /** The largest queue capacity accepted: 1,048,576 events (the queue is allocated up front). */
    int MAX_QUEUE_CAPACITY = 1 << 20;

    /**
     * Events not queued because this subscription's queue was full (its listener was too slow).
     *
     * @return the count
     */
    long droppedCount();

    /**
     * Events whose delivery threw: the listener's exceptions, each counted (only the first is
     * logged, as a WARNING naming the listener class and the exception class).
     *
     * @return the count
     */
    long failedCount();

    /**
     * Whether {@link #close()} was called, directly or by closing the store.
     *
     * @return true once closed
     */
    boolean isClosed();

    /**
     * Waits until the subscription is closed and its thread has delivered the events queued at
     * close and ended.
     *
     * @param timeout the longest wait
     * @return true if the thread ended, false if the timeout passed first (or the subscription
     *         is not closed and the timeout passed)
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Stops queueing events for the listener; idempotent, never blocks. The events already queued
     * are delivered, then the subscription's thread ends.
     */
    @Override
    void close();
}
