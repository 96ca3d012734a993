package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import java.math.BigDecimal;

/**
 * The optional one-line-per-event log, in the original router's shape
 * ({@code LLM request completed model=gpt-4o-mini input_tokens=11 output_tokens=1 cost_usd=0.000001}).
 * Off unless configured; when on, {@link System.Logger#isLoggable} is checked before any string
 * is built.
 */
final class EventLog {
    private static final System.Logger LOG = System.getLogger("io.ironcage.analytics.events");

    private final System.Logger.Level level;

    private EventLog(System.Logger.Level level) {
        this.level = level;
    }

    /** @return a log at the level, or null when per-event logging is off */
    static EventLog at(System.Logger.Level level) {
        return level == null ? null : new EventLog(level);
    }

    void log(AnalyticsEvent event) {
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, line(event));
    }

    static String line(AnalyticsEvent event) {
        String agent = event.agentId().map(a -> " agent_id=" + a).orElse("");
        return switch (event.payload()) {
            case LlmRequestCompleted c -> "LLM request completed model=" + c.meta().model()
                    + " input_tokens=" + c.inputTokens() + " output_tokens=" + c.outputTokens()
                    + " cost_usd=" + usd(c.costMicros()) + agent;
            case LlmRequestFailed f -> "LLM request failed model=" + f.meta().model()
                    + (f.errorCode() == null ? "" : " error_code=" + f.errorCode()) + agent;
            case BudgetThresholdReached b -> "Budget threshold reached threshold_percent=" + b.thresholdPercent()
                    + " current_spend_usd=" + usd(b.currentSpendMicros()) + " budget_usd="
                    + usd(b.budgetMicros()) + agent;
            case RouterStarted r -> "LlmRouter proxy listening on port " + r.port();
            case RouterStopped s -> "LlmRouter proxy shutting down total_requests=" + s.totalRequests()
                    + " total_cost_usd=" + usd(s.totalCostMicros());
        };
    }

    /** Exact decimal dollars from micros, no floating point: 1 -> "0.000001". */
    static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
