package io.ironcage.analytics;

import io.ironcage.analytics.internal.EventAccess;
import io.ironcage.analytics.internal.EventState;
import io.ironcage.analytics.internal.SharedSecrets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One recorded event: an id, a timestamp, an optional agent and a typed {@link EventPayload}.
 *
 * <p>Immutable apart from the sync flag, which only the store that holds the event sets (through
 * {@link EventStore#markSynced} or its sync client). The id is kept as two inline longs so that a
 * full buffer stays small; {@link #eventId()} builds the {@link EventId} view on demand.
 *
 * <p>Equality covers id, timestamp, agent and payload, not the sync flag.
 */
public final class AnalyticsEvent {
    private final long idMostSigBits;
    private final long idLeastSigBits;
    private final long timestampMs;
    private final String agentId;
    private final EventPayload payload;
    // Ownership state, one of the EventState values, changed only by the implementation module
    // through EventAccess (exported to it alone; see the static initialiser). The CAS from HELD is
    // what makes "marked" and "taken" exclusive, so an event is counted exactly once. Volatile: a
    // reader that sees SYNCED also sees what the store did before.
    private volatile int state;

    /** This class's own handle on {@link #state}: a private lookup, so no {@code opens} is needed. */
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AnalyticsEvent.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        // Last: the accessor is usable as soon as anyone can obtain it (see SharedSecrets).
        SharedSecrets.setEventAccess(new Access());
    }

    private AnalyticsEvent(long msb, long lsb, long timestampMs, String agentId, EventPayload payload) {
        this.idMostSigBits = msb;
        this.idLeastSigBits = lsb;
        this.timestampMs = timestampMs;
        this.agentId = Checks.optionalName("agentId", agentId);
        this.payload = Objects.requireNonNull(payload, "payload");
    }

    /**
     * A new event with a new id, stamped now, with no agent.
     *
     * @param payload what happened
     * @return the event
     */
    public static AnalyticsEvent of(EventPayload payload) {
        long now = System.currentTimeMillis();
        return new AnalyticsEvent(EventId.v7HighBits(now), EventId.v7LowBits(), now, null, payload);
    }

    /**
     * An event with every field given, for restoring events from JSON or a spool.
     *
     * @param id          the event id
     * @param timestampMs Unix epoch milliseconds
     * @param agentId     the agent; may be null
     * @param payload     what happened
     * @return the event
     */
    public static AnalyticsEvent of(EventId id, long timestampMs, String agentId, EventPayload payload) {
        Objects.requireNonNull(id, "id");
        UUID u = id.value();
        return new AnalyticsEvent(u.getMostSignificantBits(), u.getLeastSignificantBits(), timestampMs,
                agentId, payload);
    }

    /**
     * A copy of this event attributed to another agent (same id, timestamp and payload; not synced).
     *
     * @param agentId the agent; may be null
     * @return the copy
     */
    public AnalyticsEvent withAgentId(String agentId) {
        return new AnalyticsEvent(idMostSigBits, idLeastSigBits, timestampMs, agentId, payload);
    }

    /**
     * The event's id.
     *
     * @return the id
     */
    public EventId eventId() {
        return new EventId(new UUID(idMostSigBits, idLeastSigBits));
    }

    /**
     * The id's most significant 64 bits, without building a {@link UUID}.
     *
     * @return the bits
     */
    public long idMostSigBits() {
        return idMostSigBits;
    }

    /**
     * The id's least significant 64 bits, without building a {@link UUID}.
     *
     * @return the bits
     */
    public long idLeastSigBits() {
        return idLeastSigBits;
    }

    /**
     * When the event happened.
     *
     * @return Unix epoch milliseconds
     */
    public long timestampMs() {
        return timestampMs;
    }

    /**
     * The agent the event is attributed to.
     *
     * @return the agent id, or empty
     */
    public Optional<String> agentId() {
        return Optional.ofNullable(agentId);
    }

    /**
     * Whether the store has marked this event as delivered to the server.
     *
     * @return true once marked
     */
    public boolean isSynced() {
        return state == EventState.SYNCED;
    }

    /**
     * What happened.
     *
     * @return the payload
     */
    public EventPayload payload() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalyticsEvent e
                && idMostSigBits == e.idMostSigBits && idLeastSigBits == e.idLeastSigBits
                && timestampMs == e.timestampMs && Objects.equals(agentId, e.agentId)
                && payload.equals(e.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(idMostSigBits ^ idLeastSigBits);
    }

    @Override
    public String toString() {
        return "AnalyticsEvent[id=" + eventId() + ", timestampMs=" + timestampMs + ", agentId=" + agentId
                + ", synced=" + isSynced() + ", payload=" + payload + "]";
    }

    /**
     * The implementation's access, published to core through {@link SharedSecrets}. Each method is
     * one VarHandle operation or one constructor call, so a call through a {@code static final}
     * reference inlines to that.
     */
    private static final class Access implements EventAccess {
        @Override
        public int state(AnalyticsEvent event) {
            return (int) STATE.getVolatile(event);
        }

        @Override
        public boolean compareAndSetState(AnalyticsEvent event, int expected, int next) {
            return STATE.compareAndSet(event, expected, next);
        }

        @Override
        public void initState(AnalyticsEvent event, int state) {
            STATE.set(event, state);
        }

        @Override
        public AnalyticsEvent newEvent(long timestampMs, String agentId, EventPayload payload) {
            return new AnalyticsEvent(EventId.v7HighBits(timestampMs), EventId.v7LowBits(), timestampMs, agentId,
                    payload);
        }
    }
}
