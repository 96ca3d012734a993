package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.pricing.PricingLoadReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The project's own table format: what it reads, and how it refuses a damaged table. */
class PriceTableFormatTest {

    private static final String HEADER = PriceTableReader.MAGIC + "\n"
            + "# revision: test-2026-01-01@sha256:0123456789ab\n"
            + "# source-sha256: " + "ab".repeat(32) + "\n"
            + PriceTableReader.COLUMNS + "\n";

    private static CorePricingCatalog read(String text) throws IOException {
        return PriceTables.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.tsv");
    }

    @Test
    void readsRowsTiersAndHeader() throws IOException {
        CorePricingCatalog table = read(HEADER
                + "m1\topenai\t1000\t2000\t-\t-\t-\t-\t-\t-\n"
                + "m2\t-\t1000\t2000\t10\t30\t60\t5000\t4096\t100:input=2000,cache_write_1h=90;200:output=7\n");
        assertEquals("test-2026-01-01@sha256:0123456789ab", table.revision());
        assertEquals("ab".repeat(32), table.metadata().get("source-sha256"));
        PricingLoadReport report = table.loadReport().orElseThrow();
        assertEquals("ironcage-price-table", report.format());
        assertEquals(2, report.priced());
        assertEquals(0, report.skipped());
        CoreModelPrice m2 = table.lookup("m2");
        assertEquals(4096, m2.maxOutputTokens());
        assertEquals(5000, m2.rateFemtos(CoreModelPrice.Bucket.REASONING, 0));
        assertEquals(2000, m2.rateFemtos(CoreModelPrice.Bucket.INPUT, 150));
        assertEquals(90, m2.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE_1H, 150));
        assertEquals(60, m2.rateFemtos(CoreModelPrice.Bucket.CACHE_WRITE_1H, 250), "tier 200 has no 1-hour price");
        assertEquals(7, m2.rateFemtos(CoreModelPrice.Bucket.OUTPUT, 250));
        assertEquals(1000, m2.rateFemtos(CoreModelPrice.Bucket.INPUT, 250), "tier 200 has no input price");
        assertEquals(1000, table.lookup("m1").rateFemtos(CoreModelPrice.Bucket.CACHE_READ, 0));
    }

    @Test
    void aDamagedRowFailsNamingTheLine() {
        IOException e = assertThrows(IOException.class, () -> read(HEADER
                + "m1\topenai\t1000\t2000\t-\t-\t-\t-\t-\t-\n"
                + "m2\topenai\t1e3\t2000\t-\t-\t-\t-\t-\t-\n"));
        assertEquals("t.tsv line 6 (m2): \"1e3\" is not a non-negative integer", e.getMessage());
        IOException cells = assertThrows(IOException.class, () -> read(HEADER + "m1\topenai\t1000\n"));
        assertTrue(cells.getMessage().startsWith("t.tsv line 5: expected 10 tab-separated cells but found 3"),
                cells.getMessage());
        IOException tiers = assertThrows(IOException.class,
                () -> read(HEADER + "m1\topenai\t1\t2\t-\t-\t-\t-\t-\t200:input=1;100:input=2\n"));
        assertTrue(tiers.getMessage().contains("tier thresholds must ascend"), tiers.getMessage());
        IOException twice = assertThrows(IOException.class, () -> read(HEADER
                + "m1\topenai\t1\t2\t-\t-\t-\t-\t-\t-\n" + "m1\topenai\t1\t2\t-\t-\t-\t-\t-\t-\n"));
        assertEquals("t.tsv line 6: model \"m1\" is listed twice", twice.getMessage());
    }

    @Test
    void aTruncatedTableIsRefused() {
        IOException e = assertThrows(IOException.class, () -> read(HEADER.replace(PriceTableReader.COLUMNS,
                "# models: 3\n" + PriceTableReader.COLUMNS) + "m1\topenai\t1\t2\t-\t-\t-\t-\t-\t-\n"));
        assertTrue(e.getMessage().contains("declares 3 models but 1 rows were read"), e.getMessage());
        IOException noRevision = assertThrows(IOException.class, () -> read(
                PriceTableReader.MAGIC + "\n" + PriceTableReader.COLUMNS + "\n"));
        assertTrue(noRevision.getMessage().contains("no \"# revision: ...\" header"), noRevision.getMessage());
    }

    @Test
    void theEmbeddedTableLoads() {
        CorePricingCatalog embedded = PriceTables.embedded();
        PricingLoadReport report = embedded.loadReport().orElseThrow();
        assertTrue(embedded.size() > 2000, "size " + embedded.size());
        assertEquals(embedded.metadata().get("models"), Integer.toString(embedded.size()));
        assertTrue(embedded.revision().startsWith("litellm-2026-07-24@sha256:"), embedded.revision());
        assertEquals(embedded.revision(), report.revision());
        assertTrue(embedded.metadata().get("source-sha256").matches("[0-9a-f]{64}"));
        assertTrue(embedded.revision().endsWith(embedded.metadata().get("source-sha256").substring(0, 12)));
        assertEquals(embedded, PriceTables.embedded(), "loaded once and shared");
    }
}
