package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmRequestCompleted;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One LLM request completed; off unless a recording enables it (one event per request). */
@Name(StoreRecorder.NAMESPACE + "LlmRequestCompleted")
@Label("LLM Request Completed")
@Category({"Iron Cage", "Analytics"})
@Description("An LLM request completed and was recorded by an Iron Cage analytics store")
@Enabled(false)
@StackTrace(false)
final class LlmRequestCompletedEvent extends LlmEvent {




    @Label("Input Tokens")
    @Description("Prompt tokens (a count of tokens, cached ones included)")
    long inputTokens;

    @Label("Output Tokens")
    @Description("Completion tokens (a count of tokens, reasoning ones included)")
    long outputTokens;

    @Label("Cache Read Tokens")
    @Description("Prompt tokens read from the provider's cache (a count of tokens)")
    long cacheReadTokens;

    @Label("Cache Write Tokens")
    @Description("Prompt tokens written to the provider's cache (a count of tokens)")
    long cacheWriteTokens;

    @Label("Reasoning Tokens")
    @Description("Completion tokens spent on reasoning (a count of tokens)")
    long reasoningTokens;

    @Label("Cost (microdollars)")
    @Description("Cost in microdollars (1 USD = 1,000,000); 0 when unpriced")
    long costMicros;

    @Label("Priced")
    @Description("Whether the model had a price; false means the cost is unknown, not free")
    boolean priced;

    @Label("Pricing Revision")
    @Description("Revision of the price table used, or null when unpriced")
    String pricingRevision;

    @Label("Request Duration")
    @Description("How long the request took; Long.MIN_VALUE (JFR's N/A) when the caller did not measure it")
    @Timespan(Timespan.NANOSECONDS)
    long requestDuration;

    @Label("Time To First Token")
    @Description("From sending the request to its first token; Long.MIN_VALUE (JFR's N/A) when not measured")
    @Timespan(Timespan.NANOSECONDS)
    long timeToFirstToken;

    /** Commits the event for a recorded completion, if a recording enables it. */
    static void emit(String store, AnalyticsEvent event, LlmRequestCompleted c) {
        if (!StoreRecorder.Types.COMPLETED.isEnabled()) {
            return;
        }
        LlmRequestCompletedEvent e = new LlmRequestCompletedEvent();
        e.fillLlm(store, event, c.meta());
        e.inputTokens = c.inputTokens();
        e.outputTokens = c.outputTokens();
        e.cacheReadTokens = c.cacheReadTokens();
        e.cacheWriteTokens = c.cacheWriteTokens();
        e.reasoningTokens = c.reasoningTokens();
        e.costMicros = c.costMicros();
        e.priced = c.priced();
        e.pricingRevision = c.pricingRevision();
        e.requestDuration = LlmEvent.nanosOrNa(c.duration());
        e.timeToFirstToken = LlmEvent.nanosOrNa(c.timeToFirstToken());
        e.commit();
    }
}
