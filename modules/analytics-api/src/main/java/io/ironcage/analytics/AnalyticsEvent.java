package io.ironcage.analytics;

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
    // Ownership state, changed only by the implementation module with compareAndSet through a
    // VarHandle (this package is opened to it alone): 0 = new, held by no store; 1 = in a store's
    // buffer; 2 = synced (marked or delivered); 3 = released to a consumer (drained or claimed by
    // the sync client). The CAS from 1 is what makes "marked" and "taken" exclusive, so an event is
    // counted exactly once. Volatile: a reader that sees 2 also sees what the store did before.
    private volatile int state;

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
     * An event from an id given as its two halves; what a store uses on its recording path to
     * avoid building a {@link UUID}.
     *
     * @param idMostSigBits  the id's most significant bits
     * @param idLeastSigBits the id's least significant bits
     * @param timestampMs    Unix epoch milliseconds
     * @param agentId        the agent; may be null
     * @param payload        what happened
     * @return the event
     */
    public static AnalyticsEvent of(long idMostSigBits, long idLeastSigBits, long timestampMs,
                                    String agentId, EventPayload payload) {
        return new AnalyticsEvent(idMostSigBits, idLeastSigBits, timestampMs, agentId, payload);
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
        return state == 2;
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
}
