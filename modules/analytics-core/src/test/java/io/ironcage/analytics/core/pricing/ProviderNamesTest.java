package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalisation table of docs/pricing.md, row by row. */
class ProviderNamesTest {

    @ParameterizedTest
    @CsvSource({
        "vertex_ai, vertex_ai", "vertex_ai-language-models, vertex_ai", "vertex_ai-anthropic_models, vertex_ai",
        "vertex_ai-mistral_models, vertex_ai", "gemini, gemini",
        "bedrock, bedrock", "bedrock_converse, bedrock", "bedrock_mantle, bedrock",
        "azure, azure", "azure_ai, azure", "azure_text, azure",
        "openai, openai", "text-completion-openai, openai", "anthropic, anthropic",
        "codestral, mistral", "text-completion-codestral, mistral", "mistral, mistral",
        "cohere_chat, cohere", "text-completion-inception, inception",
        "deepseek, deepseek", "fireworks_ai, fireworks_ai", "vertex_aiX, vertex_aiX"
    })
    void normalises(String table, String expected) {
        assertEquals(expected, ProviderNames.normalise(table));
    }

    @Test
    void noProviderIsNull() {
        assertNull(ProviderNames.normalise(null));
        assertNull(ProviderNames.normalise(" "));
        assertNull(ProviderNames.normalise("unknown"));
    }

    @Test
    void aKeptNameIsTheSameString() {
        String name = new String("fireworks_ai");
        assertEquals(System.identityHashCode(name), System.identityHashCode(ProviderNames.normalise(name)),
                "no allocation: the argument itself");
    }
}
