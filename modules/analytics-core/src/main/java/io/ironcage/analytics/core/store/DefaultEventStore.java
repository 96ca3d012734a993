package io.ironcage.analytics.core.store;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.EventPayload;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.pricing.AtomicBudgetTracker;
import io.ironcage.analytics.core.pricing.CoreModelPrice;
import io.ironcage.analytics.core.pricing.ProviderNames;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The store: validate, price, count, then buffer. See the package documentation for the
 * concurrency design; in short, the recording path is counters ({@link LongAdder}), lock-free map
 * reads, one slot CAS and one lock-free linked-queue offer (one node allocated), and it never
 * blocks, throws for capacity or does I/O.
 */
public final class DefaultEventStore implements EventStore {
    private static final System.Logger LOG = System.getLogger(DefaultEventStore.class.getName());

    private final String name;
    private final PricingCatalog pricing;
    private final EventBuffer buffer;
    private final StatsTable<ModelCell> byModel;
    // Providers are counted in the model cells; this table only admits provider names (its
    // cardinality guard) and counts the events of over-limit providers.
    private final StatsTable<Object> byProvider;
    private final StatsTable<StatsCell> byAgent;
    private final StreamChannel stream;
    private final EventLog eventLog;
    private final SyncLedger ledger = new SyncLedger();
    private final AtomicBudgetTracker budget;

    // Non-LLM events recorded. LLM events are not counted again here: each one was counted in its
    // model x provider cell, so "recorded" is the cells' request count plus this (one add saved on
    // the hot path; see accounting()).
    private final LongAdder otherRecorded = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder drained = new LongAdder();
    private final LongAdder markedSynced = new LongAdder();
    private final LongAdder droppedWhileClosed = new LongAdder();

    // Set by the sync client when it starts, cleared when it stops; read once per recorded event.
    // Volatile so a recorder sees the trigger as soon as the client is running.
    private volatile BufferListener bufferListener;
    private volatile boolean closed;
    // Whoever watches this store (JFR, JMX, ...), attached by the composition root: the store
    // knows only the StoreObserver interface. A final field, assigned once at the end of the
    // constructor: the final-field guarantee publishes it (and the observer's own final state)
    // with the store to every thread that gets the store afterwards, so the recording path reads
    // it with a plain load, no volatile.
    private final StoreObserver observer;
    // The sync run holding this store (at most one: two would fight over the buffer listener).
    // Owned by the sync package, which alone reads and writes it (compareAndSet); typed Object so
    // that the store knows nothing of sync. Per store, so nothing static is keyed by store.
    private final AtomicReference<Object> syncRun = new AtomicReference<>();

    /**
     * Builds a store; the composition root ({@code io.ironcage.analytics.core.Assembly}) is the
     * one caller, tests included.
     *
     * @param config    the configuration, its pricing resolved (the root puts the embedded table
     *                  in when the application gave none); a stream capacity above 0 makes the
     *                  streaming channel, 0 none
     * @param observers makes the store's observer, given the store at the end of its
     *                  construction (after every other field is set); called once, on this thread
     * @throws IllegalArgumentException if the configuration has no pricing
     */
    public DefaultEventStore(StoreConfig config, Function<? super DefaultEventStore, ? extends StoreObserver> observers) {
        this.name = config.name();
        this.pricing = config.pricing().orElseThrow(() -> new IllegalArgumentException(
                "the store's pricing must be resolved before construction (the composition root does it)"));
        boolean stream = config.streamCapacity() > 0;
        this.buffer = new EventBuffer(config.capacity());
        this.byModel = new StatsTable<>(config.maxModels(), ModelCell::new);
        this.byProvider = new StatsTable<>(config.maxProviders(), Object::new);
        this.byAgent = new StatsTable<>(config.maxAgents(), StatsCell::new);
        this.stream = stream ? new StreamChannel(config.streamCapacity()) : null;
        this.eventLog = EventLog.at(config.eventLogLevel().orElse(null));
        // Each threshold crossing records a BudgetThresholdReached event on the spending thread;
        // recording it never spends, so the listener cannot re-enter the tracker.
        this.budget = config.budget()
                .map(b -> new AtomicBudgetTracker(b, (pct, spent, limit) -> recordBudgetThreshold(pct, spent, limit, null)))
                .orElse(null);
        // Creating a store is one of the moments that expunge stores collected unclosed (there
        // is no cleaner thread).
        StoreCleaner.expunge();
        this.observer = Objects.requireNonNull(observers.apply(this), "observer");
    }

    /**
     * The receiving end of the streaming channel.
     *
     * @return the receiver, or null if the store has none
     */
    public io.ironcage.analytics.EventReceiver receiver() {
        return stream;
    }

    // ---------------------------------------------------------------- recording

    @Override
    public void recordLlmCompleted(String model, long inputTokens, long outputTokens, String agentId,
                                   String providerId) {
        completed(model, null, null, inputTokens, outputTokens, 0, 0, 0, 0, agentId, providerId, null, null, false,
                null);
    }

    @Override
    public void recordLlmCompletedWithProvider(String model, Provider provider, long inputTokens,
                                               long outputTokens, String agentId, String providerId) {
        Objects.requireNonNull(provider, "provider");
        completed(model, provider, null, inputTokens, outputTokens, 0, 0, 0, 0, agentId, providerId, null, null,
                false, null);
    }

    @Override
    public void recordLlmCompleted(LlmUsage usage) {
        Objects.requireNonNull(usage, "usage");
        completed(usage.model(), usage.provider(), usage.providerName(), usage.inputTokens(), usage.outputTokens(),
                usage.cacheReadTokens(), usage.cacheWriteTokens(), usage.cacheWrite1hTokens(),
                usage.reasoningTokens(), usage.agentId(), usage.providerId(), usage.duration(),
                usage.timeToFirstToken(), usage.usageMissing(), null);
    }

    @Override
    public void recordLlmFailed(LlmUsage usage, String errorCode, String errorMessage) {
        Objects.requireNonNull(usage, "usage");
        completed(usage.model(), usage.provider(), usage.providerName(), usage.inputTokens(), usage.outputTokens(),
                usage.cacheReadTokens(), usage.cacheWriteTokens(), usage.cacheWrite1hTokens(),
                usage.reasoningTokens(), usage.agentId(), usage.providerId(), usage.duration(),
                usage.timeToFirstToken(), usage.usageMissing(), new Failure(errorCode, errorMessage));
    }

    /** A billed failure's error, for {@link #completed}; null there for a completed request. */
    private record Failure(String errorCode, String errorMessage) {}

    /**
     * The path of a request with usage: a completed one ({@code failure} null) or a billed
     * failure, priced and counted the same way (tokens, cache/reasoning detail, latency; a failure
     * also counts in {@code failedCount}, and not in {@code unpricedCount}).
     */
    private void completed(String model, Provider given, String givenName, long input, long output, long cacheRead,
                           long cacheWrite, long cacheWrite1h, long reasoning, String agentId, String providerId,
                           Duration duration, Duration timeToFirstToken, boolean usageMissing, Failure failure) {
        // 1. Validate everything before touching any counter: a rejected call records nothing.
        Args.name("model", model);
        Args.tokens("inputTokens", input);
        Args.tokens("outputTokens", output);
        Args.optionalName("agentId", agentId);
        Args.optionalName("providerId", providerId);

        // 2. Price. Everything that can fail (an overflowing count, a user catalog's bad cost, the
        // payload's own checks) runs in steps 1-3, before anything is counted or admitted. The
        // model table is only read here (a lock-free get, which admits nothing): a known model's
        // price is remembered in its cell; a model not seen yet is priced through the catalog
        // directly, and its key is admitted in step 3, once nothing can fail any more, so a
        // rejected call never takes one of the maxModels slots. The core table's lookup and cost
        // are allocation-free; a user's own catalog goes through its API.
        ModelCell known = byModel.get(model);
        ModelPrice price = known != null ? known.price(pricing, model) : ModelCell.priceUncached(pricing, model);
        // The price path is decided once: the core table's (femtodollars, carried per model) or a
        // user catalog's (microdollars through its API). A local, so no allocation.
        CoreModelPrice core = price instanceof CoreModelPrice c ? c : null;
        long femtos = 0;
        long cost = 0;
        if (core != null) {
            femtos = core.costFemtos(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning);
        } else if (price != null) {
            cost = price.costMicros(LlmUsage.builder(model).inputTokens(input).outputTokens(output)
                    .cacheReadTokens(cacheRead).cacheWriteTokens(cacheWrite).cacheWrite1hTokens(cacheWrite1h)
                    .reasoningTokens(reasoning).build());
            if (cost < 0) {
                throw new IllegalArgumentException("the pricing catalog " + pricing.revision()
                        + " returned a negative cost for model \"" + model + "\": " + cost + " microdollars");
            }
        }
        String provider = providerName(given, givenName, model, price);
        boolean priced = price != null;

        // 3. Admit the model (a new key takes its slot only now: steps 1-2 validated every count,
        // so nothing below can throw), take the carry, build the event with an id derived from its
        // own timestamp (one clock read). The carry is taken just before the payload is built, so
        // a carried remainder is never lost to a rejected call. A model over the table's limit
        // gets the overflow cell, whose overflow event is counted in step 4.
        ModelCell modelCell = known != null ? known : byModel.lookup(model);
        LlmModelMeta meta = modelCell.meta(model, provider, providerId);
        if (core != null) {
            cost = modelCell.carry.add(femtos);
        }
        EventPayload payload = failure == null
                ? new LlmRequestCompleted(meta, input, output, cacheRead, cacheWrite, reasoning, cost, priced,
                        priced ? price.revision() : null, duration, timeToFirstToken)
                : new LlmRequestFailed(meta, failure.errorCode(), failure.errorMessage(), input, output, cacheRead,
                        cacheWrite, reasoning, cost, duration, timeToFirstToken);
        long now = System.currentTimeMillis();
        AnalyticsEvent event = EventStates.newEvent(now, agentId, payload);

        // 4. Count: the model x provider cell (model and provider totals are sums of these), then
        // the agent, then the budget, which saturates rather than throws here. Counters are the
        // source of truth and include drops.
        byModel.countIfOverflow(modelCell);
        countRequest(modelCell, meta.provider(), agentId, failure != null, input, output, cacheRead, cacheWrite,
                reasoning, cost, priced, usageMissing, duration, timeToFirstToken);
        if (!priced) {
            warnUnpricedOnce(modelCell, model);
        }

        // 5. Publish.
        publish(event);
    }

    /**
     * Counts one LLM request, the one counting sequence of every recording path (recording and
     * {@link #record(AnalyticsEvent)}): its model x provider cell (model and provider totals are
     * sums of these) with its latency, its agent's cell, then the budget, which tracks every
     * request with a cost (a billed failure too) and saturates rather than throws here.
     */
    private void countRequest(ModelCell modelCell, String provider, String agentId, boolean failure, long input,
                              long output, long cacheRead, long cacheWrite, long reasoning, long cost, boolean priced,
                              boolean usageMissing, Duration duration, Duration timeToFirstToken) {
        StatsCell pair = modelCell.forProvider(provider, byProvider);
        pair.addRequest(failure, input, output, cacheRead, cacheWrite, reasoning, cost, priced, usageMissing);
        pair.addLatency(duration, timeToFirstToken);
        if (agentId != null) {
            byAgent.cell(agentId).addRequest(failure, input, output, cacheRead, cacheWrite, reasoning, cost, priced,
                    usageMissing);
        }
        if (budget != null && cost != 0) {
            budget.spendSaturating(cost);
        }
    }

    /**
     * Part 6 of issue 12: the first unpriced event of a model logs one WARNING naming the model
     * and the price table's revision; the model's cell remembers it (a flag set by CAS), so the
     * steady state is one read of that flag. Over the model table's limit, the overflow cell is
     * shared, so only the first over-limit unpriced model is named: the guard bounds the warnings.
     */
    private void warnUnpricedOnce(ModelCell cell, String model) {
        if (cell.firstUnpriced()) {
            LOG.log(System.Logger.Level.WARNING, "analytics store \"{0}\": model \"{1}\" has no price in the price"
                    + " table {2}: its requests are counted with cost 0 (unpriced); this is logged once per model",
                    name, model, pricing.revision());
        }
    }

    /**
     * The real provider's name for the user's figures (the event's {@code meta().provider()}):
     * the caller's name (lower-cased by the builder, normalised here like the table's: one name
     * per provider), else the caller's {@link Provider} (an explicit {@code UNKNOWN} included: a
     * given provider overrides resolution, as before), else the price table's provider normalised
     * ({@link ProviderNames}; the core table's is normalised once at load), else
     * {@link Provider#infer} of the model. Allocation-free: every result is a constant or a string
     * already held. The wire maps it to {@code openai}/{@code anthropic}/{@code unknown} (EventJson).
     */
    private static String providerName(Provider given, String givenName, String model, ModelPrice price) {
        if (givenName != null) {
            String name = ProviderNames.normalise(givenName);
            if (name != null) {
                return name;
            }
        }
        if (given != null) {
            return given.wireName();
        }
        if (price != null) {
            String name = price instanceof CoreModelPrice c ? c.providerName() : ProviderNames.normalise(price.tableProvider());
            if (name != null) {
                return name;
            }
        }
        return Provider.infer(model).wireName();
    }

    @Override
    public void recordLlmFailed(String model, String agentId, String providerId, String errorCode,
                                String errorMessage) {
        Args.name("model", model);
        Args.optionalName("agentId", agentId);
        Args.optionalName("providerId", providerId);
        // Everything that can fail (the price lookup, the payload) before anything is counted or
        // admitted: the model table is only read (lock-free get) until the event is built; a new
        // model's key is admitted afterwards, so a rejected call takes no maxModels slot.
        ModelCell known = byModel.get(model);
        ModelPrice price = known != null ? known.price(pricing, model) : ModelCell.priceUncached(pricing, model);
        String provider = providerName(null, null, model, price);
        LlmModelMeta meta = known != null ? known.meta(model, provider, providerId)
                : new LlmModelMeta(providerId, provider, model);
        AnalyticsEvent event = newEvent(agentId, new LlmRequestFailed(meta, errorCode, errorMessage));
        ModelCell modelCell = known != null ? known : byModel.lookup(model);

        byModel.countIfOverflow(modelCell);
        modelCell.forProvider(meta.provider(), byProvider).addFailed();
        if (agentId != null) {
            byAgent.cell(agentId).addFailed();
        }
        publish(event);
    }

    @Override
    public void recordBudgetThreshold(int thresholdPercent, long currentSpendMicros, long budgetMicros,
                                      String agentId) {
        Args.optionalName("agentId", agentId);
        BudgetThresholdReached payload = new BudgetThresholdReached(thresholdPercent, currentSpendMicros, budgetMicros);
        AnalyticsEvent event = newEvent(agentId, payload);
        publish(event);
        // After the event is counted and buffered: a JMX listener that reads the store sees it.
        observer.budgetThreshold(event, payload);
    }

    @Override
    public void recordRouterStarted(int port) {
        publish(newEvent(null, new RouterStarted(port)));
    }

    @Override
    public void recordRouterStopped() {
        ComputedStats s = stats();
        publish(newEvent(null, new RouterStopped(s.totalRequests(), s.totalCostMicros())));
    }

    @Override
    public void record(AnalyticsEvent event) {
        Objects.requireNonNull(event, "event");
        // An event object held (or once held) by a store is copied, so that each store owns the
        // state of the object in its buffer.
        AnalyticsEvent own = EventStates.adopt(event) ? event
                : AnalyticsEvent.of(event.eventId(), event.timestampMs(), event.agentId().orElse(null), event.payload());
        if (own != event) {
            EventStates.initHeld(own);
        }
        String agent = own.agentId().orElse(null);
        BudgetThresholdReached budgetReached = null;
        switch (own.payload()) {
            case LlmRequestCompleted c -> {
                ModelCell modelCell = byModel.cell(c.meta().model());
                countRequest(modelCell, c.meta().provider(), agent, false, c.inputTokens(), c.outputTokens(),
                        c.cacheReadTokens(), c.cacheWriteTokens(), c.reasoningTokens(), c.costMicros(), c.priced(),
                        false, c.duration(), c.timeToFirstToken());
                if (!c.priced()) {
                    warnUnpricedOnce(modelCell, c.meta().model());
                }
            }
            case LlmRequestFailed f -> {
                countRequest(byModel.cell(f.meta().model()), f.meta().provider(), agent, true, f.inputTokens(),
                        f.outputTokens(), f.cacheReadTokens(), f.cacheWriteTokens(), f.reasoningTokens(),
                        f.costMicros(), true, false, f.duration(), f.timeToFirstToken());
            }
            // The one other place a budget threshold event enters the store (told below).
            case BudgetThresholdReached b -> budgetReached = b;
            default -> { }
        }
        publishHeld(own);
        if (budgetReached != null) {
            // After the event is counted and buffered, as in recordBudgetThreshold.
            observer.budgetThreshold(own, budgetReached);
        }
    }

    private static AnalyticsEvent newEvent(String agentId, EventPayload payload) {
        long now = System.currentTimeMillis();
        return EventStates.newEvent(now, agentId, payload);
    }

    /** Buffers an event this store just built. */
    private void publish(AnalyticsEvent event) {
        EventStates.initHeld(event);
        publishHeld(event);
    }

    private void publishHeld(AnalyticsEvent event) {
        boolean llm = EventBuffer.isLlm(event); // decided once: counting and the buffer's queue
        if (!llm) {
            otherRecorded.increment();
        }
        if (stream != null && !closed) {
            stream.offer(event);
        }
        observer.recorded(event);
        if (closed) {
            droppedWhileClosed.increment();
            dropped.increment();
        } else if (!buffer.offer(event, llm)) {
            dropped.increment();
            observer.dropped();
        } else if (closed && buffer.takeBack(event, llm)) {
            // close() ran between the check above and the offer. closed is volatile: if this read
            // misses close()'s write, the offer (before it) happened before that write, so the
            // event was buffered before the store closed. If it sees the write, the event is taken
            // back out (HELD -> DROPPED by CAS, its slot given back) and counted as dropped while
            // closed; a consumer or marker that won it first counted it in its own term. Either
            // way exactly one term. So an event recorded concurrently with close() may be seen
            // in the buffer for an instant, but every record that buffers after closed was set
            // takes its event back out before it returns.
            droppedWhileClosed.increment();
            dropped.increment();
        } else {
            BufferListener l = bufferListener;
            if (l != null) {
                // The sync client's threshold counts what it can send: buffered LLM events.
                l.buffered(buffer.llmSize());
            }
        }
        if (eventLog != null) {
            eventLog.log(event);
        }
    }

    // ---------------------------------------------------------------- statistics

    @Override
    public ComputedStats stats() {
        // One pass over the model x provider cells gives the model and provider tables from the same
        // reads, so both always sum to the same totals, even while writers go on.
        Map<String, ModelStats> models = HashMap.newHashMap(byModel.distinctKeys() + 1);
        Map<String, ModelStats> providers = HashMap.newHashMap(8);
        Map<String, Map<String, ModelStats>> both = HashMap.newHashMap(byModel.distinctKeys() + 1);
        // Latency: each key's summary comes from the merge of its cells' histograms (exact
        // percentiles of the union), not from ModelStats.plus (which can only bound them).
        Map<String, List<Latency>> modelLatency = new HashMap<>();
        Map<String, List<Latency>> providerLatency = new HashMap<>();
        Map<String, Map<String, List<Latency>>> bothLatency = new HashMap<>();
        byModel.forEach((model, cell) -> cell.forEachProviderCell((provider, c) -> {
            ModelStats s = c.counters();
            models.merge(model, s, ModelStats::plus);
            providers.merge(provider, s, ModelStats::plus);
            // The overflow model cell holds many models: its provider cells merge like the others.
            both.computeIfAbsent(model, m -> HashMap.newHashMap(2)).merge(provider, s, ModelStats::plus);
            Latency l = c.latency();
            if (l != null) {
                modelLatency.computeIfAbsent(model, k -> new ArrayList<>(1)).add(l);
                providerLatency.computeIfAbsent(provider, k -> new ArrayList<>()).add(l);
                bothLatency.computeIfAbsent(model, k -> new HashMap<>(2))
                        .computeIfAbsent(provider, k -> new ArrayList<>(1)).add(l);
            }
        }));
        if (!modelLatency.isEmpty()) {
            LatencyMerge merge = new LatencyMerge(); // one pair of accumulators, reset per key
            modelLatency.forEach((k, ls) -> models.computeIfPresent(k, (key, s) -> merge.apply(s, ls)));
            providerLatency.forEach((k, ls) -> providers.computeIfPresent(k, (key, s) -> merge.apply(s, ls)));
            bothLatency.forEach((m, byP) -> {
                Map<String, ModelStats> row = both.get(m);
                byP.forEach((k, ls) -> row.computeIfPresent(k, (key, s) -> merge.apply(s, ls)));
            });
        }
        Map<String, ModelStats> agents = StatsTable.snapshot(byAgent);
        ModelStats t = StatsTable.total(providers);
        return new ComputedStats(t.requestCount(), t.failedCount(), t.inputTokens(), t.outputTokens(),
                t.costMicros(), t.unpricedCount(), models, providers, agents, both);
    }

    /**
     * The store's overall figures: every model x provider cell summed, with the latency and
     * time-to-first-token summaries of all the cells' histograms merged (for the periodic JFR
     * statistics event and JMX). Weakly consistent under concurrent recording, exact at rest.
     *
     * @return the totals over every model and provider
     */
    public ModelStats totals() {
        ModelStats[] t = {ModelStats.EMPTY};
        List<Latency> all = new ArrayList<>();
        byModel.forEach((model, cell) -> cell.forEachProviderCell((provider, c) -> {
            t[0] = t[0].plus(c.counters());
            Latency l = c.latency();
            if (l != null) {
                all.add(l);
            }
        }));
        return all.isEmpty() ? t[0] : new LatencyMerge().apply(t[0], all);
    }

    @Override
    public EventAccounting accounting() {
        return new EventAccounting(recordedCount(), buffer.size(), ledger.inFlight(), ledger.retrying(),
                ledger.delivered(), ledger.duplicates(), ledger.rejected(), buffer.evictedLocal(),
                markedSynced.sum(), drained.sum(), droppedCount());
    }

    /** LLM events (each counted once in a model x provider cell) plus the other events. */
    private long recordedCount() {
        long[] llm = {0};
        byModel.forEach((model, cell) -> llm[0] += cell.requestCount());
        return llm[0] + otherRecorded.sum();
    }

    @Override
    public long droppedCount() {
        return dropped.sum();
    }

    /** Buffered LLM events plus the ones the sync client holds; local events are never unsynced. */
    @Override
    public long unsyncedCount() {
        return buffer.llmSize() + ledger.inFlight() + ledger.retrying();
    }

    // ---------------------------------------------------------------- buffer access

    @Override
    public int size() {
        return buffer.size();
    }

    @Override
    public boolean isEmpty() {
        return buffer.size() == 0;
    }

    @Override
    public int capacity() {
        return buffer.capacity();
    }

    @Override
    public List<AnalyticsEvent> drainAll() {
        // size() is only a sizing hint here; clamp it (never size a list from a transient value).
        List<AnalyticsEvent> llm = new ArrayList<>(Math.max(0, buffer.size()));
        buffer.drainLlm(llm);
        List<AnalyticsEvent> local = new ArrayList<>();
        for (AnalyticsEvent e; (e = buffer.pollLocal()) != null; ) {
            local.add(e);
        }
        // One add for the batch: the drained events are the caller's from here on, and at rest
        // the count is exact.
        drained.add(llm.size() + local.size());
        return EventBuffer.merge(llm, local);
    }

    @Override
    public List<AnalyticsEvent> snapshotEvents() {
        return buffer.snapshot();
    }

    @Override
    public List<AnalyticsEvent> unsyncedEvents() {
        // Those the sync client holds (in flight, retrying, held for a paused token; the oldest,
        // in claim order), then the buffered LLM events (queue order), each once (identity), then
        // a STABLE sort by timestamp: equal timestamps keep claim-then-buffer order. The buffer is
        // walked first because a claim leaves the buffer before it is registered in the ledger:
        // walking in the same order only misses an event claimed in the instant between the two
        // walks. While the sync client moves events the list is weakly consistent; at rest it is
        // exact and has unsyncedCount() events.
        List<AnalyticsEvent> buffered = buffer.snapshotLlm();
        List<AnalyticsEvent> held = new ArrayList<>(ledger.heldEvents());
        Set<AnalyticsEvent> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(held);
        buffered.removeIf(e -> !seen.add(e)); // an event given back in between is in both
        return EventBuffer.merge(held, buffered);
    }

    @Override
    public void markSynced(Collection<EventId> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return;
        }
        Set<UUID> set = HashSet.newHashSet(ids.size());
        for (EventId id : ids) {
            set.add(Objects.requireNonNull(id, "ids contains null").value());
        }
        markedSynced.add(buffer.mark(set));
    }

    @Override
    public PricingCatalog pricing() {
        return pricing;
    }

    @Override
    public Optional<BudgetTracker> budget() {
        return Optional.ofNullable(budget);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            observer.closed();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "analytics store \"" + name + "\": closing its observers failed: " + e);
        }
        StoreCleaner.expunge();
        LOG.log(System.Logger.Level.DEBUG, "analytics store \"{0}\" closed", name);
    }

    @Override
    public io.ironcage.analytics.Subscription subscribe(io.ironcage.analytics.EventListener listener, int queueCapacity) {
        Objects.requireNonNull(listener, "listener");
        if (queueCapacity < 1 || queueCapacity > io.ironcage.analytics.Subscription.MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("queueCapacity must be between 1 and " + io.ironcage.analytics.Subscription.MAX_QUEUE_CAPACITY
                    + " but was " + queueCapacity);
        }
        if (closed) {
            throw new IllegalStateException("analytics store \"" + name + "\" is closed: cannot subscribe");
        }
        SubscriberHub hub = observer.find(SubscriberHub.class);
        if (hub == null) {
            throw new UnsupportedOperationException("analytics store \"" + name
                    + "\" has no subscriber hub (stores are built by the composition root, which attaches one)");
        }
        return hub.subscribe(listener, queueCapacity);
    }

    /**
     * The store's observer of the given type, if one is attached: how the JFR and JMX packages
     * find their own state for a store (its JFR hook, its bean's name) without a static map.
     *
     * @param type the observer class
     * @param <T>  its type
     * @return the observer, or null
     */
    public <T> T observer(Class<T> type) {
        return observer.find(type);
    }

    /**
     * The slot of the sync run that holds this store, for the sync package only (at most one run
     * per store). The store never reads it.
     *
     * @return the slot: null when no run holds the store
     */
    public AtomicReference<Object> syncRunSlot() {
        return syncRun;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- seams for sync, JMX and JFR

    /** @return the sync client's accounting terms */
    public SyncLedger ledger() {
        return ledger;
    }

    /**
     * LLM events in the buffer now: what the sync client may claim. Local events (budget
     * thresholds, router start and stop) stay in the store and are not counted here.
     *
     * @return buffered LLM events, at rest exact, weakly consistent under concurrent recording
     */
    public int bufferedForSync() {
        return buffer.llmSize();
    }

    /**
     * Takes the oldest buffered LLM event for the sync client, which then owns it as in flight.
     * Local events (budget thresholds, router start and stop) are never claimed: they stay here.
     *
     * @return the event, or null if no LLM event is buffered
     */
    public AnalyticsEvent claimForSync() {
        AnalyticsEvent e = buffer.pollLlm();
        if (e != null) {
            ledger.claimed(e);
        }
        return e;
    }

    /**
     * Gives an event the sync client held back to the buffer, unsynced and visible (it leaves the
     * ledger's register of held events first); a full buffer evicts its oldest local event for it,
     * and if every slot holds an LLM event it is counted as dropped.
     *
     * @param event    the event, claimed earlier from this store
     * @param retrying whether the client held it as retrying (else in flight)
     * @return true if it is back in the buffer, false if it was dropped
     */
    public boolean giveBack(AnalyticsEvent event, boolean retrying) {
        if (retrying) {
            ledger.retryingReturned(event);
        } else {
            ledger.inFlightReturned(event);
        }
        // The buffer reserves a slot before it re-holds the event; with none to be had the event
        // goes from RELEASED to DROPPED and is never HELD outside a queue (see offerReleased).
        if (buffer.offerReleased(event)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /**
     * Installs (or, with null, removes) the listener told after each buffered event.
     *
     * @param listener the listener; it must not block
     */
    public void bufferListener(BufferListener listener) {
        this.bufferListener = listener;
    }

    /** @return events dropped because the store was closed (included in {@link #droppedCount()}) */
    public long droppedWhileClosed() {
        return droppedWhileClosed.sum();
    }

    /** @return events aggregated under the overflow key of the model table */
    public long modelOverflowEvents() {
        return byModel.overflowEvents();
    }

    /** @return events aggregated under the overflow key of the agent table */
    public long agentOverflowEvents() {
        return byAgent.overflowEvents();
    }

    /** @return events aggregated under the overflow key of the provider table */
    public long providerOverflowEvents() {
        return byProvider.overflowEvents();
    }

    /** @return how often the key tables' admission path took a bin lock (a test seam) */
    long lockedLookups() {
        return byModel.lockedLookups() + byProvider.lockedLookups() + byAgent.lockedLookups();
    }

    /** Whether a cell of the model made its latency histograms (made lazily: a test seam). */
    boolean hasLatencyHistograms(String model) {
        ModelCell cell = byModel.get(model);
        boolean[] any = {false};
        if (cell != null) {
            cell.forEachProviderCell((provider, c) -> any[0] |= c.latency() != null);
        }
        return any[0];
    }

    /** @return the stream's receiver drop count, 0 without a stream */
    public long streamDroppedCount() {
        return stream == null ? 0 : stream.droppedCount();
    }

    @Override
    public String toString() {
        return "EventStore[name=" + name + ", size=" + size() + ", capacity=" + capacity() + ", dropped="
                + droppedCount() + ", pricing=" + pricing.revision() + "]";
    }

}
