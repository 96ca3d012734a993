package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.AnalyticsEvent;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tokens the server refused (401, 403, 400 {@code INVALID_TOKEN}), each with the events held for
 * it until one probe with that token succeeds. A refused token never holds up other tokens.
 * Keyed by the token itself, which never leaves this map (no {@code toString} shows it).
 * Actor-only: no synchronisation.
 */
final class TokenPauses {
    /** One refused token. */
    private static final class Pause {
        final ArrayDeque<AnalyticsEvent> held = new ArrayDeque<>();
        long untilNanos;
        int failures;
        boolean probing;
    }

    private final Map<String, Pause> byToken = new LinkedHashMap<>();
    private long held;

    boolean isPaused(String token) {
        return byToken.containsKey(token);
    }

    boolean isEmpty() {
        return byToken.isEmpty();
    }

    int size() {
        return byToken.size();
    }

    /** Events held for all paused tokens (counted as retrying in the ledger). */
    long held() {
        return held;
    }

    /**
     * Holds an event for a token that is paused already.
     *
     * @return false if the token is not paused (the caller sends the event instead)
     */
    boolean holdIfPaused(String token, AnalyticsEvent e) {
        Pause p = byToken.get(token);
        if (p == null) {
            return false;
        }
        p.held.addLast(e);
        held++;
        return true;
    }

    /**
     * The server refused a token. The first refusal pauses it for one back-off step; a failed
     * probe doubles the pause. The event is held (first in line if it was the probe).
     *
     * @return true if this refusal created the pause
     */
    boolean refused(String key, AnalyticsEvent e, boolean wasProbe, long now, Backoff backoff) {
        Pause p = byToken.get(key);
        boolean created = p == null;
        if (created) {
            p = new Pause();
            byToken.put(key, p);
            p.failures = 1;
            p.untilNanos = now + backoff.delayNanos(1);
        } else if (wasProbe) {
            p.failures++;
            p.untilNanos = now + backoff.delayNanos(p.failures);
            p.probing = false;
        }
        if (wasProbe) {
            p.held.addFirst(e);
        } else {
            p.held.addLast(e);
        }
        held++;
        return created;
    }

    /**
     * A probe ended without telling whether the token works (a transient failure, a rejection of
     * the event itself): another probe may go. The probe's event, if still held, goes back first.
     *
     * @param e the probe's event to hold again, or null if it left the actor (rejected)
     * @return false if the pause no longer exists (the caller then keeps the event itself)
     */
    boolean probeInconclusive(String key, AnalyticsEvent e) {
        Pause p = byToken.get(key);
        if (p == null) {
            return false;
        }
        p.probing = false;
        if (e != null) {
            p.held.addFirst(e);
            held++;
        } else if (p.held.isEmpty()) {
            byToken.remove(key); // nothing left to hold for it: the next event decides afresh
        }
        return true;
    }

    /**
     * The server accepted a token again: its pause ends.
     *
     * @return its held events in order (empty if it was not paused)
     */
    List<AnalyticsEvent> resume(String token) {
        Pause p = byToken.remove(token);
        if (p == null) {
            return List.of();
        }
        held -= p.held.size();
        return List.copyOf(p.held);
    }

    /** Whether some paused token's back-off is over and it has an event to probe with. */
    boolean probeDue(long now) {
        for (Pause p : byToken.values()) {
            if (!p.probing && !p.held.isEmpty() && now - p.untilNanos >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the probe of the first token whose back-off is over, marking the token as probing.
     *
     * @return (paused token, event), or null if none is due
     */
    Map.Entry<String, AnalyticsEvent> takeProbe(long now) {
        for (Map.Entry<String, Pause> en : byToken.entrySet()) {
            Pause p = en.getValue();
            if (!p.probing && !p.held.isEmpty() && now - p.untilNanos >= 0) {
                p.probing = true;
                held--;
                return new SimpleImmutableEntry<>(en.getKey(), p.held.pollFirst());
            }
        }
        return null;
    }

    /** Whether some paused token has an event and no probe in flight (a probe will be due). */
    boolean probePending() {
        for (Pause p : byToken.values()) {
            if (!p.probing && !p.held.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * When the next probe is due; call only if {@link #probePending()}.
     *
     * @return a {@link System#nanoTime()} value
     */
    long nextProbeNanos() {
        long next = 0;
        boolean any = false;
        for (Pause p : byToken.values()) {
            if (!p.probing && !p.held.isEmpty() && (!any || p.untilNanos - next < 0)) {
                next = p.untilNanos;
                any = true;
            }
        }
        return next;
    }

    /** Hands every held event to the consumer and forgets all pauses (at stop). */
    void drain(Consumer<AnalyticsEvent> to) {
        for (Pause p : byToken.values()) {
            for (AnalyticsEvent e; (e = p.held.pollFirst()) != null; ) {
                to.accept(e);
            }
        }
        byToken.clear();
        held = 0;
    }

    @Override
    public String toString() {
        return "TokenPauses[tokens=" + byToken.size() + ", held=" + held + "]";
    }
}
