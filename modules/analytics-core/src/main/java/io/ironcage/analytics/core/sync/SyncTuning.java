package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.sync.SyncConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the actor: the back-off schedule and the bounds on server hints. The back-off comes
 * from {@link SyncConfig#withRetryBackoff} through {@link #forConfig}, which is what
 * {@link SyncClients#create(io.ironcage.analytics.EventStore, SyncConfig)} uses; the rest is
 * internal. Tests shrink the back-off to run fast by passing their own tuning to
 * {@link SyncClients#create(io.ironcage.analytics.EventStore, SyncConfig, SyncTuning, SyncObserver)}.
 *
 * @param backoffBase    the first back-off delay; each further failure doubles it
 * @param backoffCap     the longest back-off delay
 * @param maxRetryAfter  the longest {@code Retry-After} honoured (longer hints are cut to it)
 * @param maxResponseBytes how much of a response body is kept for inspection (the rest is read and discarded)
 */
public record SyncTuning(Duration backoffBase, Duration backoffCap, Duration maxRetryAfter, int maxResponseBytes) {

    /** The defaults: 500 ms base, 60 s cap, {@code Retry-After} up to 15 min, 16 KiB of body. */
    public static final SyncTuning DEFAULTS =
            new SyncTuning(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(15), 16 * 1024);

    /**
     * Validates the knobs.
     *
     * @param backoffBase      positive
     * @param backoffCap       at least {@code backoffBase}
     * @param maxRetryAfter    not negative
     * @param maxResponseBytes positive
     */
    public SyncTuning {
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (backoffBase.isNegative() || backoffBase.isZero()) {
            throw new IllegalArgumentException("backoffBase must be positive but was " + backoffBase);
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap (" + backoffCap + ") must be >= backoffBase ("
                    + backoffBase + ")");
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative but was " + maxRetryAfter);
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be > 0 but was " + maxResponseBytes);
        }
    }

    /**
     * The defaults with the configuration's retry back-off
     * ({@link SyncConfig#retryBackoffInitial()}, {@link SyncConfig#retryBackoffMax()}).
     *
     * @param config the configuration
     * @return the tuning for it
     */
    public static SyncTuning forConfig(SyncConfig config) {
        Objects.requireNonNull(config, "config");
        return DEFAULTS.withBackoff(config.retryBackoffInitial(), config.retryBackoffMax());
    }

    /**
     * A copy with another back-off schedule.
     *
     * @param base the first delay
     * @param cap  the longest delay
     * @return the copy
     */
    public SyncTuning withBackoff(Duration base, Duration cap) {
        return new SyncTuning(base, cap, maxRetryAfter, maxResponseBytes);
    }
}
