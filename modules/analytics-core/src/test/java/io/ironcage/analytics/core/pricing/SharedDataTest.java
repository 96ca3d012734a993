package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.Provider;
import io.ironcage.analytics.pricing.PricingLoadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks against the real LiteLLM price map in {@code ../shared} (system property
 * {@code ironcage.shared.dir}). A clone without it skips these tests, visibly.
 */
class SharedDataTest {

    private static Path sharedFile;

    @BeforeAll
    static void locate() {
        String dir = System.getProperty("ironcage.shared.dir", "../shared");
        sharedFile = Path.of(dir, "data", "model_prices_and_context_window.json");
    }

    private static void assumeShared() {
        Assumptions.assumeTrue(Files.isRegularFile(sharedFile),
                "skipped: the shared LiteLLM price map is not present at " + sharedFile.toAbsolutePath()
                        + " (a clone without ../shared)");
    }

    @Test
    void theRealLiteLlmFileLoadsSkippingWhatIsNotTokenPriced() throws IOException {
        assumeShared();
        CorePricingCatalog table = PriceTables.loadLiteLlm(sharedFile);
        PricingLoadReport report = table.loadReport().orElseThrow();
        assertTrue(report.skipped() > 0, "skipped " + report.skipped());
        assertTrue(report.skippedByReason().containsKey("mode image_generation"), report.skippedByReason().toString());
        assertTrue(report.skippedByReason().containsKey("not an object"), "last_updated is skipped");
        assertEquals(report.entries(), report.priced() + report.skipped());
        assertTrue(report.priced() > 2000, "priced " + report.priced());
        CoreModelPrice gpt4o = table.lookup("gpt-4o");
        assertNotNull(gpt4o, "gpt-4o is priced");
        assertEquals(Provider.OPENAI, gpt4o.provider());
        assertEquals(2_500_000_000L, gpt4o.rateFemtos(CoreModelPrice.Bucket.INPUT, 0));
        assertEquals("model_prices_and_context_window.json@sha256:" + report.sha256().substring(0, 12),
                table.revision());
    }

    @Test
    void theEmbeddedTableWasGeneratedFromTheSharedFile() throws IOException {
        assumeShared();
        CorePricingCatalog embedded = PriceTables.embedded();
        PricingLoadReport shared = PriceTables.loadLiteLlm(sharedFile).loadReport().orElseThrow();
        assertEquals(shared.sha256(), embedded.metadata().get("source-sha256"),
                "the embedded table is stale: run python3 scripts/generate-price-table.py");
        assertEquals(Integer.toString(shared.entries()), embedded.metadata().get("source-entries"));
        assertEquals(Integer.toString(shared.skipped()), embedded.metadata().get("skipped"));
    }

    @Test
    void theJavaLoaderAndTheGeneratorAgreeOnEveryModel() throws IOException {
        assumeShared();
        CorePricingCatalog embedded = PriceTables.embedded();
        CorePricingCatalog loaded = PriceTables.loadLiteLlm(sharedFile);
        assertEquals(embedded.models(), loaded.models());
        for (String model : embedded.models()) {
            CoreModelPrice e = embedded.lookup(model);
            CoreModelPrice l = loaded.lookup(model);
            assertEquals(e.litellmProvider(), l.litellmProvider(), model);
            assertEquals(e.maxOutputTokens(), l.maxOutputTokens(), model);
            assertArrayEquals(e.tierThresholds(), l.tierThresholds(), model);
            long[] sizes = new long[e.tierThresholds().length + 1];
            for (int i = 0; i < e.tierThresholds().length; i++) {
                sizes[i + 1] = e.tierThresholds()[i] + 1;
            }
            for (long size : sizes) {
                for (CoreModelPrice.Bucket bucket : CoreModelPrice.Bucket.values()) {
                    assertEquals(e.rateFemtos(bucket, size), l.rateFemtos(bucket, size), model + " " + bucket);
                }
            }
        }
    }
}
