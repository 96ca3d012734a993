package io.ironcage.analytics.cli;

import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.LlmUsage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated LLM traffic: a mix of real models from the embedded price table (OpenAI, Anthropic
 * and others, one that the table does not know), some with cached and reasoning tokens, and a few
 * percent of failures with realistic error codes; completed requests carry a simulated duration and
 * time to first token.
 */
final class Workload {
    /** One model's share of the traffic and the shape of its requests. */
    record ModelMix(String model, int weight, int meanInput, int meanOutput, boolean cache, boolean reasoning,
                    boolean anthropicUsage) {}

    static final List<ModelMix> MODELS = List.of(
            new ModelMix("gpt-4o-mini", 30, 1_200, 300, true, false, false),
            new ModelMix("gpt-4o", 15, 3_000, 600, true, false, false),
            new ModelMix("o3-mini", 8, 2_000, 2_500, false, true, false),
            new ModelMix("claude-sonnet-4-20250514", 15, 4_000, 800, true, false, true),
            new ModelMix("claude-haiku-4-5-20251001", 12, 1_500, 300, true, false, true),
            new ModelMix("gemini/gemini-2.0-flash", 8, 2_500, 400, false, false, false),
            new ModelMix("deepseek/deepseek-chat", 6, 2_000, 500, false, false, false),
            new ModelMix("acme-internal-llm", 6, 800, 200, false, false, false));

    private static final String[][] ERRORS = {
        {"rate_limit_exceeded", "Rate limit reached for requests"},
        {"overloaded_error", "Overloaded"},
        {"context_length_exceeded", "This model's maximum context length is exceeded"},
        {"server_error", "The server had an error while processing your request"},
    };

    private static final int TOTAL_WEIGHT = MODELS.stream().mapToInt(ModelMix::weight).sum();

    private final double failureRate;

    Workload(double failureRate) {
        this.failureRate = failureRate;
    }

    /** Records one simulated request for the agent. */
    void recordOne(EventStore store, String agent, SplittableRandom rnd) {
        ModelMix mix = pick(rnd);
        if (rnd.nextDouble() < failureRate) {
            String[] e = ERRORS[rnd.nextInt(ERRORS.length)];
            store.recordLlmFailed(mix.model(), agent, providerId(mix), e[0], e[1]);
            return;
        }
        long input = around(rnd, mix.meanInput());
        long output = around(rnd, mix.meanOutput());
        long cached = mix.cache() && rnd.nextInt(3) == 0 ? input * (50 + rnd.nextInt(40)) / 100 : 0;
        LlmUsage usage;
        if (mix.anthropicUsage()) {
            long write = cached == 0 && mix.cache() && rnd.nextInt(5) == 0 ? input / 2 : 0;
            usage = LlmUsage.fromAnthropic(mix.model(), input - cached - write, output, cached, write);
        } else {
            long reasoning = mix.reasoning() ? output * (40 + rnd.nextInt(50)) / 100 : 0;
            usage = LlmUsage.builder(mix.model()).inputTokens(input).outputTokens(output).cacheReadTokens(cached)
                    .reasoningTokens(reasoning).build();
        }
        // Simulated timing: a time to first token of 150-600 ms (longer prompts wait a little more),
        // then 4-12 ms per output token, so the latency and TTFT figures show.
        java.time.Duration ttft = java.time.Duration.ofMillis(150 + rnd.nextInt(450) + input / 100);
        java.time.Duration duration = ttft.plusMillis(output * (4 + rnd.nextInt(9)));
        store.recordLlmCompleted(LlmUsage.builder(usage.model()).inputTokens(usage.inputTokens())
                .outputTokens(usage.outputTokens()).cacheReadTokens(usage.cacheReadTokens())
                .cacheWriteTokens(usage.cacheWriteTokens()).reasoningTokens(usage.reasoningTokens())
                .agentId(agent).providerId(providerId(mix))
                .timeToFirstToken(ttft).duration(duration).build());
    }

    private static String providerId(ModelMix mix) {
        return mix.model().startsWith("claude") ? "ip_anthropic_001"
                : mix.model().startsWith("gpt") || mix.model().startsWith("o3") ? "ip_openai_001" : null;
    }

    private static ModelMix pick(SplittableRandom rnd) {
        int r = rnd.nextInt(TOTAL_WEIGHT);
        for (ModelMix m : MODELS) {
            r -= m.weight();
            if (r < 0) {
                return m;
            }
        }
        return MODELS.getLast();
    }

    private static long around(SplittableRandom rnd, int mean) {
        return Math.max(1, mean / 2 + rnd.nextInt(mean));
    }
}
