package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider inference exactly as the original crate's helpers (gpt-, o1-, o3-, chatgpt-, claude-). */
class ProviderTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4", "gpt-4o-mini", "gpt-3.5-turbo", "o1-preview", "o1-mini", "o3-mini",
            "chatgpt-4o-latest", "GPT-4", "Gpt-4o", "O1-MINI", "O3-mini", "ChatGPT-4o-latest", "gpt-"})
    void openAiPrefixes(String model) {
        assertEquals(Provider.OPENAI, Provider.infer(model));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-3-opus-20240229", "claude-3-5-sonnet-20241022", "claude-sonnet-4",
            "CLAUDE-3-haiku", "Claude-2", "claude-"})
    void anthropicPrefix(String model) {
        assertEquals(Provider.ANTHROPIC, Provider.infer(model));
    }

    @ParameterizedTest
    @ValueSource(strings = {"o1", "o3", "gpt4", "gpt", "claude", "claude3-opus", "gemini-pro", "", " ",
            "llama-3-70b", "mistral-large", "o2-mini", "text-davinci-003", " gpt-4", "openai/gpt-4o",
            "anthropic/claude-3-opus", "my-gpt-4", "o4-mini"})
    void everythingElseIsUnknown(String model) {
        assertEquals(Provider.UNKNOWN, Provider.infer(model));
    }

    @Test
    void inferRejectsNull() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Provider.infer(null));
        assertEquals("model", e.getMessage());
    }

    @Test
    void wireNames() {
        assertEquals("openai", Provider.OPENAI.wireName());
        assertEquals("anthropic", Provider.ANTHROPIC.wireName());
        assertEquals("unknown", Provider.UNKNOWN.wireName());
    }

    @Test
    void threeProvidersOnly() {
        assertEquals(List.of(Provider.OPENAI, Provider.ANTHROPIC, Provider.UNKNOWN), Arrays.asList(Provider.values()));
    }

    @Test
    void parseIsCaseInsensitive() {
        assertEquals(Provider.OPENAI, Provider.parse("openai"));
        assertEquals(Provider.OPENAI, Provider.parse("OpenAI"));
        assertEquals(Provider.OPENAI, Provider.parse("OPENAI"));
        assertEquals(Provider.ANTHROPIC, Provider.parse("anthropic"));
        assertEquals(Provider.ANTHROPIC, Provider.parse("Anthropic"));
        assertEquals(Provider.UNKNOWN, Provider.parse("unknown"));
        assertEquals(Provider.UNKNOWN, Provider.parse("UNKNOWN"));
    }

    @Test
    void parseToleratesSurroundingBlanks() {
        assertEquals(Provider.ANTHROPIC, Provider.parse("  anthropic "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"google", "azure", "open ai", "openai2", "", "   ", "gpt-4", "claude"})
    void parseAnythingElseIsUnknown(String name) {
        assertEquals(Provider.UNKNOWN, Provider.parse(name));
    }

    @Test
    void parseRoundTripsTheWireName() {
        for (Provider p : Provider.values()) {
            assertEquals(p, Provider.parse(p.wireName()));
        }
    }

    @Test
    void parseRejectsNull() {
        assertThrows(NullPointerException.class, () -> Provider.parse(null));
    }
}
