package io.ironcage.analytics.management;

import io.ironcage.analytics.EventAccounting;
import java.util.Map;

/**
 * One event store as JMX shows it, registered as
 * {@code io.ironcage.analytics:type=EventStore,name=<store name>}. Read-only: nothing here
 * changes the store.
 *
 * <p>Values are point-in-time: each attribute is read from the store's live counters when it is
 * asked for, so two attributes read one after another may straddle a recorded event; at rest
 * they agree exactly with {@link io.ironcage.analytics.EventStore#stats()}. Money is in integer
 * microdollars (1 USD = 1,000,000), with a USD figure beside it for display only.
 *
 * <p>The bean is a notification emitter: when the store records a
 * {@link io.ironcage.analytics.BudgetThresholdReached} event it sends a
 * {@link ManagementNames#BUDGET_THRESHOLD_NOTIFICATION} notification, from a dispatcher thread.
 */
public interface EventStoreMXBean {

    /**
     * Returns the store's name as configured (the object name may carry a suffix if it was taken).
     *
     * @return the store's name
     */
    String getName();

    /**
     * Returns the revision of the price table the store costs events with.
     *
     * @return the pricing revision
     */
    String getPricingRevision();

    /**
     * Returns the requests recorded, failed ones included.
     *
     * @return the request count
     */
    long getTotalRequests();

    /**
     * Returns the failed requests recorded.
     *
     * @return the failure count
     */
    long getFailedRequests();

    /**
     * Returns successful requests as a percentage of all requests.
     *
     * @return 0 to 100; 100.0 when nothing was recorded
     */
    double getSuccessRate();

    /**
     * Returns the prompt tokens recorded (cached ones included).
     *
     * @return input tokens
     */
    long getTotalInputTokens();

    /**
     * Returns the completion tokens recorded (reasoning ones included).
     *
     * @return output tokens
     */
    long getTotalOutputTokens();

    /**
     * Returns input plus output tokens.
     *
     * @return the token total
     */
    long getTotalTokens();

    /**
     * Returns the total cost.
     *
     * @return microdollars
     */
    long getTotalCostMicros();

    /**
     * Returns the total cost in US dollars, for display.
     *
     * @return {@code TotalCostMicros / 1e6}
     */
    double getTotalCostUsd();

    /**
     * Returns the completed requests whose model had no price (costed at 0).
     *
     * @return the unpriced request count
     */
    long getUnpricedRequests();

    /**
     * Returns the events in the buffer now.
     *
     * @return the buffer's size
     */
    int getBufferSize();

    /**
     * Returns the events the buffer holds at most.
     *
     * @return the buffer's capacity
     */
    int getBufferCapacity();

    /**
     * Returns the events dropped because the buffer was full of LLM events (or the store closed);
     * local events evicted to make room are counted apart, in the accounting's {@code evictedLocal}.
     *
     * @return the buffer drop count
     */
    long getDroppedCount();

    /**
     * Returns the events the streaming channel's receiver missed because it was full; 0 for a
     * store without a stream.
     *
     * @return the stream drop count
     */
    long getStreamDroppedCount();

    /**
     * Returns the LLM events not yet delivered: buffered, or held by the sync client in flight or
     * for a retry (local events, which are never sent, do not count).
     *
     * @return the unsynced count
     */
    long getUnsyncedCount();

    /**
     * Returns where every recorded event is now, as one snapshot of the conservation formula's
     * terms (see {@link EventAccounting}).
     *
     * @return the accounting snapshot
     */
    EventAccounting getAccounting();

    /**
     * Returns the totals per model name (a table keyed by model in JConsole).
     *
     * @return one snapshot of the per-model table, one {@link ModelStatsRow} per key (the counters,
     *         cache and reasoning totals, and latency and time-to-first-token summaries)
     */
    Map<String, ModelStatsRow> getByModel();

    /**
     * Returns the totals per real provider name ({@code openai}, {@code anthropic}, {@code gemini}, {@code bedrock}, ...).
     *
     * @return one snapshot of the per-provider table, one {@link ModelStatsRow} per key (the counters,
     *         cache and reasoning totals, and latency and time-to-first-token summaries)
     */
    Map<String, ModelStatsRow> getByProvider();

    /**
     * Returns the totals per agent id, for events that name one.
     *
     * @return one snapshot of the per-agent table, one {@link ModelStatsRow} per key (the counters,
     *         cache and reasoning totals, and latency and time-to-first-token summaries)
     */
    Map<String, ModelStatsRow> getByAgent();
}
