package io.ironcage.analytics.benchmarks;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic, repeatable request mix shared by the benchmarks and the memory probe: 24 models that
 * the embedded price table lists (OpenAI, Anthropic, Google), a few agents, one provider key per
 * provider, and token counts spread over typical ranges. Strings are constants, shared between
 * events, as an application's model and agent names are.
 */
final class Workload {
    /** Requests per cycle; a power of two so that the cursor wraps with a mask. */
    static final int SIZE = 1024;
    static final int MASK = SIZE - 1;

    /** Models priced by the embedded table; {@link #requirePriced} checks every one at setup. */
    static final List<String> MODELS = List.of(
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4-turbo",
            "gpt-3.5-turbo", "o1", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
            "claude-3-7-sonnet-20250219", "claude-sonnet-4-20250514", "claude-opus-4-20250514",
            "claude-3-opus-20240229", "claude-3-haiku-20240307", "claude-opus-4-1-20250805",
            "claude-sonnet-4-5", "gemini-2.0-flash", "gemini-2.5-pro", "gemini-2.5-flash");

    static final List<String> AGENTS = List.of("agent-support", "agent-search", "agent-billing", "agent-triage");

    final String[] model = new String[SIZE];
    final String[] agent = new String[SIZE];
    final String[] providerId = new String[SIZE];
    final long[] input = new long[SIZE];
    final long[] output = new long[SIZE];
    /** The same requests as {@link LlmUsage} values with cache and reasoning tokens (built lazily). */
    private LlmUsage[] usages;

    private Workload() {}

    /**
     * A shuffled cycle of {@link #SIZE} requests over {@code models}.
     *
     * @param models the models to rotate over
     * @param seed   the shuffle and token seed (give each thread its own)
     * @return the workload
     */
    static Workload over(List<String> models, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Workload w = new Workload();
        for (int i = 0; i < SIZE; i++) {
            String m = models.get(i % models.size());
            w.model[i] = m;
            w.agent[i] = AGENTS.get(r.nextInt(AGENTS.size()));
            w.providerId[i] = providerIdOf(m);
            w.input[i] = 200 + r.nextInt(20_000);
            w.output[i] = 20 + r.nextInt(2_000);
        }
        for (int i = SIZE - 1; i > 0; i--) { // Fisher-Yates, keeping each request's fields together
            int j = r.nextInt(i + 1);
            swap(w.model, i, j);
            swap(w.agent, i, j);
            swap(w.providerId, i, j);
            swap(w.input, i, j);
            swap(w.output, i, j);
        }
        return w;
    }

    /** The provider key an application would use for the model: one per provider. */
    static String providerIdOf(String model) {
        if (model.startsWith("claude")) {
            return "ip_anthropic_001";
        }
        return model.startsWith("gemini") ? "ip_google_001" : "ip_openai_001";
    }

    /**
     * Records request {@code k} through the plain API.
     *
     * @param store the store
     * @param k     the request index, {@code 0..MASK}
     */
    void record(EventStore store, int k) {
        store.recordLlmCompleted(model[k], input[k], output[k], agent[k], providerId[k]);
    }

    /**
     * The requests as usages with cache reads (about half the prompt), cache writes and reasoning
     * tokens (about a third of the output), built once.
     *
     * @return the usages, indexed as the plain requests
     */
    LlmUsage[] usages() {
        if (usages == null) {
            LlmUsage[] u = new LlmUsage[SIZE];
            for (int i = 0; i < SIZE; i++) {
                long in = input[i];
                long cacheRead = in / 2;
                long cacheWrite = in / 8;
                u[i] = LlmUsage.builder(model[i]).inputTokens(in).outputTokens(output[i])
                        .cacheReadTokens(cacheRead).cacheWriteTokens(cacheWrite)
                        .reasoningTokens(output[i] / 3).agentId(agent[i]).providerId(providerId[i]).build();
            }
            usages = u;
        }
        return usages;
    }

    /**
     * Fails unless the catalog prices every model in the list.
     *
     * @param pricing the catalog
     * @param models  the models
     * @throws IllegalStateException naming the models it does not list
     */
    static void requirePriced(PricingCatalog pricing, List<String> models) {
        List<String> missing = new ArrayList<>();
        for (String m : models) {
            if (pricing.find(m).isEmpty()) {
                missing.add(m);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the embedded price table (" + pricing.revision()
                    + ") does not list " + missing + "; update Workload.MODELS");
        }
    }

    /**
     * {@code n} distinct model names: the priced ones first, then synthetic names (unpriced; the
     * statistics table does not care).
     *
     * @param n how many
     * @return the names
     */
    static List<String> distinctModels(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i < MODELS.size() ? MODELS.get(i) : String.format("bench-model-%04d", i));
        }
        return out;
    }

    private static void swap(String[] a, int i, int j) {
        String t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
