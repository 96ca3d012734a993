package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdTest {

    private static final int COUNT = 1_000_000;

    @Test
    void aMillionRandomIdsAreDistinct() {
        UUID[] ids = new UUID[COUNT];
        for (int i = 0; i < COUNT; i++) {
            ids[i] = EventId.random().value();
        }
        Arrays.sort(ids);
        for (int i = 1; i < COUNT; i++) {
            assertNotEquals(ids[i - 1], ids[i], "duplicate id at sorted position " + i);
        }
    }

    @Test
    void versionSevenWithTheIetfVariant() {
        for (int i = 0; i < 10_000; i++) {
            UUID u = EventId.random().value();
            assertEquals(7, u.version(), u.toString());
            assertEquals(2, u.variant(), u.toString());
        }
    }

    @Test
    void theHighBitsCarryTheWallClockMillisecond() {
        long before = System.currentTimeMillis();
        UUID u = EventId.random().value();
        long after = System.currentTimeMillis();
        long ts = u.getMostSignificantBits() >>> 16;
        assertTrue(ts >= before && ts <= after, "timestamp " + ts + " outside [" + before + ", " + after + "]");
    }

    @Test
    void idsAreTimeOrderedByTheirMostSignificantBits() {
        // Within one millisecond the 12 random bits may go either way; across milliseconds the
        // timestamp prefix orders them, so the 48-bit prefix never decreases in generation order.
        long previous = Long.MIN_VALUE;
        long distinctMillis = 0;
        long start = System.currentTimeMillis();
        for (int i = 0; i < 200_000 || System.currentTimeMillis() - start < 5; i++) {
            long ts = EventId.random().value().getMostSignificantBits() >>> 16;
            assertTrue(ts >= previous, "timestamp prefix went back: " + previous + " -> " + ts);
            if (ts != previous) {
                distinctMillis++;
            }
            previous = ts;
        }
        assertTrue(distinctMillis >= 2, "the run should have spanned several milliseconds");
    }

    @Test
    void anIdFromAnEarlierMillisecondSortsFirst() {
        UUID early = new UUID(EventId.v7HighBits(1_700_000_000_000L), EventId.v7LowBits());
        UUID late = new UUID(EventId.v7HighBits(1_700_000_000_001L), EventId.v7LowBits());
        // Unsigned comparison of the high bits: the order a database index of the bytes gives.
        assertTrue(Long.compareUnsigned(early.getMostSignificantBits(), late.getMostSignificantBits()) < 0);
    }

    @Test
    void helperBitsFormAVersionSevenUuid() {
        UUID u = new UUID(EventId.v7HighBits(0x0123_4567_89ABL), EventId.v7LowBits());
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(0x0123_4567_89ABL, u.getMostSignificantBits() >>> 16);
        assertTrue(u.toString().startsWith("01234567-89ab-7"), u.toString());
    }

    @Test
    void parseRoundTripsTheCanonicalForm() {
        EventId id = EventId.random();
        assertEquals(id, EventId.parse(id.toString()));
        assertEquals(id.value().toString(), id.toString());
    }

    @Test
    void parseNamesTheBadText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventId.parse("not-a-uuid"));
        assertTrue(e.getMessage().contains("not-a-uuid"), e.getMessage());
        assertThrows(NullPointerException.class, () -> EventId.parse(null));
    }

    @Test
    void rejectsNullValue() {
        assertThrows(NullPointerException.class, () -> new EventId(null));
    }
}
