package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmRequestFailed;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One LLM request failed; off unless a recording enables it (one event per request). */
@Name(StoreRecorder.NAMESPACE + "LlmRequestFailed")
@Label("LLM Request Failed")
@Category({"Iron Cage", "Analytics"})
@Description("An LLM request failed and was recorded by an Iron Cage analytics store")
@Enabled(false)
@StackTrace(false)
final class LlmRequestFailedEvent extends LlmEvent {




    @Label("Error Code")
    @Description("Error code, such as rate_limit_exceeded, or null")
    String errorCode;

    @Label("Error Message")
    @Description("Error message, or null")
    String errorMessage;

    @Label("Input Tokens")
    @Description("Prompt tokens the provider billed for the failed request (a count of tokens, cached ones included); 0 if none")
    long inputTokens;

    @Label("Output Tokens")
    @Description("Completion tokens the provider billed for the failed request (a count of tokens, reasoning ones included); 0 if none")
    long outputTokens;

    @Label("Cache Read Tokens")
    @Description("Billed prompt tokens read from the provider's cache (a count of tokens)")
    long cacheReadTokens;

    @Label("Cache Write Tokens")
    @Description("Billed prompt tokens written to the provider's cache (a count of tokens)")
    long cacheWriteTokens;

    @Label("Reasoning Tokens")
    @Description("Billed completion tokens spent on reasoning (a count of tokens)")
    long reasoningTokens;

    @Label("Cost (microdollars)")
    @Description("Billed cost in microdollars (1 USD = 1,000,000); 0 when nothing was billed or unpriced")
    long costMicros;
    @Label("Request Duration")
    @Description("How long the request took; Long.MIN_VALUE (JFR's N/A) when the caller did not measure it")
    @Timespan(Timespan.NANOSECONDS)
    long requestDuration;

    @Label("Time To First Token")
    @Description("From sending the request to its first token; Long.MIN_VALUE (JFR's N/A) when not measured")
    @Timespan(Timespan.NANOSECONDS)
    long timeToFirstToken;

    /** Commits the event for a recorded failure, if a recording enables it. */
    static void emit(String store, AnalyticsEvent event, LlmRequestFailed f) {
        if (!StoreRecorder.Types.FAILED.isEnabled()) {
            return;
        }
        LlmRequestFailedEvent e = new LlmRequestFailedEvent();
        e.fillLlm(store, event, f.meta());
        e.errorCode = f.errorCode();
        e.errorMessage = f.errorMessage();
        e.inputTokens = f.inputTokens();
        e.outputTokens = f.outputTokens();
        e.cacheReadTokens = f.cacheReadTokens();
        e.cacheWriteTokens = f.cacheWriteTokens();
        e.reasoningTokens = f.reasoningTokens();
        e.costMicros = f.costMicros();
        e.requestDuration = LlmEvent.nanosOrNa(f.duration());
        e.timeToFirstToken = LlmEvent.nanosOrNa(f.timeToFirstToken());
        e.commit();
    }
}
