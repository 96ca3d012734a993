package io.ironcage.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * The usage of one LLM request, in one convention whatever the provider reported.
 *
 * <p>OpenTelemetry convention: totals include their subsets. {@code inputTokens} includes the
 * cache-read and cache-write tokens; {@code cacheWriteTokens} includes the 1-hour cache writes
 * ({@code cacheWrite1hTokens}); {@code outputTokens} includes the reasoning tokens. Use
 * {@link #fromOpenAi} and {@link #fromAnthropic} to map a provider's usage object without
 * mispricing.
 */
public final class LlmUsage {
    private final String model;
    private final long inputTokens;
    private final long outputTokens;
    private final long cacheReadTokens;
    private final long cacheWriteTokens;
    private final long cacheWrite1hTokens;
    private final long reasoningTokens;
    private final Provider provider;
    private final String agentId;
    private final String providerId;
    private final Duration duration;
    private final String providerName;
    private final Duration timeToFirstToken;
    private final boolean usageMissing;

    /** The longest duration or time to first token accepted: one hour. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    private LlmUsage(Builder b) {
        this.model = b.model;
        this.inputTokens = b.inputTokens;
        this.outputTokens = b.outputTokens;
        this.cacheReadTokens = b.cacheReadTokens;
        this.cacheWriteTokens = b.cacheWriteTokens;
        this.cacheWrite1hTokens = b.cacheWrite1hTokens;
        this.reasoningTokens = b.reasoningTokens;
        this.provider = b.provider;
        this.agentId = b.agentId;
        this.providerId = b.providerId;
        this.duration = b.duration;
        this.providerName = b.providerName;
        this.timeToFirstToken = b.timeToFirstToken;
        this.usageMissing = b.usageMissing;
    }

    /**
     * A builder for a request to the given model; every count starts at 0.
     *
     * @param model the model name, non-blank, at most 256 characters
     * @return the builder
     */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /**
     * Maps OpenAI's usage object: {@code prompt_tokens} already includes
     * {@code prompt_tokens_details.cached_tokens}, and {@code completion_tokens} already includes
     * {@code completion_tokens_details.reasoning_tokens}, so the numbers pass straight through.
     *
     * <p>Example: {@code prompt_tokens=1200, cached_tokens=1000, completion_tokens=300,
     * reasoning_tokens=200} gives input 1200 (of which 1000 cache reads, 200 uncached) and output
     * 300 (of which 200 reasoning).
     *
     * @param model            the model
     * @param promptTokens     {@code usage.prompt_tokens}
     * @param completionTokens {@code usage.completion_tokens}
     * @param cachedTokens     {@code usage.prompt_tokens_details.cached_tokens}
     * @param reasoningTokens  {@code usage.completion_tokens_details.reasoning_tokens}
     * @return the usage, provider {@link Provider#OPENAI}
     */
    public static LlmUsage fromOpenAi(String model, long promptTokens, long completionTokens,
                                      long cachedTokens, long reasoningTokens) {
        return builder(model).provider(Provider.OPENAI).inputTokens(promptTokens).outputTokens(completionTokens)
                .cacheReadTokens(cachedTokens).reasoningTokens(reasoningTokens).build();
    }

    /**
     * Maps Anthropic's usage object, whose {@code input_tokens} <em>exclude</em> the cache reads
     * and writes: they are added back so that {@code inputTokens} is the whole prompt.
     *
     * <p>Example: {@code input_tokens=50, cache_read_input_tokens=1000,
     * cache_creation_input_tokens=200, output_tokens=300} gives input 1250 (of which 1000 cache
     * reads, 200 cache writes, 50 uncached) and output 300.
     *
     * @param model                    the model
     * @param inputTokens              {@code usage.input_tokens} (uncached prompt tokens)
     * @param outputTokens             {@code usage.output_tokens}
     * @param cacheReadInputTokens     {@code usage.cache_read_input_tokens}
     * @param cacheCreationInputTokens {@code usage.cache_creation_input_tokens}
     * @return the usage, provider {@link Provider#ANTHROPIC}
     * @throws IllegalArgumentException if a count is negative or the sum overflows
     */
    public static LlmUsage fromAnthropic(String model, long inputTokens, long outputTokens,
                                         long cacheReadInputTokens, long cacheCreationInputTokens) {
        Checks.nonNegative("inputTokens", inputTokens);
        Checks.nonNegative("cacheReadInputTokens", cacheReadInputTokens);
        Checks.nonNegative("cacheCreationInputTokens", cacheCreationInputTokens);
        long total;
        try {
            total = Math.addExact(Math.addExact(inputTokens, cacheReadInputTokens), cacheCreationInputTokens);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("input token total overflows: " + inputTokens + " + "
                    + cacheReadInputTokens + " + " + cacheCreationInputTokens, e);
        }
        return builder(model).provider(Provider.ANTHROPIC).inputTokens(total).outputTokens(outputTokens)
                .cacheReadTokens(cacheReadInputTokens).cacheWriteTokens(cacheCreationInputTokens).build();
    }

    /**
     * Returns the model name.
     *
     * @return the model name
     */
    public String model() {
        return model;
    }

    /**
     * Returns all prompt tokens, cached ones included.
     *
     * @return all prompt tokens, cached ones included
     */
    public long inputTokens() {
        return inputTokens;
    }

    /**
     * Returns all completion tokens, reasoning ones included.
     *
     * @return all completion tokens, reasoning ones included
     */
    public long outputTokens() {
        return outputTokens;
    }

    /**
     * Returns prompt tokens read from the cache.
     *
     * @return prompt tokens read from the cache
     */
    public long cacheReadTokens() {
        return cacheReadTokens;
    }

    /**
     * Returns prompt tokens written to the cache, 1-hour writes included.
     *
     * @return prompt tokens written to the cache, 1-hour writes included
     */
    public long cacheWriteTokens() {
        return cacheWriteTokens;
    }

    /**
     * Returns the part of {@link #cacheWriteTokens()} written with a 1-hour lifetime.
     *
     * @return the part of {@link #cacheWriteTokens()} written with a 1-hour lifetime
     */
    public long cacheWrite1hTokens() {
        return cacheWrite1hTokens;
    }

    /**
     * Returns completion tokens spent on reasoning.
     *
     * @return completion tokens spent on reasoning
     */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /**
     * Returns prompt tokens neither read from nor written to the cache.
     *
     * @return prompt tokens neither read from nor written to the cache
     */
    public long uncachedInputTokens() {
        return inputTokens - cacheReadTokens - cacheWriteTokens;
    }

    /**
     * Returns the provider, or null to let the store resolve it.
     *
     * @return the provider, or null to let the store resolve it
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Returns the agent, or null.
     *
     * @return the agent, or null
     */
    public String agentId() {
        return agentId;
    }

    /**
     * Returns the provider key id, or null.
     *
     * @return the provider key id, or null
     */
    public String providerId() {
        return providerId;
    }

    /**
     * Returns how long the request took, or null if not measured.
     *
     * @return how long the request took, or null if not measured
     */
    public Duration duration() {
        return duration;
    }

    /**
     * Returns the real provider's name as the caller gave it (such as {@code "gemini"} or
     * {@code "bedrock"}), or null to let the store resolve it from the price table, then from
     * the model name. It keys the user's own figures ({@code stats().byProvider()}); the wire to
     * the Control API still carries only {@code openai}, {@code anthropic} or {@code unknown}.
     *
     * @return the provider name, or null
     */
    public String providerName() {
        return providerName;
    }

    /**
     * Returns the time from sending the request to the first token of the answer, or null if not
     * measured (a non-streaming call, or a caller that does not time it).
     *
     * @return the time to first token, or null if not measured
     */
    public Duration timeToFirstToken() {
        return timeToFirstToken;
    }

    /**
     * Returns whether the request was recorded without usage: the provider's answer carried no
     * usage object (a capture that could not read it, a stream cut before its usage chunk), so the
     * token counts are not the provider's figures (normally 0). The store counts such requests in
     * {@link ModelStats#usageMissing()}; their tokens and cost are counted as given.
     *
     * @return true if the builder's {@link Builder#usageMissing()} was called
     */
    public boolean usageMissing() {
        return usageMissing;
    }

    @Override
    public String toString() {
        return "LlmUsage[model=" + model + ", input=" + inputTokens + ", output=" + outputTokens
                + ", cacheRead=" + cacheReadTokens + ", cacheWrite=" + cacheWriteTokens
                + ", cacheWrite1h=" + cacheWrite1hTokens + ", reasoning=" + reasoningTokens
                + ", provider=" + provider + ", agentId=" + agentId + ", providerId=" + providerId
                + ", duration=" + duration + ", providerName=" + providerName
                + ", timeToFirstToken=" + timeToFirstToken
                + (usageMissing ? ", usageMissing" : "") + "]";
    }

    /** Builds an {@link LlmUsage}; each setter validates its argument as it is set. */
    public static final class Builder {
        private final String model;
        private long inputTokens;
        private long outputTokens;
        private long cacheReadTokens;
        private long cacheWriteTokens;
        private long cacheWrite1hTokens;
        private long reasoningTokens;
        private Provider provider;
        private String agentId;
        private String providerId;
        private Duration duration;
        private String providerName;
        private Duration timeToFirstToken;
        private boolean usageMissing;

        private Builder(String model) {
            this.model = Checks.name("model", model);
        }

        /**
         * Sets the input tokens.
         *
         * @param tokens all prompt tokens, cached ones included; not negative
         * @return this builder
         */
        public Builder inputTokens(long tokens) {
            this.inputTokens = Checks.nonNegative("inputTokens", tokens);
            return this;
        }

        /**
         * Sets the output tokens.
         *
         * @param tokens all completion tokens, reasoning ones included; not negative
         * @return this builder
         */
        public Builder outputTokens(long tokens) {
            this.outputTokens = Checks.nonNegative("outputTokens", tokens);
            return this;
        }

        /**
         * Sets the cache read tokens.
         *
         * @param tokens prompt tokens read from the cache; not negative
         * @return this builder
         */
        public Builder cacheReadTokens(long tokens) {
            this.cacheReadTokens = Checks.nonNegative("cacheReadTokens", tokens);
            return this;
        }

        /**
         * Sets the cache write tokens.
         *
         * @param tokens prompt tokens written to the cache, 1-hour writes included; not negative
         * @return this builder
         */
        public Builder cacheWriteTokens(long tokens) {
            this.cacheWriteTokens = Checks.nonNegative("cacheWriteTokens", tokens);
            return this;
        }

        /**
         * Sets the cache write1h tokens.
         *
         * @param tokens the part of the cache writes with a 1-hour lifetime; not negative
         * @return this builder
         */
        public Builder cacheWrite1hTokens(long tokens) {
            this.cacheWrite1hTokens = Checks.nonNegative("cacheWrite1hTokens", tokens);
            return this;
        }

        /**
         * Sets the reasoning tokens.
         *
         * @param tokens completion tokens spent on reasoning; not negative
         * @return this builder
         */
        public Builder reasoningTokens(long tokens) {
            this.reasoningTokens = Checks.nonNegative("reasoningTokens", tokens);
            return this;
        }

        /**
         * Sets the provider.
         *
         * @param provider the provider; null lets the store resolve it
         * @return this builder
         */
        public Builder provider(Provider provider) {
            this.provider = provider;
            return this;
        }

        /**
         * Sets the real provider's name, which keys the user's figures
         * ({@code stats().byProvider()}): {@code "gemini"}, {@code "deepseek"},
         * {@code "bedrock"}, ... The name is stripped and lower-cased here, and the store maps
         * LiteLLM's variants to one name per provider as it does for the price table's (see
         * docs/pricing.md), so {@code "OpenAI"} and {@code "openai"}, or {@code "azure_ai"} and
         * {@code "azure"}, count as one provider.
         *
         * @param providerName the provider's name; null lets the store resolve it; else
         *                     non-blank and at most 256 characters
         * @return this builder
         * @throws IllegalArgumentException naming the value if it is blank or too long
         */
        public Builder providerName(String providerName) {
            String checked = Checks.optionalName("providerName", providerName);
            this.providerName = checked == null ? null : checked.strip().toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /**
         * Sets the agent id.
         *
         * @param agentId the agent; may be null; at most 256 characters
         * @return this builder
         */
        public Builder agentId(String agentId) {
            this.agentId = Checks.optionalName("agentId", agentId);
            return this;
        }

        /**
         * Sets the provider id.
         *
         * @param providerId the provider key id; may be null; at most 256 characters
         * @return this builder
         */
        public Builder providerId(String providerId) {
            this.providerId = Checks.optionalName("providerId", providerId);
            return this;
        }

        /**
         * Sets the duration.
         *
         * @param duration how long the request took; may be null; not negative, at most
         *                 {@link LlmUsage#MAX_DURATION} (one hour)
         * @return this builder
         * @throws IllegalArgumentException naming the duration if it is negative or over an hour
         */
        public Builder duration(Duration duration) {
            this.duration = checkDuration("duration", duration);
            return this;
        }

        /**
         * Sets the time to first token: from sending the request to the first token received.
         *
         * @param timeToFirstToken the time to first token; may be null (not measured); not
         *                         negative, at most {@link LlmUsage#MAX_DURATION} (one hour), and
         *                         not longer than the {@link #duration} when both are set (checked
         *                         by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException naming the value if it is negative or over an hour
         */
        public Builder timeToFirstToken(Duration timeToFirstToken) {
            this.timeToFirstToken = checkDuration("timeToFirstToken", timeToFirstToken);
            return this;
        }

        /**
         * Marks the request as recorded without usage (see {@link LlmUsage#usageMissing()}).
         *
         * @return this builder
         */
        public Builder usageMissing() {
            this.usageMissing = true;
            return this;
        }

        private static Duration checkDuration(String name, Duration d) {
            return Checks.checkDuration(name, d);
        }

        /**
         * Checks that the subsets fit in their totals and builds the usage.
         *
         * @return the usage
         * @throws IllegalArgumentException naming the counts that do not fit
         */
        public LlmUsage build() {
            if (cacheWrite1hTokens > cacheWriteTokens) {
                throw new IllegalArgumentException("cacheWrite1hTokens (" + cacheWrite1hTokens
                        + ") must not exceed cacheWriteTokens (" + cacheWriteTokens + ")");
            }
            if (cacheReadTokens > inputTokens - cacheWriteTokens) {
                throw new IllegalArgumentException("cacheReadTokens + cacheWriteTokens (" + cacheReadTokens
                        + " + " + cacheWriteTokens + ") must not exceed inputTokens (" + inputTokens + ")");
            }
            if (reasoningTokens > outputTokens) {
                throw new IllegalArgumentException("reasoningTokens (" + reasoningTokens
                        + ") must not exceed outputTokens (" + outputTokens + ")");
            }
            Checks.timing(duration, timeToFirstToken);
            return new LlmUsage(this);
        }
    }
}
