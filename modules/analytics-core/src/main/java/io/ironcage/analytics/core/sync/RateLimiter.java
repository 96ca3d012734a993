package io.ironcage.analytics.core.sync;

/**
 * The optional client-side rate limit, a token bucket in its GCRA form (one "theoretical arrival
 * time" instead of a token count, so no timer and no floating point). The bucket holds one
 * second's worth of events (at least one) and refills continuously at {@code perMinute / 60} per
 * second. Actor-only: no synchronisation.
 */
final class RateLimiter {
    private final long intervalNanos;
    private final long toleranceNanos;
    private long tat;

    /**
     * A limiter, or none.
     *
     * @param perMinute events per minute; 0 = unlimited
     * @param nowNanos  the current {@link System#nanoTime()}
     * @return the limiter, or null when {@code perMinute} is 0
     */
    static RateLimiter perMinute(int perMinute, long nowNanos) {
        return perMinute <= 0 ? null : new RateLimiter(perMinute, nowNanos);
    }

    private RateLimiter(int perMinute, long nowNanos) {
        this.intervalNanos = 60_000_000_000L / perMinute;
        long burst = Math.max(1, perMinute / 60);
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.tat = nowNanos;
    }

    /**
     * Whether a token is available now (without taking it).
     *
     * @param nowNanos the current {@link System#nanoTime()}
     * @return true if the caller may send now
     */
    boolean ready(long nowNanos) {
        return nowNanos - (tat - toleranceNanos) >= 0;
    }

    /**
     * Takes a token; call only after {@link #ready} said yes.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     */
    void take(long nowNanos) {
        tat = Math.max(tat - nowNanos, 0) + nowNanos + intervalNanos;
    }

    /**
     * When the next token is available.
     *
     * @return a {@link System#nanoTime()} value
     */
    long nextFreeNanos() {
        return tat - toleranceNanos;
    }
}
