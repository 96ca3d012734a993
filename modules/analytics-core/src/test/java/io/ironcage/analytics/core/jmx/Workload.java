package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores and a known workload for the observability tests (shared with the JFR tests). */
public final class Workload {
    private static final AtomicInteger IDS = new AtomicInteger();

    private Workload() {}

    /**
     * A unique store name with a readable prefix.
     *
     * @param prefix the prefix
     * @return the name
     */
    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    }

    /**
     * A store made the way applications make one, through {@link Analytics#newStore(StoreConfig)}.
     *
     * @param config the configuration, without pricing (the tiny table is added)
     * @return the store
     */
    public static DefaultEventStore store(StoreConfig.Builder config) {
        EventStore s = Analytics.newStore(config.pricing(TinyPricing.INSTANCE).build());
        return (DefaultEventStore) s;
    }

    /**
     * Records seven events of every kind: two priced completions (one with cache and reasoning
     * tokens), one unpriced, one failure, router started, a budget threshold and router stopped.
     *
     * @param store the store
     */
    public static void record(EventStore store) {
        store.recordLlmCompleted(TinyPricing.MODEL_A, 1_000, 200, "agent-1", "ip-openai-1");
        store.recordLlmCompleted(LlmUsage.builder(TinyPricing.MODEL_B).inputTokens(500).outputTokens(100)
                .cacheReadTokens(300).cacheWriteTokens(50).reasoningTokens(40).agentId("agent-2").build());
        store.recordLlmCompleted(TinyPricing.UNPRICED, 10, 10, null, null);
        store.recordLlmFailed(TinyPricing.MODEL_A, "agent-1", null, "rate_limit_exceeded", "slow down");
        store.recordRouterStarted(8080);
        store.recordBudgetThreshold(80, 8_000_000, 10_000_000, "agent-1");
        store.recordRouterStopped();
    }
}
