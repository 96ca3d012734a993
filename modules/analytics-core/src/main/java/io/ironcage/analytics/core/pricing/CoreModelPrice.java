package io.ironcage.analytics.core.pricing;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.CostBreakdown;
import io.ironcage.analytics.pricing.ModelPrice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's prices, resolved once at load time into the rates the hot path needs: integer
 * femto-USD per token (10<sup>9</sup> femto-USD = 1 microdollar) for each usage bucket, per
 * long-context tier. Immutable and thread-safe.
 *
 * <p>The buckets are disjoint (the usage's totals include their subsets, OpenTelemetry style):
 * <pre>
 *   uncached input = input - cacheRead - cacheWrite   at the input rate
 *   cacheRead                                         at the cache-read rate  (else input)
 *   5-minute writes = cacheWrite - cacheWrite1h       at the cache-write rate (else input)
 *   cacheWrite1h                                      at the 1-hour rate      (else 5-minute write)
 *   non-reasoning output = output - reasoning         at the output rate
 *   reasoning                                         at the reasoning rate   (else output)
 * </pre>
 * When the prompt ({@code inputTokens}) is above a tier's threshold, the whole request is billed
 * at the highest such tier's rates, as LiteLLM does; a bucket the tier does not price keeps its
 * base rate, and a bucket priced neither way falls back as above to the tier's rates.
 */
public final class CoreModelPrice implements ModelPrice {

    /** Femto-USD in one microdollar. */
    public static final long FEMTOS_PER_MICRO = 1_000_000_000L;
    /** Output tokens assumed by {@link #maxCostMicros} when neither request nor table gives a maximum. */
    public static final long DEFAULT_MAX_OUTPUT_TOKENS = 128_000;

    /** The usage buckets, each with its own rate. */
    public enum Bucket {
        /** Prompt tokens neither read from nor written to the cache. */
        INPUT,
        /** Completion tokens that are not reasoning tokens. */
        OUTPUT,
        /** Prompt tokens read from the cache. */
        CACHE_READ,
        /** Prompt tokens written to the cache with the default (5-minute) lifetime. */
        CACHE_WRITE,
        /** Prompt tokens written to the cache with a 1-hour lifetime. */
        CACHE_WRITE_1H,
        /** Completion tokens spent on reasoning. */
        REASONING
    }

    private static final int IN = 0;
    private static final int OUT = 1;
    private static final int CR = 2;
    private static final int CW = 3;
    private static final int CW1H = 4;
    private static final int REAS = 5;
    private static final int WIDTH = 6;

    private final String model;
    private final String litellmProvider;
    private final Provider provider;
    private final String providerName;
    private final String revision;
    private final long maxOutputTokens;
    /** Tier thresholds, ascending; tier i's rates start at {@code (i + 1) * WIDTH} in {@link #rates}. */
    private final long[] thresholds;
    /** Resolved rates: base level at 0, then one block of {@link #WIDTH} per tier. */
    private final long[] rates;
    /** Base input and output rates, for the plain case. */
    private final long inputRate;
    private final long outputRate;

    CoreModelPrice(PriceRow row, String revision) {
        this.model = row.model();
        this.litellmProvider = row.litellmProvider();
        this.provider = providerOf(row.litellmProvider());
        this.providerName = ProviderNames.normalise(row.litellmProvider());
        this.revision = Objects.requireNonNull(revision, "revision");
        this.maxOutputTokens = row.maxOutputTokens();
        int tiers = row.tiers().size();
        this.thresholds = new long[tiers];
        this.rates = new long[(tiers + 1) * WIDTH];
        resolve(rates, 0, row, row.input(), row.output(), PriceRow.NONE, PriceRow.NONE, PriceRow.NONE);
        for (int i = 0; i < tiers; i++) {
            PriceRow.Tier t = row.tiers().get(i);
            thresholds[i] = t.threshold();
            resolve(rates, (i + 1) * WIDTH, row, or(t.input(), row.input()), or(t.output(), row.output()),
                    t.cacheRead(), t.cacheWrite(), t.cacheWrite1h());
        }
        this.inputRate = rates[IN];
        this.outputRate = rates[OUT];
    }

    /** Fills one level: the tier's own price, else the base price, else the fallback at this level. */
    private static void resolve(long[] r, int o, PriceRow base, long input, long output, long tierCacheRead,
                                long tierCacheWrite, long tierCacheWrite1h) {
        r[o + IN] = input;
        r[o + OUT] = output;
        r[o + CR] = or(tierCacheRead, or(base.cacheRead(), input));
        r[o + CW] = or(tierCacheWrite, or(base.cacheWrite(), input));
        r[o + CW1H] = or(tierCacheWrite1h, or(base.cacheWrite1h(), r[o + CW]));
        r[o + REAS] = or(base.reasoning(), output);
    }

    private static long or(long price, long fallback) {
        return price == PriceRow.NONE ? fallback : price;
    }

    /**
     * Maps LiteLLM's {@code litellm_provider}: {@code openai} and {@code text-completion-openai}
     * are OpenAI, {@code anthropic} is Anthropic, anything else (null included) is unknown.
     *
     * @param litellmProvider the table's provider, or null
     * @return the provider
     */
    static Provider providerOf(String litellmProvider) {
        if (litellmProvider == null) {
            return Provider.UNKNOWN;
        }
        return switch (litellmProvider) {
            case "openai", "text-completion-openai" -> Provider.OPENAI;
            case "anthropic" -> Provider.ANTHROPIC;
            default -> Provider.UNKNOWN;
        };
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Provider provider() {
        return provider;
    }

    /**
     * Returns the provider as the table names it.
     *
     * @return LiteLLM's {@code litellm_provider}, or null if the table has none
     */
    public String litellmProvider() {
        return litellmProvider;
    }

    /**
     * Returns the table's provider normalised to one name per provider
     * ({@link ProviderNames#normalise}), computed once at load.
     *
     * @return such as {@code "gemini"}, {@code "vertex_ai"} or {@code "bedrock"}; null if the
     *         table names no provider
     */
    public String providerName() {
        return providerName;
    }

    @Override
    public String revision() {
        return revision;
    }

    /**
     * Returns the model's maximum output from the table.
     *
     * @return {@code max_output_tokens} (else {@code max_tokens}), or 0 if the table has neither
     */
    public long maxOutputTokens() {
        return maxOutputTokens;
    }

    /**
     * Returns the long-context tier thresholds.
     *
     * @return the prompt sizes, ascending, above which a tier applies (a copy; empty if none)
     */
    public long[] tierThresholds() {
        return thresholds.clone();
    }

    /**
     * Returns the rate that applies to a bucket for a prompt of the given size, after tiers and
     * fallbacks.
     *
     * @param bucket      the bucket
     * @param inputTokens the prompt size, which selects the tier
     * @return femto-USD per token
     */
    public long rateFemtos(Bucket bucket, long inputTokens) {
        return rates[levelOffset(inputTokens) + bucket.ordinal()];
    }

    /**
     * The exact cost of a request in femto-USD, without allocating. The counts follow
     * {@link LlmUsage}'s convention: totals include their subsets.
     *
     * @param inputTokens        all prompt tokens, cache reads and writes included
     * @param outputTokens       all completion tokens, reasoning included
     * @param cacheReadTokens    prompt tokens read from the cache
     * @param cacheWriteTokens   prompt tokens written to the cache, 1-hour writes included
     * @param cacheWrite1hTokens the part of the cache writes with a 1-hour lifetime
     * @param reasoningTokens    completion tokens spent on reasoning
     * @return femto-USD (10<sup>-15</sup> USD)
     * @throws IllegalArgumentException naming the model and the counts if a count is negative, a
     *                                  subset exceeds its total, or the cost overflows a long
     */
    public long costFemtos(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                           long cacheWrite1hTokens, long reasoningTokens) {
        if ((inputTokens | outputTokens | cacheReadTokens | cacheWriteTokens | cacheWrite1hTokens
                | reasoningTokens) < 0
                || cacheWrite1hTokens > cacheWriteTokens
                || cacheReadTokens > inputTokens - cacheWriteTokens
                || reasoningTokens > outputTokens) {
            throw failure("inconsistent token counts", inputTokens, outputTokens, cacheReadTokens,
                    cacheWriteTokens, cacheWrite1hTokens, reasoningTokens, null);
        }
        try {
            if (thresholds.length == 0 && (cacheReadTokens | cacheWriteTokens | reasoningTokens) == 0) {
                return Math.addExact(Math.multiplyExact(inputTokens, inputRate),
                        Math.multiplyExact(outputTokens, outputRate));
            }
            long[] r = rates;
            int o = levelOffset(inputTokens);
            long cost = Math.multiplyExact(inputTokens - cacheReadTokens - cacheWriteTokens, r[o + IN]);
            cost = Math.addExact(cost, Math.multiplyExact(cacheReadTokens, r[o + CR]));
            cost = Math.addExact(cost, Math.multiplyExact(cacheWriteTokens - cacheWrite1hTokens, r[o + CW]));
            cost = Math.addExact(cost, Math.multiplyExact(cacheWrite1hTokens, r[o + CW1H]));
            cost = Math.addExact(cost, Math.multiplyExact(outputTokens - reasoningTokens, r[o + OUT]));
            return Math.addExact(cost, Math.multiplyExact(reasoningTokens, r[o + REAS]));
        } catch (ArithmeticException e) {
            throw failure("cost overflows a long in femto-USD", inputTokens, outputTokens, cacheReadTokens,
                    cacheWriteTokens, cacheWrite1hTokens, reasoningTokens, e);
        }
    }

    /**
     * The exact cost in femto-USD of a usage.
     *
     * @param usage the usage
     * @return femto-USD
     * @throws IllegalArgumentException if the cost overflows a long
     */
    public long costFemtos(LlmUsage usage) {
        return costFemtos(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                usage.cacheWriteTokens(), usage.cacheWrite1hTokens(), usage.reasoningTokens());
    }

    /**
     * {@inheritDoc}
     *
     * <p>This is {@link #costFemtos(LlmUsage)} divided by 10<sup>9</sup>, rounded down. A store
     * that sums many events uses {@link MicroCarry} instead, so the sub-microdollar parts add up.
     */
    @Override
    public long costMicros(LlmUsage usage) {
        return costFemtos(usage) / FEMTOS_PER_MICRO;
    }

    /**
     * {@inheritDoc}
     *
     * <p>As the original crate: the prompt at the input rate of the tier its size selects, plus the
     * output at the output rate, for {@code requestMaxOutputTokens} output tokens, else the model's
     * maximum output, else {@value #DEFAULT_MAX_OUTPUT_TOKENS}. Where a model bills reasoning
     * above normal output, the output is priced at the reasoning rate, so the result stays an
     * upper bound whatever the model reasons. Cache writes, which some providers bill above the
     * input rate, are not assumed.
     *
     * @throws IllegalArgumentException if a count is negative or the cost overflows a long
     */
    @Override
    public long maxCostMicros(long inputTokens, Long requestMaxOutputTokens) {
        long output = requestMaxOutputTokens != null ? requestMaxOutputTokens
                : maxOutputTokens > 0 ? maxOutputTokens : DEFAULT_MAX_OUTPUT_TOKENS;
        if (inputTokens < 0 || output < 0) {
            throw new IllegalArgumentException("token counts must be >= 0 but were inputTokens=" + inputTokens
                    + ", maxOutputTokens=" + output + " (model " + model + ")");
        }
        int o = levelOffset(inputTokens);
        try {
            long femtos = Math.addExact(Math.multiplyExact(inputTokens, rates[o + IN]),
                    Math.multiplyExact(output, Math.max(rates[o + OUT], rates[o + REAS])));
            return Math.ceilDiv(femtos, FEMTOS_PER_MICRO);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("worst-case cost of model " + model + " overflows a long in femto-USD: "
                    + "inputTokens=" + inputTokens + ", maxOutputTokens=" + output, e);
        }
    }

    /** The offset of the rates of the highest tier whose threshold the prompt is above, else 0. */
    @Override
    public String tableProvider() {
        return litellmProvider;
    }

    @Override
    public Optional<CostBreakdown> explain(LlmUsage usage) {
        long in = usage.inputTokens();
        long total = costFemtos(usage); // validates and rejects an overflow first
        int o = levelOffset(in);
        long tier = o == 0 ? 0 : thresholds[o / WIDTH - 1];
        List<CostBreakdown.Line> lines = new ArrayList<>(6);
        line(lines, "input", usage.uncachedInputTokens(), rates[o + IN], true);
        line(lines, "cache_read", usage.cacheReadTokens(), rates[o + CR], false);
        line(lines, "cache_write", usage.cacheWriteTokens() - usage.cacheWrite1hTokens(), rates[o + CW], false);
        line(lines, "cache_write_1h", usage.cacheWrite1hTokens(), rates[o + CW1H], false);
        line(lines, "output", usage.outputTokens() - usage.reasoningTokens(), rates[o + OUT], true);
        line(lines, "reasoning", usage.reasoningTokens(), rates[o + REAS], false);
        return Optional.of(new CostBreakdown(model, revision, tier, lines, total));
    }

    private static void line(List<CostBreakdown.Line> lines, String bucket, long tokens, long rate, boolean always) {
        if (always || tokens != 0) {
            lines.add(new CostBreakdown.Line(bucket, tokens, rate, tokens * rate));
        }
    }

    private int levelOffset(long inputTokens) {
        long[] t = thresholds;
        for (int i = t.length - 1; i >= 0; i--) {
            if (inputTokens > t[i]) {
                return (i + 1) * WIDTH;
            }
        }
        return 0;
    }

    private IllegalArgumentException failure(String what, long in, long out, long cacheRead, long cacheWrite,
                                             long cacheWrite1h, long reasoning, Throwable cause) {
        return new IllegalArgumentException("cannot price model " + model + ": " + what + " (inputTokens=" + in
                + ", outputTokens=" + out + ", cacheReadTokens=" + cacheRead + ", cacheWriteTokens=" + cacheWrite
                + ", cacheWrite1hTokens=" + cacheWrite1h + ", reasoningTokens=" + reasoning + ")", cause);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("CoreModelPrice[model=").append(model).append(", provider=")
                .append(litellmProvider).append(", revision=").append(revision).append(", femtosPerToken=")
                .append(level(0));
        for (int i = 0; i < thresholds.length; i++) {
            s.append(", above ").append(thresholds[i]).append('=').append(level((i + 1) * WIDTH));
        }
        return s.append(']').toString();
    }

    private String level(int o) {
        return "{input=" + rates[o + IN] + ", output=" + rates[o + OUT] + ", cacheRead=" + rates[o + CR]
                + ", cacheWrite=" + rates[o + CW] + ", cacheWrite1h=" + rates[o + CW1H]
                + ", reasoning=" + rates[o + REAS] + "}";
    }
}
