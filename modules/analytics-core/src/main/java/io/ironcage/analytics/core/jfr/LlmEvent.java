package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmModelMeta;
import jdk.jfr.Description;
import jdk.jfr.Label;

/** The fields the two LLM request events share: model, provider, agent and provider key id. */
abstract class LlmEvent extends StoreEvent {
    @Label("Model")
    @Description("Model name as recorded")
    String model;

    @Label("Provider")
    @Description("Provider name, such as openai, anthropic, gemini or bedrock")
    String provider;

    @Label("Agent")
    @Description("Agent id, or null")
    String agent;

    @Label("Provider Id")
    @Description("Provider key id, or null")
    String providerId;

    /**
     * A duration as a JFR timespan field: its nanoseconds, or {@link Long#MIN_VALUE} when unknown,
     * which JFR's tools print as N/A (values are at most an hour, so never that by accident).
     */
    static long nanosOrNa(java.time.Duration d) {
        return d == null ? Long.MIN_VALUE : d.toNanos();
    }

    /** Fills the common fields of an LLM request event. */
    final void fillLlm(String store, AnalyticsEvent event, LlmModelMeta m) {
        fillStore(store, event);
        this.model = m.model();
        this.provider = m.provider();
        this.agent = event.agentId().orElse(null);
        this.providerId = m.providerId();
    }
}
