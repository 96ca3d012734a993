package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The ownership state of an {@link AnalyticsEvent}, reached through a VarHandle on its private
 * {@code state} field (the API module opens its package to this module only).
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
 */
public final class EventStates {
    static final int NEW = 0;
    static final int HELD = 1;
    static final int SYNCED = 2;
    static final int RELEASED = 3;
    /** Terminal: the store dropped it (given back to a full buffer, or recorded as it closed). */
    static final int DROPPED = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.privateLookupIn(AnalyticsEvent.class, MethodHandles.lookup())
                    .findVarHandle(AnalyticsEvent.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EventStates() {}

    /** Claims a caller-built event for a store; false if another store holds or held it. */
    static boolean adopt(AnalyticsEvent e) {
        return STATE.compareAndSet(e, NEW, HELD);
    }

    /**
     * Marks an event the store just built as held. A plain write is enough: the event is not yet
     * shared, and the queue's offer links its node with a CAS (a volatile write) that publishes it
     * with this write.
     */
    static void initHeld(AnalyticsEvent e) {
        STATE.set(e, HELD);
    }

    /** Takes a buffered event for a consumer or an eviction; false if another got it first. */
    static boolean release(AnalyticsEvent e) {
        return STATE.compareAndSet(e, HELD, RELEASED);
    }

    /** Marks a buffered event synced; false if it was already marked or taken. */
    static boolean markBuffered(AnalyticsEvent e) {
        return STATE.compareAndSet(e, HELD, SYNCED);
    }

    /**
     * Gives a released event back to a buffer (the sync client returning what it could not send).
     *
     * @param e an event this store released
     * @return false if it was not in the released state
     */
    public static boolean rehold(AnalyticsEvent e) {
        return STATE.compareAndSet(e, RELEASED, HELD);
    }

    /** A given-back event for which no slot could be had: dropped, never held again. */
    static boolean dropReleased(AnalyticsEvent e) {
        return STATE.compareAndSet(e, RELEASED, DROPPED);
    }

    /** Takes a buffered event back out as dropped; false if a consumer or marker got it first. */
    static boolean dropHeld(AnalyticsEvent e) {
        return STATE.compareAndSet(e, HELD, DROPPED);
    }

    /**
     * Records that the server has a released event, so {@link AnalyticsEvent#isSynced()} says so.
     *
     * @param e an event the sync client delivered
     */
    public static void delivered(AnalyticsEvent e) {
        STATE.compareAndSet(e, RELEASED, SYNCED);
    }

    /** A volatile read: a reader sees a mark or a release that happened before it. */
    static boolean isHeld(AnalyticsEvent e) {
        return (int) STATE.getVolatile(e) == HELD;
    }
}
