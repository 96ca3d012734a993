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
 * is full the oldest local event (budget threshold, router start or stop) is evicted to make room
 * (counted in {@link EventAccounting#evictedLocal()}); with no local event buffered, the new event
 * is dropped and counted ({@link #droppedCount()}), and it still counts in the statistics. Recording throws only for bad arguments ({@link NullPointerException},
 * {@link IllegalArgumentException} naming the argument and value), and then records nothing.
 *
 * <p>Events in the buffer belong to the store until a consumer takes them: {@link #drainAll()},
 * the sync client, or a caller that syncs by hand with {@link #unsyncedEvents()} and
 * {@link #markSynced(Collection)}. {@link #accounting()} says where every event went. The sync
 * client takes LLM events only; local events stay in the buffer until drained, marked or evicted.
 *
 * <p>Order: lists of events are oldest first by timestamp. Events of the same millisecond that
 * one thread recorded come in the order it recorded them; among events of one millisecond
 * recorded on different threads (concurrent events) the order is not specified, and an event the
 * sync client gives back (at stop, say) is buffered again as if recorded by the thread that gives
 * it back (between an LLM and a local event of the same millisecond, the LLM event comes first).
 * In {@link #unsyncedEvents()} the events the sync client holds come before buffered events of the
 * same millisecond, in the order it claimed them. A marked event leaves the buffer at once and
 * frees its slot; nothing moves the others. Each list holds each event once.
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
     * Records a failed request that the provider billed (a stream cut after some output, a
     * timeout after the prompt was processed): validated like {@link #recordLlmCompleted(LlmUsage)}
     * (nothing is recorded on bad input), priced with the same table, and its tokens and cost
     * counted in the model, provider and agent totals and the budget, as one request and one
     * failure ({@code requestCount} and {@code failedCount}). The event carries the tokens and the
     * cost; the Control API wire does not (failed events carry no tokens), so the server does not
     * see that cost.
     *
     * @param usage        the billed usage: model, tokens, provider, agent, provider key
     * @param errorCode    such as {@code "stream_interrupted"}; may be null
     * @param errorMessage the message; may be null
     * @throws IllegalArgumentException naming the value if the usage's cost overflows or a user
     *                                  catalog prices it negative
     */
    void recordLlmFailed(LlmUsage usage, String errorCode, String errorMessage);

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
     * LLM events not yet delivered or rejected: in the buffer, or held by the sync client in flight
     * or for a retry (including those held for a paused token). Local events never count.
     *
     * @return the count, exact at rest; equal to {@code unsyncedEvents().size()} at rest
     */
    long unsyncedCount();

    /**
     * Events in the buffer, LLM and local (not those the sync client holds).
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
     * Removes and returns every buffered event, LLM and local; the caller owns them.
     *
     * @return the events, oldest first by timestamp; equal timestamps as the class documentation on
     *         order says (one thread's events in the order it recorded them)
     */
    List<AnalyticsEvent> drainAll();

    /**
     * Copies the buffered events, LLM and local, without removing anything. Weakly consistent
     * while other threads record or consume: each event in the list was buffered at some instant
     * during the call; at rest the list is exact.
     *
     * @return the events, each once, oldest first by timestamp; equal timestamps as the class documentation on
     *         order says (one thread's events in the order it recorded them)
     */
    List<AnalyticsEvent> snapshotEvents();

    /**
     * Lists every LLM event not yet delivered or rejected: buffered, or held by the sync client
     * (in flight, waiting for a retry, held for a paused token), without removing anything. Local
     * events are never listed. Weakly consistent while the sync client works; at rest it holds
     * exactly {@link #unsyncedCount()} events.
     *
     * @return the events, each once, oldest first by timestamp; equal timestamps: those the sync
     *         client holds first, in the order it claimed them, then buffered ones as the class
     *         documentation on order says
     */
    List<AnalyticsEvent> unsyncedEvents();

    /**
     * Marks the named events as synced, for callers that deliver by hand. Each buffered event named
     * (LLM or local) is marked exactly once, frees its slot and leaves the buffer; ids not in the
     * buffer (including events the sync client holds) are ignored. Every named event that was in
     * the buffer for the whole call and not taken by a consumer meanwhile is marked.
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

    /**
     * Subscribes a listener to every event this store records from now on, with a queue of
     * {@link Subscription#DEFAULT_QUEUE_CAPACITY} events; see {@link #subscribe(EventListener, int)}.
     *
     * @param listener the listener
     * @return the subscription; close it to stop
     * @throws IllegalStateException if the store is closed
     */
    default Subscription subscribe(EventListener listener) {
        return subscribe(listener, Subscription.DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * Subscribes a listener to every event this store records from now on (LLM and local events,
     * dropped ones included: each is offered once it is counted, at the point the streaming
     * channel is offered it).
     *
     * <p><b>Thread contract.</b> Each subscription has its own bounded queue and its own virtual
     * thread (named {@code ironcage-subscriber-<store>-<n>}), which calls the listener with one
     * event at a time, in queue order. The recording thread only offers the event to each queue:
     * it never waits for a listener, never runs one, and never blocks. A full queue drops the event
     * for that subscription only ({@link Subscription#droppedCount()}); a listener's exception is
     * counted ({@link Subscription#failedCount()}), logged once per subscription, and delivery goes
     * on. A slow, blocked or throwing listener therefore delays neither recording nor another
     * subscription. Closing the store closes its subscriptions.
     *
     * @param listener      the listener
     * @param queueCapacity events the subscription's queue holds, 1 to
     *                      {@link Subscription#MAX_QUEUE_CAPACITY}
     * @return the subscription; close it to stop
     * @throws IllegalArgumentException if the capacity is out of range (the message names it)
     * @throws IllegalStateException    if the store is closed (the message names the store)
     */
    Subscription subscribe(EventListener listener, int queueCapacity);

    /**
     * Unregisters JMX beans and JFR hooks and stops accepting events; idempotent. An event recorded
     * after this returns is counted as dropped. A record that runs concurrently with it either
     * buffers its event before the store is closed or counts it as dropped; in the second case the
     * event may be visible in the buffer for an instant (the record takes it back out before it
     * returns, unless a consumer or {@link #markSynced} took it first, which then accounts for it).
     */
    @Override
    void close();
}
