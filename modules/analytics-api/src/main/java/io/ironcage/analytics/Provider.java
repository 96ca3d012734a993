package io.ironcage.analytics;

import java.util.Objects;

/** The LLM providers the Control API distinguishes; anything else is {@link #UNKNOWN}. */
public enum Provider {
    /** OpenAI ({@code gpt-*}, {@code o1-*}, {@code o3-*}, {@code chatgpt-*}). */
    OPENAI("openai"),
    /** Anthropic ({@code claude-*}). */
    ANTHROPIC("anthropic"),
    /** Any other provider. */
    UNKNOWN("unknown");

    private final String wireName;

    Provider(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The provider's name on the wire and in statistics keys.
     *
     * @return {@code "openai"}, {@code "anthropic"} or {@code "unknown"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Infers the provider from a model name exactly as the original crate: {@code gpt-},
     * {@code o1-}, {@code o3-} and {@code chatgpt-} prefixes are OpenAI, {@code claude-} is
     * Anthropic (case-insensitive); everything else is unknown.
     *
     * @param model the model name
     * @return the inferred provider, never null
     */
    public static Provider infer(String model) {
        Objects.requireNonNull(model, "model");
        if (startsWithIgnoreCase(model, "gpt-") || startsWithIgnoreCase(model, "o1-")
                || startsWithIgnoreCase(model, "o3-") || startsWithIgnoreCase(model, "chatgpt-")) {
            return OPENAI;
        }
        if (startsWithIgnoreCase(model, "claude-")) {
            return ANTHROPIC;
        }
        return UNKNOWN;
    }

    /**
     * Parses a provider name, case-insensitively; any other name (including a blank one) is
     * {@link #UNKNOWN}.
     *
     * @param name the name, such as {@code "OpenAI"}
     * @return the provider, never null
     */
    public static Provider parse(String name) {
        Objects.requireNonNull(name, "name");
        for (Provider p : values()) {
            if (p.wireName.equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        return UNKNOWN;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
