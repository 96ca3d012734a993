package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The event records validate their components; each error names the argument and its value. */
class PayloadValidationTest {

    private static final LlmModelMeta META = LlmModelMeta.of("ip_openai_001", Provider.OPENAI, "gpt-4o-mini");

    static void assertIae(Executable call, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String s : mustMention) {
            assertTrue(e.getMessage().contains(s), "message should mention \"" + s + "\": " + e.getMessage());
        }
    }

    static void assertNpe(Executable call, String argument) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(argument, e.getMessage());
    }

    // ---------------------------------------------------------------- LlmRequestCompleted

    @Test
    void negativeTokenCountsAndCostAreRejected() {
        assertIae(() -> new LlmRequestCompleted(META, -1, 0, 0), "inputTokens", "-1");
        assertIae(() -> new LlmRequestCompleted(META, 0, -2, 0), "outputTokens", "-2");
        assertIae(() -> new LlmRequestCompleted(META, 0, 0, -3), "costMicros", "-3");
        assertIae(() -> new LlmRequestCompleted(META, 10, 0, -4, 0, 0, 0, true, null), "cacheReadTokens", "-4");
        assertIae(() -> new LlmRequestCompleted(META, 10, 0, 0, -5, 0, 0, true, null), "cacheWriteTokens", "-5");
        assertIae(() -> new LlmRequestCompleted(META, 10, 10, 0, 0, -6, 0, true, null), "reasoningTokens", "-6");
    }

    @Test
    void cacheTokensMustFitInTheInput() {
        assertIae(() -> new LlmRequestCompleted(META, 100, 0, 101, 0, 0, 0, true, null), "cacheReadTokens", "101", "100");
        assertIae(() -> new LlmRequestCompleted(META, 100, 0, 0, 101, 0, 0, true, null), "cacheWriteTokens", "101", "100");
        assertIae(() -> new LlmRequestCompleted(META, 100, 0, 60, 41, 0, 0, true, null), "60", "41", "100");
        // Exactly full is fine.
        LlmRequestCompleted full = new LlmRequestCompleted(META, 100, 0, 60, 40, 0, 0, true, null);
        assertEquals(60, full.cacheReadTokens());
        assertEquals(40, full.cacheWriteTokens());
    }

    @Test
    void reasoningTokensMustFitInTheOutput() {
        assertIae(() -> new LlmRequestCompleted(META, 0, 5, 0, 0, 6, 0, true, null), "reasoningTokens", "6", "5");
        assertEquals(5, new LlmRequestCompleted(META, 0, 5, 0, 0, 5, 0, true, null).reasoningTokens());
    }

    @Test
    void theOriginalShapeIsPricedWithNoCacheOrReasoning() {
        LlmRequestCompleted c = new LlmRequestCompleted(META, 11, 1, 7);
        assertEquals(11, c.inputTokens());
        assertEquals(1, c.outputTokens());
        assertEquals(7, c.costMicros());
        assertEquals(0, c.cacheReadTokens() + c.cacheWriteTokens() + c.reasoningTokens());
        assertTrue(c.priced());
        assertNull(c.pricingRevision());
        assertEquals("llm_request_completed", c.eventType());
    }

    @Test
    void metaIsRequired() {
        assertNpe(() -> new LlmRequestCompleted(null, 1, 1, 1), "meta");
        assertNpe(() -> new LlmRequestFailed(null, "c", "m"), "meta");
    }

    // ---------------------------------------------------------------- LlmModelMeta

    @Test
    void modelAndProviderAreRequired() {
        assertNpe(() -> new LlmModelMeta(null, "openai", null), "model");
        assertNpe(() -> new LlmModelMeta(null, null, "gpt-4"), "provider");
        assertNpe(() -> LlmModelMeta.of(null, null, "gpt-4"), "provider");
        assertIae(() -> new LlmModelMeta(null, "openai", ""), "model");
        assertIae(() -> new LlmModelMeta(null, "openai", "   "), "model");
        assertIae(() -> new LlmModelMeta(null, " ", "gpt-4"), "provider");
        assertIae(() -> new LlmModelMeta("", "openai", "gpt-4"), "providerId");
    }

    @Test
    void stringsOver256CharactersAreRejected() {
        String ok = "m".repeat(256);
        String tooLong = "x".repeat(257);
        assertEquals(ok, new LlmModelMeta(ok, ok, ok).model());
        assertIae(() -> new LlmModelMeta(null, "openai", tooLong), "model", "257", "xxxxxxxx");
        assertIae(() -> new LlmModelMeta(null, tooLong, "gpt-4"), "provider", "257");
        assertIae(() -> new LlmModelMeta(tooLong, "openai", "gpt-4"), "providerId", "257");
        assertIae(() -> AnalyticsEvent.of(EventId.random(), 0, tooLong, new RouterStarted(80)), "agentId", "257");
        assertIae(() -> AnalyticsEvent.of(new RouterStarted(80)).withAgentId(tooLong), "agentId", "257");
    }

    @Test
    void metaOfUsesTheWireName() {
        assertEquals("anthropic", LlmModelMeta.of(null, Provider.ANTHROPIC, "claude-3-opus").provider());
        assertNull(LlmModelMeta.of(null, Provider.ANTHROPIC, "claude-3-opus").providerId());
    }

    // ---------------------------------------------------------------- LlmRequestFailed

    @Test
    void errorTextOverTheLimitIsTruncatedWithAMarker() {
        String message = "e".repeat(5_000);
        LlmRequestFailed f = new LlmRequestFailed(META, "c".repeat(4_097), message);
        assertEquals(4_096, f.errorMessage().length());
        assertTrue(f.errorMessage().endsWith("...[truncated 904 chars]"), f.errorMessage().substring(4_000));
        assertTrue(f.errorMessage().startsWith("e".repeat(4_000)));
        assertEquals(4_096, f.errorCode().length());
        assertTrue(f.errorCode().endsWith("...[truncated 1 chars]"), f.errorCode().substring(4_000));
    }

    @Test
    void errorTextAtTheLimitIsKeptWhole() {
        String message = "e".repeat(4_096);
        LlmRequestFailed f = new LlmRequestFailed(META, "rate_limit_exceeded", message);
        assertSame(message, f.errorMessage());
        assertEquals("rate_limit_exceeded", f.errorCode());
        assertEquals("llm_request_failed", f.eventType());
    }

    @Test
    void truncationIsStableSoARecordRebuiltFromItsComponentsIsEqual() {
        LlmRequestFailed f = new LlmRequestFailed(META, null, "z".repeat(10_000));
        assertEquals(f, new LlmRequestFailed(f.meta(), f.errorCode(), f.errorMessage()));
        assertNull(f.errorCode());
    }

    // ---------------------------------------------------------------- local event kinds

    @Test
    void thresholdOutside0To100IsRejected() {
        assertIae(() -> new BudgetThresholdReached(101, 0, 0), "thresholdPercent", "101");
        assertIae(() -> new BudgetThresholdReached(-1, 0, 0), "thresholdPercent", "-1");
        assertEquals(0, new BudgetThresholdReached(0, 0, 0).thresholdPercent());
        assertEquals(100, new BudgetThresholdReached(100, 0, 0).thresholdPercent());
        assertIae(() -> new BudgetThresholdReached(50, -7, 0), "currentSpendMicros", "-7");
        assertIae(() -> new BudgetThresholdReached(50, 0, -8), "budgetMicros", "-8");
        assertEquals("budget_threshold_reached", new BudgetThresholdReached(80, 1, 2).eventType());
    }

    @Test
    void portOutside0To65535IsRejected() {
        assertIae(() -> new RouterStarted(65_536), "port", "65536");
        assertIae(() -> new RouterStarted(-1), "port", "-1");
        assertEquals(0, new RouterStarted(0).port());
        assertEquals(65_535, new RouterStarted(65_535).port());
        assertEquals("router_started", new RouterStarted(8080).eventType());
    }

    @Test
    void routerStoppedTotalsAreNotNegative() {
        assertIae(() -> new RouterStopped(-1, 0), "totalRequests", "-1");
        assertIae(() -> new RouterStopped(0, -2), "totalCostMicros", "-2");
        assertEquals("router_stopped", new RouterStopped(3, 4).eventType());
    }

    // ---------------------------------------------------------------- AnalyticsEvent

    @Test
    void eventOfGivesANewIdStampedNowWithNoAgent() {
        long before = System.currentTimeMillis();
        AnalyticsEvent e = AnalyticsEvent.of(new RouterStarted(80));
        long after = System.currentTimeMillis();
        assertTrue(e.timestampMs() >= before && e.timestampMs() <= after);
        assertEquals(Optional.empty(), e.agentId());
        assertFalse(e.isSynced());
        assertEquals(7, e.eventId().value().version());
        assertEquals(e.timestampMs(), e.eventId().value().getMostSignificantBits() >>> 16,
                "the id is derived from the event's own timestamp");
        assertNotEquals(e.eventId(), AnalyticsEvent.of(new RouterStarted(80)).eventId());
    }

    @Test
    void restoredEventKeepsEveryField() {
        EventId id = EventId.random();
        RouterStopped payload = new RouterStopped(3, 4);
        AnalyticsEvent e = AnalyticsEvent.of(id, 1_234L, "agent-7", payload);
        assertEquals(id, e.eventId());
        assertEquals(id.value().getMostSignificantBits(), e.idMostSigBits());
        assertEquals(id.value().getLeastSignificantBits(), e.idLeastSigBits());
        assertEquals(1_234L, e.timestampMs());
        assertEquals(Optional.of("agent-7"), e.agentId());
        assertSame(payload, e.payload());
        assertNpe(() -> AnalyticsEvent.of(null, 0, null, payload), "id");
        assertNpe(() -> AnalyticsEvent.of(id, 0, null, null), "payload");
        assertNpe(() -> AnalyticsEvent.of(null), "payload");
    }

    @Test
    void withAgentIdKeepsIdTimestampAndPayload() {
        AnalyticsEvent e = AnalyticsEvent.of(EventId.random(), 99L, null, new RouterStarted(1));
        AnalyticsEvent a = e.withAgentId("agent-1");
        assertEquals(e.eventId(), a.eventId());
        assertEquals(99L, a.timestampMs());
        assertSame(e.payload(), a.payload());
        assertEquals(Optional.of("agent-1"), a.agentId());
        assertNotEquals(e, a, "the agent is part of equality");
        assertEquals(e, a.withAgentId(null));
    }

    @Test
    void equalityCoversIdTimestampAgentAndPayload() {
        EventId id = EventId.random();
        AnalyticsEvent e = AnalyticsEvent.of(id, 5L, "a", new RouterStarted(1));
        assertEquals(e, AnalyticsEvent.of(id, 5L, "a", new RouterStarted(1)));
        assertEquals(e.hashCode(), AnalyticsEvent.of(id, 5L, "a", new RouterStarted(1)).hashCode());
        assertNotEquals(e, AnalyticsEvent.of(EventId.random(), 5L, "a", new RouterStarted(1)));
        assertNotEquals(e, AnalyticsEvent.of(id, 6L, "a", new RouterStarted(1)));
        assertNotEquals(e, AnalyticsEvent.of(id, 5L, "b", new RouterStarted(1)));
        assertNotEquals(e, AnalyticsEvent.of(id, 5L, "a", new RouterStarted(2)));
    }

    @Test
    void eventTypesAreProtocol012Names() {
        EventPayload[] all = {new LlmRequestCompleted(META, 1, 1, 1), new LlmRequestFailed(META, null, null),
                new BudgetThresholdReached(1, 1, 1), new RouterStarted(1), new RouterStopped(1, 1)};
        String[] types = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            // Exhaustive over the sealed hierarchy: a new kind fails to compile here.
            types[i] = switch (all[i]) {
                case LlmRequestCompleted c -> c.eventType();
                case LlmRequestFailed f -> f.eventType();
                case BudgetThresholdReached b -> b.eventType();
                case RouterStarted r -> r.eventType();
                case RouterStopped s -> s.eventType();
            };
        }
        assertEquals(java.util.List.of("llm_request_completed", "llm_request_failed", "budget_threshold_reached",
                "router_started", "router_stopped"), java.util.List.of(types));
    }
}
