package io.ironcage.analytics;

import static io.ironcage.analytics.PayloadValidationTest.assertIae;
import static io.ironcage.analytics.PayloadValidationTest.assertNpe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.internal.SharedSecrets;
import io.ironcage.analytics.sync.SyncConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncConfigTest {

    private static final String TOKEN = "ic_secret_token_0123456789";

    private static SyncConfig config() {
        return SyncConfig.of("https://control.example.com", TOKEN);
    }

    @Test
    void defaultsAsTheOriginal() {
        SyncConfig c = config();
        assertTrue(c.enabled());
        assertEquals(URI.create("https://control.example.com"), c.serverUrl());
        assertEquals(Duration.ofSeconds(30), c.syncInterval());
        assertEquals(10, c.batchThreshold());
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertEquals(4, c.maxInFlight());
        assertEquals(Duration.ofSeconds(10), c.shutdownTimeout());
        assertEquals(0, c.rateLimitPerMinute());
        assertFalse(c.shutdownHook());
    }

    @Test
    void withersReturnCopies() {
        SyncConfig c = config();
        SyncConfig d = c.withInterval(Duration.ofSeconds(5)).withBatchThreshold(3).withTimeout(Duration.ofSeconds(2))
                .withMaxInFlight(8).withShutdownTimeout(Duration.ofSeconds(1)).withRateLimit(1_000)
                .withShutdownHook(true);
        assertEquals(Duration.ofSeconds(5), d.syncInterval());
        assertEquals(3, d.batchThreshold());
        assertEquals(Duration.ofSeconds(2), d.timeout());
        assertEquals(8, d.maxInFlight());
        assertEquals(Duration.ofSeconds(1), d.shutdownTimeout());
        assertEquals(1_000, d.rateLimitPerMinute());
        assertTrue(d.shutdownHook());
        assertEquals(Duration.ofSeconds(30), c.syncInterval(), "the original is unchanged");
        assertEquals(10, c.batchThreshold());
    }

    @Test
    void serverUrlMustBeHttpOrHttpsWithAHost() {
        assertIae(() -> SyncConfig.of("ftp://control.example.com", TOKEN), "serverUrl", "ftp://control.example.com");
        assertIae(() -> SyncConfig.of("control.example.com", TOKEN), "serverUrl");
        assertIae(() -> SyncConfig.of("http://", TOKEN), "serverUrl");
        assertIae(() -> SyncConfig.of("http://exa mple.com", TOKEN), "serverUrl");
        assertIae(() -> SyncConfig.of("file:///etc/passwd", TOKEN), "serverUrl");
        assertEquals("http", SyncConfig.of("http://localhost:8080", TOKEN).serverUrl().getScheme());
        assertEquals("HTTPS", SyncConfig.of("HTTPS://localhost", TOKEN).serverUrl().getScheme());
    }

    @Test
    void serverUrlMustNotCarryCredentials() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SyncConfig.of("https://user:hunter2@control.example.com", TOKEN));
        assertTrue(e.getMessage().contains("serverUrl"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "the credential must not be echoed: " + e.getMessage());
    }

    @Test
    void tokenMustNotBeBlankWhenAUrlIsSet() {
        assertIae(() -> SyncConfig.of("https://control.example.com", ""), "icToken");
        assertIae(() -> SyncConfig.of("https://control.example.com", "   "), "icToken");
        assertNpe(() -> SyncConfig.of("https://control.example.com", null), "icToken");
        assertNpe(() -> SyncConfig.of(null, TOKEN), "serverUrl");
    }

    @Test
    void emptyUrlDisablesSync() {
        SyncConfig c = SyncConfig.of("", "");
        assertFalse(c.enabled());
        assertNull(c.serverUrl());
        assertFalse(SyncConfig.of("  ", TOKEN).enabled());
        assertFalse(SyncConfig.disabled().enabled());
    }

    @Test
    void intervalsThresholdsAndTimeoutsMustBePositive() {
        SyncConfig c = config();
        assertIae(() -> c.withInterval(Duration.ZERO), "syncInterval", "PT0S");
        assertIae(() -> c.withInterval(Duration.ofSeconds(-1)), "syncInterval", "PT-1S");
        assertNpe(() -> c.withInterval(null), "syncInterval");
        assertIae(() -> c.withBatchThreshold(0), "batchThreshold", "0");
        assertIae(() -> c.withBatchThreshold(-3), "batchThreshold", "-3");
        assertIae(() -> c.withTimeout(Duration.ZERO), "timeout", "PT0S");
        assertIae(() -> c.withTimeout(Duration.ofMillis(-5)), "timeout");
        assertIae(() -> c.withMaxInFlight(0), "maxInFlight", "0");
        assertIae(() -> c.withShutdownTimeout(Duration.ZERO), "shutdownTimeout");
        assertIae(() -> c.withRateLimit(-1), "rateLimit", "-1");
        assertEquals(0, c.withRateLimit(0).rateLimitPerMinute());
        assertNpe(() -> c.withTokenForAgent(null), "agentToken");
    }

    @Test
    void toStringNeverShowsTheToken() {
        SyncConfig c = config();
        assertFalse(c.toString().contains(TOKEN), c.toString());
        assertTrue(c.toString().contains("control.example.com"), c.toString());
        SyncConfig all = c.withInterval(Duration.ofSeconds(1)).withBatchThreshold(2).withTimeout(Duration.ofSeconds(3))
                .withMaxInFlight(4).withShutdownTimeout(Duration.ofSeconds(5)).withRateLimit(6).withShutdownHook(true);
        assertFalse(all.toString().contains(TOKEN), all.toString());
    }

    @Test
    void toStringNeverShowsPerAgentTokens() {
        Map<String, String> tokens = Map.of("agent-a", "ic_agent_a_secret", "agent-b", "ic_agent_b_secret");
        SyncConfig c = config().withTokenForAgent(tokens::get);
        String s = c.toString();
        assertFalse(s.contains(TOKEN), s);
        assertFalse(s.contains("ic_agent_a_secret"), s);
        assertFalse(s.contains("ic_agent_b_secret"), s);
        assertFalse(c.withInterval(Duration.ofSeconds(9)).toString().contains("secret"));
    }

    /** The implementation's view of the tokens (no public accessor: SyncConfig never shows them). */
    private static String tokenFor(SyncConfig c, String agentId) {
        return SharedSecrets.syncConfigAccess().tokenFor(c, agentId);
    }

    @Test
    void tokenForPrefersTheAgentsOwnToken() {
        Map<String, String> tokens = Map.of("agent-a", "ic_agent_a", "agent-blank", " ");
        SyncConfig c = config().withTokenForAgent(tokens::get);
        assertEquals("ic_agent_a", tokenFor(c, "agent-a"));
        assertEquals(TOKEN, tokenFor(c, "agent-unknown"), "no token for the agent: the configuration's");
        assertEquals(TOKEN, tokenFor(c, "agent-blank"), "a blank agent token falls back");
        assertEquals(TOKEN, tokenFor(c, null));
        assertEquals(TOKEN, tokenFor(config(), "agent-a"), "without the function, always the configuration's");
    }

    @Test
    void tokenForAgentSurvivesLaterWithers() {
        SyncConfig c = config().withTokenForAgent(a -> "tok-" + a).withInterval(Duration.ofSeconds(1))
                .withBatchThreshold(1).withTimeout(Duration.ofSeconds(1)).withMaxInFlight(1)
                .withShutdownTimeout(Duration.ofSeconds(1)).withRateLimit(1).withShutdownHook(true);
        assertEquals("tok-x", tokenFor(c, "x"));
    }

    @Test
    void retryBackoffDefaultsAndCopies() {
        SyncConfig c = config();
        assertEquals(Duration.ofMillis(500), c.retryBackoffInitial());
        assertEquals(Duration.ofSeconds(60), c.retryBackoffMax());
        SyncConfig d = c.withRetryBackoff(Duration.ofMillis(100), Duration.ofMinutes(15));
        assertEquals(Duration.ofMillis(100), d.retryBackoffInitial());
        assertEquals(Duration.ofMinutes(15), d.retryBackoffMax());
        assertEquals(Duration.ofMillis(500), c.retryBackoffInitial(), "the original is unchanged");
        SyncConfig e = d.withInterval(Duration.ofSeconds(1)).withTimeout(Duration.ofSeconds(1)).withMaxInFlight(2)
                .withBatchThreshold(2).withShutdownTimeout(Duration.ofSeconds(1)).withRateLimit(10)
                .withShutdownHook(true).withTokenForAgent(a -> null);
        assertEquals(Duration.ofMillis(100), e.retryBackoffInitial(), "other withers keep the back-off");
        assertEquals(Duration.ofMinutes(15), e.retryBackoffMax());
        SyncConfig same = c.withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertEquals(same.retryBackoffInitial(), same.retryBackoffMax(), "max may equal initial");
        assertTrue(d.toString().contains("PT0.1S"), d.toString());
    }

    @Test
    void retryBackoffIsValidatedAsItIsSet() {
        SyncConfig c = config();
        assertNpe(() -> c.withRetryBackoff(null, Duration.ofSeconds(1)), "retryBackoffInitial");
        assertNpe(() -> c.withRetryBackoff(Duration.ofSeconds(1), null), "retryBackoffMax");
        assertIae(() -> c.withRetryBackoff(Duration.ZERO, Duration.ofSeconds(1)), "retryBackoffInitial", "PT0S");
        assertIae(() -> c.withRetryBackoff(Duration.ofMillis(-5), Duration.ofSeconds(1)), "retryBackoffInitial",
                "PT-0.005S");
        assertIae(() -> c.withRetryBackoff(Duration.ofSeconds(1), Duration.ZERO), "retryBackoffMax", "PT0S");
        assertIae(() -> c.withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)), "retryBackoffMax", "PT1S",
                "retryBackoffInitial", "PT2S");
        assertIae(() -> c.withRetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(15).plusNanos(1)),
                "retryBackoffMax", "PT15M0.000000001S");
        assertIae(() -> c.withRetryBackoff(Duration.ofSeconds(1), Duration.ofDays(365_000)), "retryBackoffMax");
    }
}
