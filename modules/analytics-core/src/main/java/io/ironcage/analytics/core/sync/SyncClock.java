package io.ironcage.analytics.core.sync;

import java.time.Instant;

/**
 * The actor's time sources, injected so that its state machine can be driven by a test clock.
 * Real runs use {@link #SYSTEM}. Deadlines in messages ({@code syncNow()}, {@code stop()}) are
 * values of the same nanosecond source.
 */
interface SyncClock {
    /** {@link System#nanoTime()} and {@link Instant#now()}. */
    SyncClock SYSTEM = new SyncClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant wallTime() {
            return Instant.now();
        }

        @Override
        public String toString() {
            return "SyncClock.SYSTEM";
        }
    };

    /**
     * The monotonic clock: every timing decision (back-off, pauses, rate limit, deadlines).
     *
     * @return nanoseconds, compared only by difference
     */
    long nanoTime();

    /**
     * The wall clock: only what is shown (last success, next attempt) and an HTTP-date
     * {@code Retry-After}.
     *
     * @return now
     */
    Instant wallTime();
}
