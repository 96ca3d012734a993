package io.ironcage.analytics.core.store;

import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.core.pricing.CorePricingCatalog;
import io.ironcage.analytics.core.pricing.MicroCarry;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import io.ironcage.analytics.pricing.ReloadablePricingCatalog;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What the store keeps per model: the counters per provider (a {@link StatsCell} each), the carry
 * of sub-microdollar remainders, the shared metadata and the remembered price. Every LLM event
 * is counted once, in its model x provider cell; model, provider and global totals are sums.
 */
final class ModelCell {
    private static final Slot[] NO_SLOTS = new Slot[0];
    private static final VarHandle SLOTS;

    static {
        try {
            SLOTS = MethodHandles.lookup().findVarHandle(ModelCell.class, "slots", Slot[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // the sub-microdollar remainder carried from one event of this model to the
    // next, so that the model's event costs sum to its exact total rounded down (no drift, and
    // per-model totals do not depend on thread timing). Per model keeps it off any global
    // contention point.
    final MicroCarry carry = new MicroCarry();

    // the metadata last built for this model, shared by its events. A plain
    // field: racing writers may each build one (harmless duplicates), and LlmModelMeta is a record
    // of final fields, so a reader that sees the reference sees a fully built object.
    private LlmModelMeta lastMeta;

    // one cell per provider this model was recorded with (almost always one).
    // An LLM event is counted once, in its model x provider cell; the model's and the providers'
    // totals are sums over these at snapshot time. Copy-on-write: a new provider is appended with a
    // compareAndSet of the whole array (lock-free); readers see a fully built array (volatile).
    private volatile Slot[] slots = NO_SLOTS;

    /**
     * A provider's cell within a model cell. An alias slot remembers that its provider was over the
     * provider table's limit: its cell is the one of the overflow key's slot, and it is skipped
     * by the sums (that cell is counted once, under its own slot).
     */
    private record Slot(String provider, StatsCell cell, boolean alias) {}

    /** At most this many over-limit provider names are remembered per model (bounded memory). */
    static final int MAX_ALIASES = 8;

    // the price last found for a model in an immutable core table. A plain
    // field: racing writers store equal links, and the record's final fields make a link seen
    // through it fully built. The overflow cell serves many models, hence the model in the link.
    private PriceLink priceLink;

    private record PriceLink(CorePricingCatalog table, String model, ModelPrice price) {}

    /**
     * The model's price, or null: from the link when the table snapshot and the model are the
     * ones it was found for (a reload swaps the snapshot, so the next event looks up again).
     * Only the core's immutable tables are remembered; any other catalog is asked every time.
     */
    ModelPrice price(PricingCatalog catalog, String model) {
        PricingCatalog table = catalog instanceof ReloadablePricingCatalog r ? r.current() : catalog;
        if (!(table instanceof CorePricingCatalog core)) {
            return CorePricingCatalog.findPrice(table, model);
        }
        PriceLink l = priceLink;
        if (l != null && l.table == core && l.model.equals(model)) {
            return l.price;
        }
        ModelPrice p = core.lookup(model);
        priceLink = new PriceLink(core, model, p);
        return p;
    }

    /**
     * The model's price without a cell to remember it in (a model the table does not hold yet):
     * the same answer as {@link #price}, looked up in the catalog's current table every time.
     * Admitting nothing, it lets a call that is rejected afterwards leave no key behind.
     */
    static ModelPrice priceUncached(PricingCatalog catalog, String model) {
        PricingCatalog table = catalog instanceof ReloadablePricingCatalog r ? r.current() : catalog;
        return table instanceof CorePricingCatalog core ? core.lookup(model) : CorePricingCatalog.findPrice(table, model);
    }

    /** The shared metadata for this model with the given provider and provider key. */
    LlmModelMeta meta(String model, String provider, String providerId) {
        LlmModelMeta m = lastMeta;
        if (m != null && m.model().equals(model) && m.provider().equals(provider)
                && Objects.equals(m.providerId(), providerId)) {
            return m;
        }
        m = new LlmModelMeta(providerId, provider, model);
        lastMeta = m;
        return m;
    }

    /**
     * The model x provider cell for a provider; admits the provider through the provider table
     * (its cardinality guard) the first time this model sees it. An over-limit provider's decision
     * is remembered in an alias slot (up to {@link #MAX_ALIASES} per model), so its later events
     * find the overflow cell here, lock-free, and only count their overflow event.
     */
    StatsCell forProvider(String provider, StatsTable<?> providers) {
        for (Slot s : slots) {
            if (s.provider.equals(provider)) {
                if (s.alias) {
                    providers.countOverflowEvent();
                }
                return s.cell;
            }
        }
        String key = providers.admitKey(provider);
        boolean over = !key.equals(provider);
        for (;;) {
            Slot[] current = slots;
            Slot target = null;
            int aliases = 0;
            for (Slot s : current) {
                if (s.alias) {
                    aliases++;
                    if (s.provider.equals(provider)) {
                        return s.cell;
                    }
                } else if (s.provider.equals(key)) {
                    target = s;
                }
            }
            boolean addAlias = over && aliases < MAX_ALIASES;
            if (target != null && !addAlias) {
                return target.cell;
            }
            Slot[] next = Arrays.copyOf(current, current.length + (target == null ? 1 : 0) + (addAlias ? 1 : 0));
            int at = current.length;
            if (target == null) {
                target = new Slot(key, new StatsCell(), false);
                next[at++] = target;
            }
            if (addAlias) {
                next[at] = new Slot(provider, target.cell, true);
            }
            // Volatile CAS (release): a reader of the new array sees its slots fully built.
            if (SLOTS.compareAndSet(this, current, next)) {
                return target.cell;
            }
        }
    }

    /** Requests counted in this model's provider cells (failed ones included). */
    long requestCount() {
        long n = 0;
        for (Slot s : slots) {
            if (!s.alias) {
                n += s.cell.requestCount();
            }
        }
        return n;
    }

    /** Calls back with each provider's cell of this model (alias slots skipped). */
    void forEachProviderCell(BiConsumer<String, StatsCell> action) {
        for (Slot s : slots) {
            if (!s.alias) {
                action.accept(s.provider, s.cell);
            }
        }
    }

    // set once, by compareAndSet, by the first unpriced event of this model (or, for the overflow
    // cell, of any over-limit model): that event alone logs the "unpriced model" warning. The
    // recording path reads it with one plain load per unpriced event; the CAS (volatile) makes
    // exactly one thread win even when several race on the first event.
    private volatile boolean unpricedWarned;

    private static final VarHandle UNPRICED_WARNED;

    static {
        try {
            UNPRICED_WARNED = MethodHandles.lookup().findVarHandle(ModelCell.class, "unpricedWarned", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Whether the caller is the first to see this model unpriced: true exactly once per cell.
     * Steady state is one read of the flag.
     */
    boolean firstUnpriced() {
        return !unpricedWarned && UNPRICED_WARNED.compareAndSet(this, false, true);
    }

    /** Calls back with each provider's snapshot of this model. */
    void forEachProvider(BiConsumer<String, ModelStats> action) {
        for (Slot s : slots) {
            if (!s.alias) {
                action.accept(s.provider, s.cell.snapshot());
            }
        }
    }
}
