package io.ironcage.analytics.internal;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventPayload;

/**
 * What the implementation may do to an {@link AnalyticsEvent} that an application may not.
 * Implemented once, inside {@code AnalyticsEvent}; obtained through
 * {@link SharedSecrets#eventAccess()}.
 *
 * <p>Hold the instance in a {@code static final} field: there is exactly one implementation, so
 * the JIT sees a constant receiver and inlines each call down to the {@code VarHandle} operation on
 * the event's field (no allocation, no megamorphic dispatch on the recording path).
 */
public interface EventAccess {

    /**
     * Reads the event's ownership state with volatile semantics: the reader also sees what the
     * thread that wrote the state did before.
     *
     * @param event the event
     * @return one of the {@link EventState} values
     */
    int state(AnalyticsEvent event);

    /**
     * Atomically sets the event's ownership state to {@code next} if it is {@code expected}
     * (volatile semantics).
     *
     * @param event    the event
     * @param expected the {@link EventState} value the caller expects
     * @param next     the {@link EventState} value to set
     * @return true if the state was {@code expected} and is now {@code next}
     */
    boolean compareAndSetState(AnalyticsEvent event, int expected, int next);

    /**
     * Sets the state of an event no other thread can see yet with a plain write; the caller
     * publishes the event afterwards with a release (for example the CAS that links it into a
     * queue), which publishes this write with it.
     *
     * @param event an event only the calling thread references
     * @param state the {@link EventState} value
     */
    void initState(AnalyticsEvent event, int state);

    /**
     * A new event stamped {@code timestampMs} with a new version-7 id derived from that same
     * timestamp (one clock read for both), built without allocating a {@link java.util.UUID}.
     *
     * @param timestampMs Unix epoch milliseconds: the event's timestamp and its id's time prefix
     * @param agentId     the agent; may be null
     * @param payload     what happened
     * @return the event, in state {@link EventState#NEW}
     * @throws IllegalArgumentException if the agent id is invalid
     * @throws NullPointerException     if the payload is null
     */
    AnalyticsEvent newEvent(long timestampMs, String agentId, EventPayload payload);
}
