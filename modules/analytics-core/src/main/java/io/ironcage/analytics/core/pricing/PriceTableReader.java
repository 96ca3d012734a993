package io.ironcage.analytics.core.pricing;

import io.ironcage.analytics.pricing.PricingLoadReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the project's own price table, as {@code scripts/generate-price-table.py} writes it:
 * <pre>
 * # ironcage-price-table 1                  (first line: format and version)
 * # key: value                              (header fields: revision, source-sha256, ...)
 * model provider input output cache_read cache_write cache_write_1h reasoning max_output tiers
 * gpt-4o openai 2500000000 10000000000 1250000000 - - - 16384 -
 * </pre>
 * Cells are tab-separated; prices are integer femto-USD per token; {@code -} marks an absent
 * value; tiers are {@code threshold:price=value,...;...} with the price names {@code input},
 * {@code output}, {@code cache_read}, {@code cache_write} and {@code cache_write_1h}. Any
 * malformed line fails the whole load with an {@link IOException} naming the line.
 */
final class PriceTableReader {

    static final String FORMAT = "ironcage-price-table";
    static final String MAGIC = "# ironcage-price-table 1";
    static final String COLUMNS = String.join("\t", "model", "provider", "input", "output", "cache_read",
            "cache_write", "cache_write_1h", "reasoning", "max_output", "tiers");
    private static final int CELLS = 10;
    private static final List<String> TIER_PRICES = List.of("input", "output", "cache_read", "cache_write",
            "cache_write_1h");

    private PriceTableReader() {}

    static boolean looksLikeTable(byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length - start < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[start + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static CorePricingCatalog read(byte[] bytes, String source) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": not UTF-8 text: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        if (!strip(lines[0]).equals(MAGIC)) {
            throw new IOException(source + " line 1: expected \"" + MAGIC + "\" (an Iron Cage price table, format 1)"
                    + " but found \"" + abbreviate(strip(lines[0])) + "\"");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<PriceRow> rows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean columnsSeen = false;
        for (int i = 1; i < lines.length; i++) {
            String line = strip(lines[i]);
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                int colon = line.indexOf(": ");
                if (colon > 2 && line.substring(2, colon).matches("[a-z0-9-]+")) {
                    metadata.put(line.substring(2, colon), line.substring(colon + 2));
                }
                continue;
            }
            if (!columnsSeen) {
                if (!line.equals(COLUMNS)) {
                    throw new IOException(source + " line " + lineNo + ": expected the column header \""
                            + COLUMNS.replace('\t', ' ') + "\" but found \"" + abbreviate(line) + "\"");
                }
                columnsSeen = true;
                continue;
            }
            PriceRow row = row(line, source, lineNo);
            if (!names.add(row.model())) {
                throw new IOException(source + " line " + lineNo + ": model \"" + row.model() + "\" is listed twice");
            }
            rows.add(row);
        }
        if (!columnsSeen) {
            throw new IOException(source + ": no column header line; the table is empty or truncated");
        }
        String revision = metadata.get("revision");
        if (revision == null || revision.isBlank()) {
            throw new IOException(source + ": no \"# revision: ...\" header line");
        }
        String declared = metadata.get("models");
        if (declared != null && !declared.equals(Integer.toString(rows.size()))) {
            throw new IOException(source + ": the header declares " + declared + " models but " + rows.size()
                    + " rows were read; the table is truncated or edited");
        }
        PricingLoadReport report = new PricingLoadReport(source, FORMAT, revision, PriceTables.sha256(bytes),
                rows.size(), rows.size(), 0, Map.of());
        return new CorePricingCatalog(rows, revision, report, metadata);
    }

    private static PriceRow row(String line, String source, int lineNo) throws IOException {
        String[] c = line.split("\t", -1);
        if (c.length != CELLS) {
            throw new IOException(source + " line " + lineNo + ": expected " + CELLS + " tab-separated cells but found "
                    + c.length + " in \"" + abbreviate(line) + "\"");
        }
        String where = source + " line " + lineNo + " (" + c[0] + ")";
        if (!PriceTables.validName(c[0])) {
            throw new IOException(source + " line " + lineNo + ": invalid model name \"" + abbreviate(c[0]) + "\"");
        }
        try {
            return new PriceRow(c[0], c[1].equals("-") ? null : c[1], number(c[2], false), number(c[3], false),
                    number(c[4], true), number(c[5], true), number(c[6], true), number(c[7], true),
                    c[8].equals("-") ? 0 : number(c[8], false), tiers(c[9]));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<PriceRow.Tier> tiers(String cell) {
        if (cell.equals("-")) {
            return List.of();
        }
        List<PriceRow.Tier> tiers = new ArrayList<>();
        for (String tier : cell.split(";", -1)) {
            int colon = tier.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("tier \"" + tier + "\" is not threshold:price=value,...");
            }
            long threshold = number(tier.substring(0, colon), false);
            long[] p = {PriceRow.NONE, PriceRow.NONE, PriceRow.NONE, PriceRow.NONE, PriceRow.NONE};
            for (String price : tier.substring(colon + 1).split(",", -1)) {
                int eq = price.indexOf('=');
                int index = eq < 0 ? -1 : TIER_PRICES.indexOf(price.substring(0, eq));
                if (index < 0) {
                    throw new IllegalArgumentException("tier price \"" + price + "\" is not one of "
                            + TIER_PRICES + "=value");
                }
                if (p[index] != PriceRow.NONE) {
                    throw new IllegalArgumentException("tier price " + price.substring(0, eq) + " listed twice");
                }
                p[index] = number(price.substring(eq + 1), false);
            }
            tiers.add(new PriceRow.Tier(threshold, p[0], p[1], p[2], p[3], p[4]));
        }
        return tiers;
    }

    /** A non-negative decimal integer, or NONE for "-" where allowed. */
    private static long number(String cell, boolean optional) {
        if (optional && cell.equals("-")) {
            return PriceRow.NONE;
        }
        if (cell.isEmpty() || cell.length() > 19 || !cell.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("\"" + abbreviate(cell) + "\" is not a non-negative integer"
                    + (optional ? " or -" : ""));
        }
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + cell + "\" exceeds a long", e);
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }
}
