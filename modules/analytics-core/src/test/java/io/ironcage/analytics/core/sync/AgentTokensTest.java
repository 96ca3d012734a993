package io.ironcage.analytics.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ironcage.analytics.sync.SyncConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Core reads the tokens of a {@link SyncConfig} through the API's implementation-only accessor
 * (the public {@code SyncConfig.tokenFor} it replaces is gone); the rules are those of the API's
 * {@code SyncConfigTest}.
 */
class AgentTokensTest {
    private static final String TOKEN = "ic_config_token";

    @Test
    void theAgentsOwnTokenElseTheConfigurations() {
        SyncConfig c = SyncConfig.of("https://control.example.com", TOKEN)
                .withTokenForAgent(Map.of("agent-a", "ic_agent_a", "agent-blank", " ")::get);
        assertEquals("ic_agent_a", AgentTokens.tokenFor(c, "agent-a"));
        assertEquals(TOKEN, AgentTokens.tokenFor(c, "agent-unknown"));
        assertEquals(TOKEN, AgentTokens.tokenFor(c, "agent-blank"));
        assertEquals(TOKEN, AgentTokens.tokenFor(c, null));
        assertEquals(TOKEN, AgentTokens.tokenFor(SyncConfig.of("https://control.example.com", TOKEN), "agent-a"));
    }

    @Test
    void whatTheFunctionThrowsReachesTheCaller() {
        // The actor catches it and falls back (SyncSecretsTest, the token-function tests); the
        // accessor itself must not swallow it.
        StackOverflowError boom = new StackOverflowError("user code");
        SyncConfig c = SyncConfig.of("https://control.example.com", TOKEN).withTokenForAgent(a -> {
            throw boom;
        });
        assertSame(boom, assertThrows(StackOverflowError.class, () -> AgentTokens.tokenFor(c, "a")));
        assertEquals(TOKEN, AgentTokens.tokenFor(c, null), "no agent: the function is not called");
    }
}
