package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.RouterStarted;
import java.lang.reflect.InaccessibleObjectException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store's access to events through the API's implementation-only {@code EventAccess}: events
 * built on the recording path carry a v7 id of their own timestamp, the state the store writes is
 * the one {@link AnalyticsEvent#isSynced()} reads (the values are defined once), and the module
 * graph grants core the accessor package and no reflective access to the API.
 */
class EventAccessTest {

    @Test
    void newEventCarriesItsTimestampInAVersionSevenId() {
        AnalyticsEvent e = EventStates.newEvent(0x0123_4567_89ABL, "agent-7", new RouterStarted(80));
        UUID u = e.eventId().value();
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(0x0123_4567_89ABL, u.getMostSignificantBits() >>> 16);
        assertTrue(u.toString().startsWith("01234567-89ab-7"), u.toString());
        assertEquals(0x0123_4567_89ABL, e.timestampMs());
        assertEquals("agent-7", e.agentId().orElseThrow());
        assertEquals(new RouterStarted(80), e.payload());
        assertFalse(e.isSynced());
    }

    @Test
    void newEventsFromAnEarlierMillisecondSortFirst() {
        AnalyticsEvent early = EventStates.newEvent(1_700_000_000_000L, null, new RouterStarted(1));
        AnalyticsEvent late = EventStates.newEvent(1_700_000_000_001L, null, new RouterStarted(1));
        // Unsigned comparison of the high bits: the order a database index of the bytes gives.
        assertTrue(Long.compareUnsigned(early.idMostSigBits(), late.idMostSigBits()) < 0);
        assertTrue(early.agentId().isEmpty());
    }

    @Test
    void newEventIdsAreDistinctWithinOneMillisecond() {
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(EventStates.newEvent(42L, null, new RouterStarted(1)).eventId().value()));
        }
    }

    @Test
    void newEventValidatesLikeThePublicFactory() {
        assertThrows(NullPointerException.class, () -> EventStates.newEvent(1L, null, null));
        assertThrows(IllegalArgumentException.class, () -> EventStates.newEvent(1L, "x".repeat(257),
                new RouterStarted(1)));
    }

    @Test
    void theStateTheStoreWritesIsTheStateTheApiReads() {
        AnalyticsEvent e = AnalyticsEvent.of(new RouterStarted(1));
        assertTrue(EventStates.adopt(e), "a new event is adopted");
        assertFalse(EventStates.adopt(e), "only once");
        assertTrue(EventStates.isHeld(e));
        assertFalse(e.isSynced());
        assertTrue(EventStates.markBuffered(e));
        assertTrue(e.isSynced(), "SYNCED written through the accessor is what isSynced() reads");
        assertFalse(EventStates.isHeld(e));
        assertFalse(EventStates.release(e), "a synced event cannot be taken");

        AnalyticsEvent d = AnalyticsEvent.of(new RouterStarted(2));
        EventStates.initHeld(d);
        assertTrue(EventStates.release(d));
        assertFalse(d.isSynced());
        EventStates.delivered(d);
        assertTrue(d.isSynced(), "delivered");
    }

    @Test
    void coreReadsTheAccessorPackageButCannotReflectIntoTheApi() {
        Module api = AnalyticsEvent.class.getModule();
        Module core = EventStates.class.getModule();
        assertTrue(api.isNamed() && core.isNamed(), "expected to run on the module path: " + api + ", " + core);
        assertTrue(api.isExported("io.ironcage.analytics.internal", core));
        assertFalse(api.isExported("io.ironcage.analytics.internal"), "exported to everyone");
        assertFalse(api.isOpen("io.ironcage.analytics", core), "the API opens its event package again");
        // The specific refusal: a renamed field (NoSuchFieldException) or any other failure fails this.
        assertThrows(InaccessibleObjectException.class, EventAccessTest::readPrivateState,
                "reflection into AnalyticsEvent must be refused");
    }

    /**
     * The private field through core's own reflection: {@code setAccessible} throws
     * {@link InaccessibleObjectException}, since nothing is opened.
     */
    private static Object readPrivateState() throws ReflectiveOperationException {
        var f = AnalyticsEvent.class.getDeclaredField("state");
        f.setAccessible(true);
        return f.get(AnalyticsEvent.of(new RouterStarted(1)));
    }
}
