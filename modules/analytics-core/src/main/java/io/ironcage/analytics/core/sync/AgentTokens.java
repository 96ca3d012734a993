package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.internal.SharedSecrets;
import io.ironcage.analytics.internal.SyncConfigAccess;
import io.ironcage.analytics.sync.SyncConfig;

/**
 * The token an event is sent with, read from a {@link SyncConfig} through the API's
 * implementation-only {@link SyncConfigAccess} (applications cannot read the tokens).
 */
final class AgentTokens {
    /** The API's accessor; obtaining it initialises {@code SyncConfig}, which registers it. */
    private static final SyncConfigAccess CONFIGS = SharedSecrets.syncConfigAccess();

    private AgentTokens() {}

    /**
     * The agent's own token if the configuration has a per-agent function that returns a
     * non-blank one, else the configuration's token. Whatever the user's function throws
     * propagates: the caller decides (the actor falls back to the configuration's token).
     */
    static String tokenFor(SyncConfig config, String agentId) {
        return CONFIGS.tokenFor(config, agentId);
    }
}
