package io.ironcage.analytics.core.sync;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Back-off arithmetic: exponential with "equal jitter" (half the delay fixed, half random), so a
 * delay is never shorter than half the schedule and clients that failed together spread out.
 */
final class Backoff {
    private final long baseNanos;
    private final long capNanos;
    private final long maxRetryAfterNanos;
    /** The jitter source: a uniform value in {@code [0, bound)} for a given bound. */
    private final LongUnaryOperator randomBelow;

    /** With {@link ThreadLocalRandom} as the jitter source (of the calling thread, at each call). */
    Backoff(SyncTuning tuning) {
        this(tuning, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /**
     * @param randomBelow the jitter source, given a positive bound: a value in {@code [0, bound)};
     *                    tests pass a fixed one
     */
    Backoff(SyncTuning tuning, LongUnaryOperator randomBelow) {
        this.randomBelow = randomBelow;
        this.baseNanos = tuning.backoffBase().toNanos();
        this.capNanos = tuning.backoffCap().toNanos();
        this.maxRetryAfterNanos = tuning.maxRetryAfter().toNanos();
    }

    /**
     * The delay after the n-th consecutive failure: {@code min(cap, base * 2^(n-1))}, then jittered
     * into {@code [d/2, d]}.
     *
     * @param failures consecutive failures, at least 1
     * @return nanoseconds
     */
    long delayNanos(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 40);
        long d = baseNanos << shift;
        if (d <= 0 || d > capNanos || (d >> shift) != baseNanos) {
            d = capNanos;
        }
        long half = d / 2;
        return half + randomBelow.applyAsLong(d - half + 1);
    }

    /**
     * Reads a {@code Retry-After} header: delta-seconds or an HTTP date.
     *
     * @param value the header value, or null
     * @param nowEpochMillis the wall clock now, for an HTTP date
     * @return nanoseconds to wait (cut to {@code maxRetryAfter}, and at least the initial back-off
     *         {@code backoffBase}, i.e. {@code SyncConfig.retryBackoffInitial()}), or -1 if absent
     *         or unreadable
     */
    long retryAfterNanos(String value, long nowEpochMillis) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.strip();
        long nanos;
        try {
            long seconds = Long.parseLong(v);
            if (seconds < 0) {
                return -1;
            }
            nanos = seconds > maxRetryAfterNanos / 1_000_000_000L ? maxRetryAfterNanos : seconds * 1_000_000_000L;
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                nanos = Duration.ofMillis(Math.max(0, at - nowEpochMillis)).toNanos();
            } catch (DateTimeParseException | ArithmeticException notDate) {
                return -1;
            }
        }
        // Floored at the initial back-off: a hint of 0 (or a past date) must not turn the back-off
        // into a busy loop of requests against a server that is asking for less traffic.
        return Math.max(baseNanos, Math.min(nanos, maxRetryAfterNanos));
    }
}
