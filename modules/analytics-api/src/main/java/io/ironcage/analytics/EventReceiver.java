package io.ironcage.analytics;

import java.time.Duration;

/** The receiving end of a store's streaming channel (the original's crossbeam receiver). */
public interface EventReceiver {

    /**
     * Takes the next event if there is one, without waiting.
     *
     * @return the event, or null if the channel is empty
     */
    AnalyticsEvent poll();

    /**
     * Takes the next event, waiting at most the timeout.
     *
     * @param timeout how long to wait
     * @return the event, or null if none arrived in time
     * @throws InterruptedException if interrupted while waiting
     */
    AnalyticsEvent poll(Duration timeout) throws InterruptedException;

    /**
     * Takes the next event, waiting as long as it takes.
     *
     * @return the event
     * @throws InterruptedException if interrupted while waiting
     */
    AnalyticsEvent take() throws InterruptedException;

    /**
     * Events not delivered to this channel because it was full; the recorder never blocks.
     *
     * @return the count
     */
    long droppedCount();
}
