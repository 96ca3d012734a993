package io.ironcage.analytics;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An event's identity, used by the Control API to de-duplicate deliveries.
 *
 * <p>{@link #random()} makes a version-7 UUID (48-bit millisecond timestamp, 74 random bits) from
 * {@link ThreadLocalRandom}: unique for all practical purposes and cheap (no system call, no shared
 * lock), but <em>not secret</em>; never use an event id as a credential.
 *
 * @param value the UUID
 */
public record EventId(UUID value) {

    /**
     * Validates the value.
     *
     * @param value the UUID, not null
     */
    public EventId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new unique (not secret) id, time-ordered by the current wall-clock millisecond.
     *
     * @return a new id
     */
    public static EventId random() {
        return new EventId(new UUID(v7HighBits(System.currentTimeMillis()), v7LowBits()));
    }

    /**
     * Parses the canonical string form.
     *
     * @param text such as {@code "0190f5f4-...."}
     * @return the id
     * @throws IllegalArgumentException naming the text if it is not a UUID
     */
    public static EventId parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return new EventId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event id is not a UUID: \"" + text + "\"", e);
        }
    }

    /**
     * The most significant 64 bits of a version-7 UUID for the given time: the timestamp, the
     * version nibble and 12 random bits. Package-private: a store derives the id from the event's
     * own timestamp (one clock read) through {@code EventAccess.newEvent}.
     *
     * @param timestampMs Unix epoch milliseconds
     * @return the high bits
     */
    static long v7HighBits(long timestampMs) {
        long rand12 = ThreadLocalRandom.current().nextLong() & 0xFFFL;
        return (timestampMs << 16) | 0x7000L | rand12;
    }

    /**
     * The least significant 64 bits of a version-7 UUID: the IETF variant and 62 random bits.
     *
     * @return the low bits
     */
    static long v7LowBits() {
        return (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    }

    /** The canonical UUID string. */
    @Override
    public String toString() {
        return value.toString();
    }
}
