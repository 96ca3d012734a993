package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.PricingLoadReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiteLlmLoaderTest {

    private static final String SAMPLE = """
            {
              "sample_spec": {"mode": "one of: chat, embedding", "input_cost_per_token": 0.0,
                              "max_tokens": "LEGACY parameter"},
              "last_updated": "2026-07-24T18:23:43+00:00",
              "chat-model": {"litellm_provider": "openai", "mode": "chat",
                             "input_cost_per_token": 2.9999900000000002e-06, "output_cost_per_token": 1e-05,
                             "cache_read_input_token_cost": 1.25e-6, "max_output_tokens": 2000000.0,
                             "search_context_cost_per_query": {"search_context_size_low": 0.01}},
              "claude-x": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-6,
                           "output_cost_per_token": 1.5e-5, "cache_creation_input_token_cost": 3.75e-6,
                           "cache_creation_input_token_cost_above_1hr": 6e-6,
                           "input_cost_per_token_above_200k_tokens": 6e-6,
                           "output_cost_per_token_above_200k_tokens": 2.25e-5,
                           "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-5,
                           "input_cost_per_token_above_200k_tokens_priority": 9e-6,
                           "max_tokens": 8192},
              "old-completion": {"litellm_provider": "text-completion-openai", "mode": "completion",
                                 "input_cost_per_token": 2, "output_cost_per_token": 0},
              "deepseek-x": {"litellm_provider": "deepseek", "mode": "chat", "input_cost_per_token": 2.8e-7,
                             "output_cost_per_token": 4.2e-7, "input_cost_per_token_cache_hit": 2.8e-8,
                             "cache_read_input_token_cost": null},
              "responses-model": {"mode": "responses", "input_cost_per_token": 1.5e-4, "output_cost_per_token": 6e-4},
              "image-model": {"mode": "image_generation", "output_cost_per_image": 0.04},
              "embedder": {"mode": "embedding", "input_cost_per_token": 1e-7, "output_cost_per_token": 0},
              "string-price": {"mode": "chat", "input_cost_per_token": "0.000001", "output_cost_per_token": 1e-6},
              "nested-price": {"mode": "chat", "input_cost_per_token": {"usd": 1e-6}, "output_cost_per_token": 1e-6},
              "negative": {"mode": "chat", "input_cost_per_token": -1e-6, "output_cost_per_token": 1e-6},
              "per-second": {"mode": "chat", "input_cost_per_second": 0.01, "output_cost_per_second": 0.01},
              "no-mode": {"input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6},
              "bad-tier": {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6,
                           "input_cost_per_token_above_128k_tokens": "2e-6"}
            }
            """;

    private static CorePricingCatalog sample() throws IOException {
        return PriceTables.loadLiteLlm(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)), "sample.json");
    }

    @Test
    void keepsTokenPricedChatCompletionAndResponsesEntries() throws IOException {
        CorePricingCatalog table = sample();
        assertEquals(java.util.Set.of("chat-model", "claude-x", "old-completion", "deepseek-x", "responses-model"),
                table.models());

        CoreModelPrice chat = table.lookup("chat-model");
        // decimal parsing, never double: 2.9999900000000002e-06 USD is 2999990000.0000002 fUSD
        assertEquals(2_999_990_000L, chat.rateFemtos(CoreModelPrice.Bucket.INPUT, 0));
        assertEquals(10_000_000_000L, chat.rateFemtos(CoreModelPrice.Bucket.OUTPUT, 0));
        assertEquals(1_250_000_000L, chat.rateFemtos(CoreModelPrice.Bucket.CACHE_READ, 0));
        assertEquals(2_000_000, chat.maxOutputTokens(), "2000000.0 is an integral token count");
        assertEquals(Provider.OPENAI, chat.provider());
        assertEquals("openai", chat.litellmProvider());

        CoreModelPrice claude = table.lookup("claude-x");
        assertEquals(Provider.ANTHROPIC, claude.provider());
        assertEquals(8192, claude.maxOutputTokens(), "max_tokens when max_output_tokens is absent");
        assertEquals(1, claude.tierThresholds().length, "the _priority variant is not a tier");
        assertEquals(200_000, claude.tierThresholds()[0]);
        assertEquals(12_000_000_000L, claude.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE_1H, 200_001));
        assertEquals(6_000_000_000L, claude.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE_1H, 200_000));
        // no tier price for 5-minute writes: the base 3.75e-6 stays
        assertEquals(3_750_000_000L, claude.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE, 200_001));

        assertEquals(Provider.OPENAI, table.lookup("old-completion").provider());
        assertEquals(2_000_000_000_000_000L, table.lookup("old-completion").rateFemtos(CoreModelPrice.Bucket.INPUT, 0),
                "an integer price (2 USD per token) is read too");
        assertEquals(28_000_000L, table.lookup("deepseek-x").rateFemtos(CoreModelPrice.Bucket.CACHE_READ, 0),
                "input_cost_per_token_cache_hit stands in for a null cache_read_input_token_cost");
        assertEquals(Provider.UNKNOWN, table.lookup("deepseek-x").provider());
        assertNull(table.lookup("responses-model").litellmProvider());
        assertEquals(Provider.UNKNOWN, table.lookup("responses-model").provider());
    }

    @Test
    void countsWhatItSkipsAndWhy() throws IOException {
        PricingLoadReport report = sample().loadReport().orElseThrow();
        assertEquals(15, report.entries());
        assertEquals(5, report.priced());
        assertEquals(10, report.skipped());
        assertEquals(Map.of(
                "mode one of: chat, embedding", 1,
                "not an object", 1,
                "mode image_generation", 1,
                "mode embedding", 1,
                "non-numeric price", 3,
                "negative price", 1,
                "no per-token price", 1,
                "no mode", 1), report.skippedByReason());
        assertEquals("litellm-json", report.format());
        assertEquals("sample.json", report.source());
        assertEquals(64, report.sha256().length());
        assertEquals("sample.json@sha256:" + report.sha256().substring(0, 12), report.revision());
        assertEquals(report.revision(), sample().revision());
        assertEquals(report.revision(), sample().lookup("claude-x").revision());
    }

    @Test
    void notJsonFailsNamingTheFileAndThePosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken-prices.json");
        Files.writeString(file, "{\n  \"gpt-4o\": {\"mode\": \"chat\",\n    oops }\n}\n");
        IOException e = assertThrows(IOException.class, () -> PriceTables.loadLiteLlm(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        Path text = dir.resolve("readme.txt");
        Files.writeString(text, "hello, prices\n");
        IOException e2 = assertThrows(IOException.class, () -> PriceTables.load(text));
        assertTrue(e2.getMessage().startsWith(text + ": not valid JSON at line 1, column"), e2.getMessage());
    }

    @Test
    void aTopLevelArrayIsRefusedClearly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("array.json");
        Files.writeString(file, "\n  [{\"mode\": \"chat\"}]");
        IOException e = assertThrows(IOException.class, () -> PriceTables.loadLiteLlm(file));
        assertEquals(file + ": the top level must be a JSON object mapping model names to prices, but it is an array"
                + " at line 2, column 3", e.getMessage());
    }

    @Test
    void emptyInputTrailingContentAndMissingFilesAreRefused(@TempDir Path dir) {
        IOException empty = assertThrows(IOException.class,
                () -> PriceTables.loadLiteLlm(new ByteArrayInputStream(new byte[0]), "empty.json"));
        assertTrue(empty.getMessage().startsWith("empty.json: empty"), empty.getMessage());
        IOException trailing = assertThrows(IOException.class, () -> PriceTables.loadLiteLlm(
                new ByteArrayInputStream("{} {}".getBytes(StandardCharsets.UTF_8)), "two.json"));
        assertTrue(trailing.getMessage().contains("two.json: unexpected content after the top-level object at line 1"),
                trailing.getMessage());
        Path missing = dir.resolve("nope.json");
        IOException e = assertThrows(IOException.class, () -> PriceTables.load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());
    }

    @Test
    void sameBytesSameRevisionOtherBytesAnother() throws IOException {
        CorePricingCatalog a = sample();
        CorePricingCatalog b = PriceTables.loadLiteLlm(new ByteArrayInputStream(
                SAMPLE.replace("1e-05", "2e-05").getBytes(StandardCharsets.UTF_8)), "sample.json");
        assertNotEquals(a.revision(), b.revision());
        assertEquals(20_000_000_000L, b.lookup("chat-model").rateFemtos(CoreModelPrice.Bucket.OUTPUT, 0));
        assertNotNull(b.lookup("chat-model"));
    }
}
