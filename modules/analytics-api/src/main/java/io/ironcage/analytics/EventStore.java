package io.ironcage.analytics;

import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Records LLM usage events without blocking, keeps exact running totals, and buffers events for
 * delivery. Thread-safe; every method may be called from any thread.
 *
 * <p>Recording never blocks, never does I/O and never throws for capacity reasons: when the buffer
 * is full the event is dropped and counted ({@link #droppedCount()}), and it still counts in the
 * statistics. Recording throws only for bad arguments ({@link NullPointerException},
 * {@link IllegalArgumentException} naming the argument and value), and then records nothing.
 *
 * <p>Events in the buffer belong to the store until a consumer takes them: {@link #drainAll()},
 * the sync client, or a caller that syncs by hand with {@link #unsyncedEvents()} and
 * {@link #markSynced(Collection)}. {@link #accounting()} says where every event went.
 *
 * <p>Order: the buffer is first in, first out, with one exception. Marked events keep their slot
 * in the underlying queue until a consumer passes them; when marked events fill the queue, an
 * offer makes room by discarding marked events from the head, and an unsynced event found at the
 * head on the way moves to the tail, behind newer events.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Records a successful request, resolving the provider (the price table's, then
     * {@link Provider#infer}) and pricing it with the store's {@link PricingCatalog}.
     *
     * @param model        the model name
     * @param inputTokens  prompt tokens, not negative
     * @param outputTokens completion tokens, not negative
     * @param agentId      the agent; may be null
     * @param providerId   the provider key id; may be null
     */
    void recordLlmCompleted(String model, long inputTokens, long outputTokens, String agentId, String providerId);

    /**
     * Records a successful request with an explicit provider (no inference).
     *
     * @param model        the model name
     * @param provider     the provider
     * @param inputTokens  prompt tokens, not negative
     * @param outputTokens completion tokens, not negative
     * @param agentId      the agent; may be null
     * @param providerId   the provider key id; may be null
     */
    void recordLlmCompletedWithProvider(String model, Provider provider, long inputTokens, long outputTokens,
                                        String agentId, String providerId);

    /**
     * Records a successful request with its full usage: cache and reasoning tokens, duration.
     *
     * @param usage the usage
     */
    void recordLlmCompleted(LlmUsage usage);

    /**
     * Records a failed request; it counts in the model's and provider's request and failure counts.
     *
     * @param model        the model name
     * @param agentId      the agent; may be null
     * @param providerId   the provider key id; may be null
     * @param errorCode    such as {@code "rate_limit_exceeded"}; may be null
     * @param errorMessage the message; may be null
     */
    void recordLlmFailed(String model, String agentId, String providerId, String errorCode, String errorMessage);

    /**
     * Records that spend crossed a budget threshold.
     *
     * @param thresholdPercent   0 to 100
     * @param currentSpendMicros not negative
     * @param budgetMicros       not negative
     * @param agentId            the agent; may be null
     */
    void recordBudgetThreshold(int thresholdPercent, long currentSpendMicros, long budgetMicros, String agentId);

    /**
     * Records that the LLM router started.
     *
     * @param port 0 to 65535
     */
    void recordRouterStarted(int port);

    /** Records that the LLM router stopped, with the totals from {@link #stats()}. */
    void recordRouterStopped();

    /**
     * Records an event exactly as given: no re-pricing, no provider resolution. LLM events still
     * count in the statistics.
     *
     * @param event the event
     */
    void record(AnalyticsEvent event);

    /**
     * A point-in-time snapshot of the running totals; cheap, and never stops writers.
     *
     * @return the statistics
     */
    ComputedStats stats();

    /**
     * Where every recorded event is now; see {@link EventAccounting} for the formula.
     *
     * @return the snapshot
     */
    EventAccounting accounting();

    /**
     * Events dropped because the buffer was full.
     *
     * @return the count
     */
    long droppedCount();

    /**
     * Events not yet delivered: in the buffer, or held by the sync client in flight or for a retry.
     *
     * @return the count, exact at rest
     */
    long unsyncedCount();

    /**
     * Events in the buffer.
     *
     * @return the count
     */
    int size();

    /**
     * Whether the buffer is empty.
     *
     * @return {@code size() == 0}
     */
    boolean isEmpty();

    /**
     * The buffer's capacity as configured (the queue may round up internally; the store does not).
     *
     * @return events held at most
     */
    int capacity();

    /**
     * Removes and returns every buffered event; the caller owns them.
     *
     * @return the events, oldest first (see the class documentation on order)
     */
    List<AnalyticsEvent> drainAll();

    /**
     * Copies the buffered events without removing or reordering anything.
     *
     * @return the events, oldest first
     */
    List<AnalyticsEvent> snapshotEvents();

    /**
     * Copies the buffered events not yet marked synced, without removing anything.
     *
     * @return the events, oldest first
     */
    List<AnalyticsEvent> unsyncedEvents();

    /**
     * Marks the named events as synced, for callers that deliver by hand. Each buffered event named
     * is marked exactly once and leaves the buffer as far as anyone can see; ids not in the buffer
     * are ignored.
     *
     * @param ids the events to mark
     */
    void markSynced(Collection<EventId> ids);

    /**
     * The price table the store costs events with.
     *
     * @return the catalog
     */
    PricingCatalog pricing();

    /**
     * The budget the store tracks every priced completion against, as configured with
     * {@link StoreConfig.Builder#budget}; each threshold it crosses records a
     * {@link BudgetThresholdReached} event, once.
     *
     * @return the tracker, or empty if the store has no budget
     */
    Optional<BudgetTracker> budget();

    /**
     * The store's name, its key in JMX object names.
     *
     * @return the name
     */
    String name();

    /** Unregisters JMX beans and JFR hooks and stops accepting events; idempotent. */
    @Override
    void close();
}
