package io.ironcage.analytics.core.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Loads price tables: the embedded one, LiteLLM JSON maps and tables in the project's own format,
 * from files or streams. Every load reads the whole input first and builds a complete, immutable
 * {@link CorePricingCatalog}; nothing is published if it fails.
 */
public final class PriceTables {

    /** The embedded table's resource, relative to this package. */
    static final String EMBEDDED_RESOURCE = "prices.tsv";
    /** Inputs larger than this are refused: no price table comes close (LiteLLM's is about 1.5 MB). */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private static volatile CorePricingCatalog embedded;

    private PriceTables() {}

    /**
     * The table built into this module, generated from LiteLLM's price map by
     * {@code scripts/generate-price-table.py}; loaded on first use and shared.
     *
     * @return the embedded table
     * @throws IllegalStateException if the resource is missing or corrupt (a broken build)
     */
    public static CorePricingCatalog embedded() {
        // Racing first calls may each load; the tables are equal and immutable, and the volatile
        // write publishes whichever wins safely.
        CorePricingCatalog table = embedded;
        if (table == null) {
            table = loadEmbedded();
            embedded = table;
        }
        return table;
    }

    private static CorePricingCatalog loadEmbedded() {
        String source = "embedded:" + PriceTables.class.getPackageName().replace('.', '/') + "/" + EMBEDDED_RESOURCE;
        try (InputStream in = PriceTables.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded price table " + source + " is missing from the "
                        + "io.ironcage.analytics.core module; the build is broken");
            }
            return PriceTableReader.read(readAll(in, source), source);
        } catch (IOException e) {
            throw new IllegalStateException("the embedded price table is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a table in either format, told apart by its first line: the project's own format
     * starts with {@code # ironcage-price-table}; anything else is read as LiteLLM JSON.
     *
     * @param file the table
     * @return the table
     * @throws IOException naming the file (and line and column, for malformed JSON)
     */
    public static CorePricingCatalog load(Path file) throws IOException {
        byte[] bytes = readFile(file);
        return parse(bytes, file.toString(), fileName(file));
    }

    /**
     * Loads a table in either format from a stream, which is read fully but not closed.
     *
     * @param in         the table
     * @param sourceName names the source in errors and in the revision
     * @return the table
     * @throws IOException naming the source
     */
    public static CorePricingCatalog load(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(sourceName, "sourceName");
        return parse(readAll(Objects.requireNonNull(in, "in"), sourceName), sourceName, sourceName);
    }

    /**
     * Loads a LiteLLM price map. Entries not priced per token are skipped and counted in the
     * {@linkplain CorePricingCatalog#loadReport() load report}.
     *
     * @param file the JSON file
     * @return the table, with revision {@code <file name>@sha256:<first 12 hex digits>}
     * @throws IOException naming the file, and the line and column if it is not JSON or its top
     *                     level is not an object
     */
    public static CorePricingCatalog loadLiteLlm(Path file) throws IOException {
        return LiteLlmLoader.load(readFile(file), file.toString(), fileName(file));
    }

    /**
     * Loads a LiteLLM price map from a stream, which is read fully but not closed.
     *
     * @param in         the JSON
     * @param sourceName names the source in errors and in the revision
     * @return the table, with revision {@code <sourceName>@sha256:<first 12 hex digits>}
     * @throws IOException naming the source, and the line and column for malformed JSON
     */
    public static CorePricingCatalog loadLiteLlm(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(sourceName, "sourceName");
        return LiteLlmLoader.load(readAll(Objects.requireNonNull(in, "in"), sourceName), sourceName, sourceName);
    }

    private static CorePricingCatalog parse(byte[] bytes, String source, String sourceName) throws IOException {
        return PriceTableReader.looksLikeTable(bytes) ? PriceTableReader.read(bytes, source)
                : LiteLlmLoader.load(bytes, source, sourceName);
    }

    private static byte[] readFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, file.toString());
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString() + ":")) {
                throw e;
            }
            throw new IOException(file + ": cannot read the price table (" + e + ")", e);
        }
    }

    private static byte[] readAll(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException(source + ": larger than " + MAX_BYTES / (1024 * 1024)
                    + " MiB; not a price table");
        }
        return bytes;
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Lower-case hex SHA-256. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /**
     * A model or provider name a table may list: not empty, not only spaces, no control
     * characters (the generator applies the same rule).
     */
    static boolean validName(String name) {
        boolean nonSpace = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                return false;
            }
            nonSpace |= ch != ' ';
        }
        return nonSpace;
    }
}
