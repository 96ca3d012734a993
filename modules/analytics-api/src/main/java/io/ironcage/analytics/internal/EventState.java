package io.ironcage.analytics.internal;

/**
 * The values of an {@link io.ironcage.analytics.AnalyticsEvent}'s ownership state, defined here
 * once: the API reads {@link #SYNCED} for {@code isSynced()}, the store drives the transitions
 * (documented in core's {@code io.ironcage.analytics.core.store.EventStates}) through
 * {@link EventAccess}.
 */
public final class EventState {
    /** Built and held by no store. The value of a new event's field (its default, 0). */
    public static final int NEW = 0;
    /** In a store's buffer. */
    public static final int HELD = 1;
    /** Synced: marked by {@code markSynced} or delivered to the server. */
    public static final int SYNCED = 2;
    /** Released to a consumer: drained, claimed by the sync client, or evicted. */
    public static final int RELEASED = 3;
    /** Terminal: the store dropped it (given back to a full buffer, or recorded as it closed). */
    public static final int DROPPED = 4;

    private EventState() {}
}
