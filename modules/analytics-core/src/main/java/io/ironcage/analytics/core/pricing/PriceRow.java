package io.ironcage.analytics.core.pricing;

import java.util.List;
import java.util.Objects;

/**
 * One model's prices as a table lists them, before fallbacks are applied: femto-USD per token,
 * {@link #NONE} where the table has no price for a bucket.
 *
 * @param model           the model name
 * @param litellmProvider LiteLLM's {@code litellm_provider}, or null
 * @param input           {@code input_cost_per_token}
 * @param output          {@code output_cost_per_token}
 * @param cacheRead       {@code cache_read_input_token_cost}, or NONE
 * @param cacheWrite      {@code cache_creation_input_token_cost} (5-minute writes), or NONE
 * @param cacheWrite1h    {@code cache_creation_input_token_cost_above_1hr}, or NONE
 * @param reasoning       {@code output_cost_per_reasoning_token}, or NONE
 * @param maxOutputTokens {@code max_output_tokens} (else {@code max_tokens}), or 0 if unknown
 * @param tiers           long-context tiers, thresholds strictly ascending
 */
record PriceRow(String model, String litellmProvider, long input, long output, long cacheRead, long cacheWrite,
                long cacheWrite1h, long reasoning, long maxOutputTokens, List<Tier> tiers) {

    /** Marks a price the table does not list. */
    static final long NONE = -1;

    PriceRow {
        Objects.requireNonNull(model, "model");
        tiers = List.copyOf(tiers);
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).threshold() <= tiers.get(i - 1).threshold()) {
                throw new IllegalArgumentException("tier thresholds must ascend: " + tiers);
            }
        }
    }

    /**
     * The prices that apply when the prompt has more than {@code threshold} tokens; NONE where the
     * tier lists no price for a bucket.
     *
     * @param threshold    the prompt size above which the tier applies, in tokens
     * @param input        {@code input_cost_per_token_above_<N>k_tokens}
     * @param output       {@code output_cost_per_token_above_<N>k_tokens}
     * @param cacheRead    {@code cache_read_input_token_cost_above_<N>k_tokens}
     * @param cacheWrite   {@code cache_creation_input_token_cost_above_<N>k_tokens}
     * @param cacheWrite1h {@code cache_creation_input_token_cost_above_1hr_above_<N>k_tokens}
     */
    record Tier(long threshold, long input, long output, long cacheRead, long cacheWrite, long cacheWrite1h) {}
}
