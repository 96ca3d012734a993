package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One LLM request failed; off unless a recording enables it (one event per request). */
@Name(StoreRecorder.NAMESPACE + "LlmRequestFailed")
@Label("LLM Request Failed")
@Category({"Iron Cage", "Analytics"})
@Description("An LLM request failed and was recorded by an Iron Cage analytics store")
@Enabled(false)
@StackTrace(false)
final class LlmRequestFailedEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store that recorded the failure")
    String store;

    @Label("Event Id")
    @Description("Id of the analytics event (UUID)")
    String eventId;

    @Label("Model")
    @Description("Model name as recorded")
    String model;

    @Label("Provider")
    @Description("Provider wire name, such as openai or anthropic")
    String provider;

    @Label("Agent")
    @Description("Agent id, or null")
    String agent;

    @Label("Provider Id")
    @Description("Provider key id, or null")
    String providerId;

    @Label("Error Code")
    @Description("Error code, such as rate_limit_exceeded, or null")
    String errorCode;

    @Label("Error Message")
    @Description("Error message, or null")
    String errorMessage;
}
