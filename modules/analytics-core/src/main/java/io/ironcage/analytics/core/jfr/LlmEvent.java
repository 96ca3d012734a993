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

    /** Fills the common fields of an LLM request event. */
    final void fillLlm(String store, AnalyticsEvent event, LlmModelMeta m) {
        fillStore(store, event);
        this.model = m.model();
        this.provider = m.provider();
        this.agent = event.agentId().orElse(null);
        this.providerId = m.providerId();
    }
}
