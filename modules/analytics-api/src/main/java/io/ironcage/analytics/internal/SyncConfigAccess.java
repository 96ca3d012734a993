package io.ironcage.analytics.internal;

import io.ironcage.analytics.sync.SyncConfig;

/**
 * What the implementation may read from a {@link SyncConfig} that an application may not: the
 * tokens. Implemented once, inside {@code SyncConfig}; obtained through
 * {@link SharedSecrets#syncConfigAccess()}.
 */
public interface SyncConfigAccess {

    /**
     * The token to send an event of the given agent with: the agent's own token when the
     * configuration has a per-agent function and it returns a non-blank token, else the
     * configuration's token. Never logged. The per-agent function runs on the calling thread and
     * anything it throws propagates to the caller.
     *
     * @param config  the configuration
     * @param agentId the event's agent; may be null
     * @return the token
     */
    String tokenFor(SyncConfig config, String agentId);
}
