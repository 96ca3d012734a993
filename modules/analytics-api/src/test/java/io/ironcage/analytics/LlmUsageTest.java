package io.ironcage.analytics;

import static io.ironcage.analytics.PayloadValidationTest.assertIae;
import static io.ironcage.analytics.PayloadValidationTest.assertNpe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmUsageTest {

    @Test
    void builderStartsAtZeroWithNothingOptionalSet() {
        LlmUsage u = LlmUsage.builder("gpt-4o").build();
        assertEquals("gpt-4o", u.model());
        assertEquals(0, u.inputTokens() + u.outputTokens() + u.cacheReadTokens() + u.cacheWriteTokens()
                + u.cacheWrite1hTokens() + u.reasoningTokens());
        assertNull(u.provider());
        assertNull(u.agentId());
        assertNull(u.providerId());
        assertNull(u.duration());
    }

    @Test
    void builderKeepsEveryField() {
        LlmUsage u = LlmUsage.builder("claude-sonnet-4").inputTokens(1_000).outputTokens(500).cacheReadTokens(600)
                .cacheWriteTokens(300).cacheWrite1hTokens(100).reasoningTokens(200).provider(Provider.ANTHROPIC)
                .agentId("agent-1").providerId("ip_anthropic_001").duration(Duration.ofMillis(1_234)).build();
        assertEquals(1_000, u.inputTokens());
        assertEquals(500, u.outputTokens());
        assertEquals(600, u.cacheReadTokens());
        assertEquals(300, u.cacheWriteTokens());
        assertEquals(100, u.cacheWrite1hTokens());
        assertEquals(200, u.reasoningTokens());
        assertEquals(100, u.uncachedInputTokens());
        assertEquals(Provider.ANTHROPIC, u.provider());
        assertEquals("agent-1", u.agentId());
        assertEquals("ip_anthropic_001", u.providerId());
        assertEquals(Duration.ofMillis(1_234), u.duration());
    }

    @Test
    void eachSetterRejectsANegativeCountByName() {
        LlmUsage.Builder b = LlmUsage.builder("m");
        assertIae(() -> b.inputTokens(-1), "inputTokens", "-1");
        assertIae(() -> b.outputTokens(-2), "outputTokens", "-2");
        assertIae(() -> b.cacheReadTokens(-3), "cacheReadTokens", "-3");
        assertIae(() -> b.cacheWriteTokens(-4), "cacheWriteTokens", "-4");
        assertIae(() -> b.cacheWrite1hTokens(-5), "cacheWrite1hTokens", "-5");
        assertIae(() -> b.reasoningTokens(-6), "reasoningTokens", "-6");
        assertIae(() -> b.duration(Duration.ofMillis(-1)), "duration");
    }

    @Test
    void modelAndNamesAreValidated() {
        assertNpe(() -> LlmUsage.builder(null), "model");
        assertIae(() -> LlmUsage.builder(" "), "model");
        assertIae(() -> LlmUsage.builder("m".repeat(257)), "model", "257");
        assertIae(() -> LlmUsage.builder("m").agentId("a".repeat(257)), "agentId", "257");
        assertIae(() -> LlmUsage.builder("m").providerId("p".repeat(257)), "providerId", "257");
        assertIae(() -> LlmUsage.builder("m").agentId(""), "agentId");
    }

    @Test
    void nullOptionalsAreAllowed() {
        LlmUsage u = LlmUsage.builder("m").provider(null).agentId(null).providerId(null).duration(null).build();
        assertNull(u.agentId());
        assertEquals(Duration.ZERO, LlmUsage.builder("m").duration(Duration.ZERO).build().duration());
    }

    @Test
    void buildChecksThatSubsetsFitInTheirTotals() {
        assertIae(() -> LlmUsage.builder("m").inputTokens(10).cacheReadTokens(11).build(), "cacheReadTokens", "11", "10");
        assertIae(() -> LlmUsage.builder("m").inputTokens(10).cacheReadTokens(6).cacheWriteTokens(5).build(),
                "6", "5", "10");
        assertIae(() -> LlmUsage.builder("m").inputTokens(10).cacheWriteTokens(5).cacheWrite1hTokens(6).build(),
                "cacheWrite1hTokens", "6", "5");
        assertIae(() -> LlmUsage.builder("m").outputTokens(3).reasoningTokens(4).build(), "reasoningTokens", "4", "3");
        // Exactly full is fine.
        assertEquals(0, LlmUsage.builder("m").inputTokens(10).cacheReadTokens(6).cacheWriteTokens(4).build()
                .uncachedInputTokens());
    }

    @Test
    void openAiWorkedExampleFromTheJavadoc() {
        // prompt_tokens=1200, cached_tokens=1000, completion_tokens=300, reasoning_tokens=200
        LlmUsage u = LlmUsage.fromOpenAi("o3-mini", 1_200, 300, 1_000, 200);
        assertEquals("o3-mini", u.model());
        assertEquals(Provider.OPENAI, u.provider());
        assertEquals(1_200, u.inputTokens());
        assertEquals(1_000, u.cacheReadTokens());
        assertEquals(0, u.cacheWriteTokens());
        assertEquals(200, u.uncachedInputTokens());
        assertEquals(300, u.outputTokens());
        assertEquals(200, u.reasoningTokens());
    }

    @Test
    void anthropicWorkedExampleFromTheJavadoc() {
        // input_tokens=50, cache_read_input_tokens=1000, cache_creation_input_tokens=200, output_tokens=300
        LlmUsage u = LlmUsage.fromAnthropic("claude-3-5-sonnet-20241022", 50, 300, 1_000, 200);
        assertEquals(Provider.ANTHROPIC, u.provider());
        assertEquals(1_250, u.inputTokens());
        assertEquals(1_000, u.cacheReadTokens());
        assertEquals(200, u.cacheWriteTokens());
        assertEquals(50, u.uncachedInputTokens());
        assertEquals(300, u.outputTokens());
        assertEquals(0, u.reasoningTokens());
    }

    @Test
    void providerMappingsRejectInconsistentCounts() {
        // OpenAI's prompt tokens include the cached ones, so more cached than prompt is an error.
        assertIae(() -> LlmUsage.fromOpenAi("gpt-4o", 100, 10, 101, 0), "cacheReadTokens", "101", "100");
        assertIae(() -> LlmUsage.fromOpenAi("gpt-4o", 100, 10, 0, 11), "reasoningTokens", "11", "10");
        assertIae(() -> LlmUsage.fromOpenAi("gpt-4o", -1, 10, 0, 0), "inputTokens", "-1");
        assertIae(() -> LlmUsage.fromAnthropic("claude-3-opus", -1, 10, 0, 0), "inputTokens", "-1");
        assertIae(() -> LlmUsage.fromAnthropic("claude-3-opus", 1, 10, -2, 0), "cacheReadInputTokens", "-2");
        assertIae(() -> LlmUsage.fromAnthropic("claude-3-opus", 1, 10, 0, -3), "cacheCreationInputTokens", "-3");
        assertIae(() -> LlmUsage.fromAnthropic("claude-3-opus", 1, -4, 0, 0), "outputTokens", "-4");
    }

    @Test
    void anthropicInputTotalThatOverflowsIsRejected() {
        assertIae(() -> LlmUsage.fromAnthropic("claude-3-opus", Long.MAX_VALUE, 0, 1, 0), "overflow");
        assertIae(() -> LlmUsage.fromAnthropic("claude-3-opus", 1, 0, Long.MAX_VALUE - 1, 1), "overflow");
    }
}
