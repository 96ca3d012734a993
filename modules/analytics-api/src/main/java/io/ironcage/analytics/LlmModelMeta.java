package io.ironcage.analytics;

import java.util.Objects;

/**
 * Which model served a request, through which provider and provider key. Stores share one
 * instance between all events with the same values.
 *
 * @param providerId the provider key id such as {@code "ip_openai_001"}; may be null
 * @param provider   the real provider's name, such as {@code "openai"}, {@code "gemini"} or
 *                   {@code "bedrock"} (a store names it as docs/pricing.md says); the Control API
 *                   wire sends anything but {@code openai}/{@code anthropic} as {@code unknown};
 *                   not null
 * @param model      the model name, such as {@code "gpt-4o-mini"}; not null
 */
public record LlmModelMeta(String providerId, String provider, String model) {

    /**
     * Validates the components: model and provider non-blank, each string at most 256 characters.
     *
     * @param providerId the provider key id; may be null
     * @param provider   the provider name
     * @param model      the model name
     */
    public LlmModelMeta {
        Checks.optionalName("providerId", providerId);
        Checks.name("provider", provider);
        Checks.name("model", model);
    }

    /**
     * Metadata with the provider's wire name.
     *
     * @param providerId the provider key id; may be null
     * @param provider   the provider
     * @param model      the model name
     * @return the metadata
     */
    public static LlmModelMeta of(String providerId, Provider provider, String model) {
        return new LlmModelMeta(providerId, Objects.requireNonNull(provider, "provider").wireName(), model);
    }
}
