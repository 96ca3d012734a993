package io.ironcage.analytics.core.store;

import static io.ironcage.analytics.internal.EventState.DROPPED;
import static io.ironcage.analytics.internal.EventState.HELD;
import static io.ironcage.analytics.internal.EventState.NEW;
import static io.ironcage.analytics.internal.EventState.RELEASED;
import static io.ironcage.analytics.internal.EventState.SYNCED;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventPayload;
import io.ironcage.analytics.internal.EventAccess;
import io.ironcage.analytics.internal.SharedSecrets;

/**
 * The ownership state of an {@link AnalyticsEvent}, reached through the API's {@link EventAccess}
 * (exported to this module only; the state values are the API's
 * {@link io.ironcage.analytics.internal.EventState}). Also the store's one way to build an event
 * with a fresh id ({@link #newEvent}).
 *
 * <p>Transitions: {@code NEW -> HELD} when a store buffers it; {@code HELD -> SYNCED} when
 * {@code markSynced} names it; {@code HELD -> RELEASED} when a consumer polls it out (drain, sync
 * claim) or a full buffer evicts it (local events only); {@code RELEASED -> HELD} when the sync
 * client gives it back and the buffer has reserved a slot for it; {@code RELEASED -> DROPPED} when
 * the sync client gives it back and no slot can be had (it never becomes HELD outside a queue, so
 * no marker can find it held); {@code HELD -> DROPPED} when a record raced {@code close()} and
 * the store takes the just-buffered event back out; {@code RELEASED -> SYNCED} when the server
 * took it (delivered or duplicate). The compareAndSet from {@code HELD} is the single point that
 * makes "marked", "taken" and "evicted" exclusive, so each event is counted in exactly one
 * accounting term. Every access is volatile (compareAndSet, getVolatile), except
 * {@link #initHeld}'s plain write, which the buffer's queue publishes with the CAS that links the
 * event's node.
 *
 * <p>Cost: {@link #EVENTS} is a {@code static final} with exactly one implementation, so each call
 * here inlines to the VarHandle operation inside {@code AnalyticsEvent}; nothing is allocated.
 */
public final class EventStates {
    /** The API's accessor; obtaining it initialises {@code AnalyticsEvent}, which registers it. */
    private static final EventAccess EVENTS = SharedSecrets.eventAccess();

    private EventStates() {}

    /**
     * A new event stamped {@code now} whose v7 id carries the same millisecond, built without a
     * {@link java.util.UUID}: what the recording path creates. Not yet held by any store.
     */
    static AnalyticsEvent newEvent(long now, String agentId, EventPayload payload) {
        return EVENTS.newEvent(now, agentId, payload);
    }

    /** Claims a caller-built event for a store; false if another store holds or held it. */
    static boolean adopt(AnalyticsEvent e) {
        return EVENTS.compareAndSetState(e, NEW, HELD);
    }

    /**
     * Marks an event the store just built as held. A plain write is enough: the event is not yet
     * shared, and the queue's offer links its node with a CAS (a volatile write) that publishes it
     * with this write.
     */
    static void initHeld(AnalyticsEvent e) {
        EVENTS.initState(e, HELD);
    }

    /** Takes a buffered event for a consumer or an eviction; false if another got it first. */
    static boolean release(AnalyticsEvent e) {
        return EVENTS.compareAndSetState(e, HELD, RELEASED);
    }

    /** Marks a buffered event synced; false if it was already marked or taken. */
    static boolean markBuffered(AnalyticsEvent e) {
        return EVENTS.compareAndSetState(e, HELD, SYNCED);
    }

    /**
     * Gives a released event back to a buffer (the sync client returning what it could not send).
     *
     * @param e an event this store released
     * @return false if it was not in the released state
     */
    public static boolean rehold(AnalyticsEvent e) {
        return EVENTS.compareAndSetState(e, RELEASED, HELD);
    }

    /** A given-back event for which no slot could be had: dropped, never held again. */
    static boolean dropReleased(AnalyticsEvent e) {
        return EVENTS.compareAndSetState(e, RELEASED, DROPPED);
    }

    /** Takes a buffered event back out as dropped; false if a consumer or marker got it first. */
    static boolean dropHeld(AnalyticsEvent e) {
        return EVENTS.compareAndSetState(e, HELD, DROPPED);
    }

    /**
     * Records that the server has a released event, so {@link AnalyticsEvent#isSynced()} says so.
     *
     * @param e an event the sync client delivered
     */
    public static void delivered(AnalyticsEvent e) {
        EVENTS.compareAndSetState(e, RELEASED, SYNCED);
    }

    /** A volatile read: a reader sees a mark or a release that happened before it. */
    static boolean isHeld(AnalyticsEvent e) {
        return EVENTS.state(e) == HELD;
    }
}
