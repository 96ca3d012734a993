package io.ironcage.analytics.core.pricing;

/**
 * One name per provider for the user's own figures ({@code stats().byProvider()}, JFR, the CLI
 * report): the price table's provider (LiteLLM's {@code litellm_provider}, or the provider column
 * of the project's own table) with its variants folded together. docs/pricing.md has the table.
 *
 * <p>Allocation-free: the result is a constant or the argument itself, so a store may call it on
 * the recording path for a user's own catalog (the core table's prices normalise once, at load).
 */
public final class ProviderNames {

    private ProviderNames() {}

    /**
     * The normalised provider name of a price table's provider.
     *
     * <ul>
     *   <li>{@code vertex_ai} and every {@code vertex_ai-*} (such as
     *       {@code vertex_ai-language-models}, {@code vertex_ai-anthropic_models}) are
     *       {@code vertex_ai}; Google AI Studio stays {@code gemini};</li>
     *   <li>{@code bedrock}, {@code bedrock_converse}, {@code bedrock_mantle} are {@code bedrock};</li>
     *   <li>{@code azure}, {@code azure_ai}, {@code azure_text} are {@code azure} (one Azure bill);</li>
     *   <li>{@code text-completion-openai} is {@code openai}; {@code codestral} and
     *       {@code text-completion-codestral} are {@code mistral}; {@code cohere_chat} is
     *       {@code cohere}; {@code text-completion-inception} is {@code inception};</li>
     *   <li>any other name is kept as it is; null, blank and {@code unknown} give null (no
     *       provider known).</li>
     * </ul>
     *
     * @param tableProvider the table's provider, or null
     * @return the normalised name, or null when the table names none
     */
    public static String normalise(String tableProvider) {
        if (tableProvider == null || tableProvider.isBlank() || tableProvider.equals("unknown")) {
            return null;
        }
        if (tableProvider.equals("vertex_ai") || tableProvider.startsWith("vertex_ai-")) {
            return "vertex_ai";
        }
        return switch (tableProvider) {
            case "bedrock", "bedrock_converse", "bedrock_mantle" -> "bedrock";
            case "azure", "azure_ai", "azure_text" -> "azure";
            case "text-completion-openai" -> "openai";
            case "codestral", "text-completion-codestral" -> "mistral";
            case "cohere_chat" -> "cohere";
            case "text-completion-inception" -> "inception";
            default -> tableProvider;
        };
    }
}
