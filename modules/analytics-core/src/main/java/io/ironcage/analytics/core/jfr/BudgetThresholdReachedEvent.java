package io.ironcage.analytics.core.jfr;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Spend crossed a budget threshold (rare; on by default). */
@Name(StoreRecorder.NAMESPACE + "BudgetThresholdReached")
@Label("Budget Threshold Reached")
@Category({"Iron Cage", "Analytics"})
@Description("Spend crossed a budget threshold, as recorded by an Iron Cage analytics store")
@StackTrace(false)
final class BudgetThresholdReachedEvent extends StoreEvent {
    @Label("Agent")
    @Description("Agent id, or null")
    String agent;

    @Label("Threshold (percent)")
    @Description("The threshold crossed, in percent of the budget (0 to 100)")
    int thresholdPercent;

    @Label("Current Spend (microdollars)")
    @Description("Spend when the threshold was crossed, in microdollars (1 USD = 1,000,000)")
    long currentSpendMicros;

    @Label("Budget (microdollars)")
    @Description("The budget, in microdollars (1 USD = 1,000,000)")
    long budgetMicros;

    /** Commits the event for a recorded budget threshold, if a recording enables it. */
    static void emit(String store, AnalyticsEvent event, BudgetThresholdReached b) {
        if (!StoreRecorder.Types.BUDGET.isEnabled()) {
            return;
        }
        BudgetThresholdReachedEvent e = new BudgetThresholdReachedEvent();
        e.fillStore(store, event);
        e.agent = event.agentId().orElse(null);
        e.thresholdPercent = b.thresholdPercent();
        e.currentSpendMicros = b.currentSpendMicros();
        e.budgetMicros = b.budgetMicros();
        e.commit();
    }
}
