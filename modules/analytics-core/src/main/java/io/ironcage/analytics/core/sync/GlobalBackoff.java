package io.ironcage.analytics.core.sync;

/**
 * The global back-off: the server is down or failing for everyone (5xx, 429, timeouts, refused
 * connections), so the actor stops sending until a delay has passed, then sends ONE probe, whose
 * outcome decides. Beside {@link TokenPauses}, which pauses a single refused token instead.
 *
 * <ul>
 *   <li>A transient failure outside a back-off, or of the probe, counts one more consecutive
 *   failure and (re)starts the wait: the server's {@code Retry-After} hint if it sent one (already
 *   floored at the initial back-off by {@link Backoff#retryAfterNanos}), else
 *   {@link Backoff#delayNanos} of the failure count (doubling with jitter, capped).</li>
 *   <li>A failure of a request sent before the back-off began does not count again; its longer
 *   hint still extends the wait.</li>
 *   <li>Any answer to the probe that shows the server up (a delivery, a rejection, an auth
 *   refusal) ends the back-off; only a delivery resets the failure count (a success outside a
 *   back-off does too).</li>
 * </ul>
 * Actor-only: no synchronisation. Times are values of the actor's nanosecond clock.
 */
final class GlobalBackoff {
    private final Backoff backoff;
    private boolean active;
    private boolean probing;
    private long untilNanos;
    private int failures;

    GlobalBackoff(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Whether the actor is backing off (waiting, or its probe is in flight). */
    boolean active() {
        return active;
    }

    /** Whether the actor is waiting for the back-off to end (no probe in flight): a timer is due. */
    boolean waiting() {
        return active && !probing;
    }

    /** Whether the wait is over and the one probe may go now. */
    boolean probeDue(long now) {
        return waiting() && now - untilNanos >= 0;
    }

    /** The probe was sent: nothing else goes until it is answered. */
    void probeSent() {
        probing = true;
    }

    /** When the wait ends (meaningful while {@link #waiting()}). */
    long untilNanos() {
        return untilNanos;
    }

    /** Consecutive transient failures (drives the delay; shown in the status). */
    int failures() {
        return failures;
    }

    /** Until the wait ends, for the log line. */
    long delayMillis(long now) {
        return Math.max(0, (untilNanos - now) / 1_000_000);
    }

    /**
     * A transient failure (or a 429).
     *
     * @param wasProbe  whether the failed request was the back-off probe
     * @param hintNanos the server's {@code Retry-After}, or -1
     */
    void failed(boolean wasProbe, long hintNanos, long now) {
        if (!active || wasProbe) {
            failures++;
            active = true;
            probing = false;
            untilNanos = now + (hintNanos >= 0 ? hintNanos : backoff.delayNanos(failures));
        } else if (hintNanos >= 0 && now + hintNanos - untilNanos > 0) {
            untilNanos = now + hintNanos; // a longer server hint wins
        }
    }

    /**
     * The server accepted an event.
     *
     * @return true if this ended the back-off (the caller resumes sending)
     */
    boolean delivered(boolean wasProbe) {
        if (!active || wasProbe) {
            // A late success of a request sent before the back-off began does not end it: only
            // the probe decides, so the failure count stays meaningful until then.
            failures = 0;
        }
        return answered(wasProbe);
    }

    /**
     * The server answered (a rejection, an auth refusal): it is up.
     *
     * @return true if this ended the back-off (it does when the answer is the probe's)
     */
    boolean answered(boolean wasProbe) {
        if (wasProbe) {
            end();
            return true;
        }
        return false;
    }

    /** Ends the back-off (the probe said the server is up, or nothing is left to probe with). */
    void end() {
        active = false;
        probing = false;
    }

    @Override
    public String toString() {
        return "GlobalBackoff[" + (active ? probing ? "probing" : "waiting" : "off") + ", failures=" + failures + "]";
    }
}
