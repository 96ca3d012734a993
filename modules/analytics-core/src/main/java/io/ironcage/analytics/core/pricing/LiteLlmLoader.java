package io.ironcage.analytics.core.pricing;

import io.ironcage.analytics.pricing.PricingLoadReport;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}. The rules are the same as the
 * generator's ({@code scripts/generate-price-table.py}), so the real file loads into the same
 * table as the embedded one:
 * <ul>
 *   <li>kept: object entries with {@code mode} chat, completion or responses and both
 *       {@code input_cost_per_token} and {@code output_cost_per_token};</li>
 *   <li>skipped and counted (per reason): everything else, and entries where a price that is
 *       read is not a number, is negative or exceeds a long in femto-USD;</li>
 *   <li>numbers are read as {@link BigDecimal} (never as double) and rounded half-up to the
 *       femto-USD.</li>
 * </ul>
 */
final class LiteLlmLoader {

    static final String FORMAT = "litellm-json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Checked by hand after the object, for a message that says what is wrong.
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern TIER_KEY = Pattern.compile("(cache_creation_input_token_cost_above_1hr"
            + "|cache_creation_input_token_cost|cache_read_input_token_cost|output_cost_per_token"
            + "|input_cost_per_token)_above_([0-9]{1,9})k_tokens");
    private static final BigDecimal FEMTOS_PER_USD = BigDecimal.ONE.movePointRight(15);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MAX_USD = MAX_LONG.movePointLeft(15);

    private LiteLlmLoader() {}

    /**
     * Parses a whole LiteLLM map.
     *
     * @param bytes      the file's content
     * @param source     names the source in errors and the report (a path or a stream name)
     * @param sourceName names the source in the revision (a file name)
     */
    static CorePricingCatalog load(byte[] bytes, String source, String sourceName) throws IOException {
        JsonNode root = parse(bytes, source);
        List<PriceRow> rows = new ArrayList<>(root.size());
        Map<String, Integer> skipped = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            try {
                rows.add(convert(e.getKey(), e.getValue()));
            } catch (SkipEntry skip) {
                skipped.merge(skip.getMessage(), 1, Integer::sum);
            }
        }
        String sha256 = PriceTables.sha256(bytes);
        String revision = sourceName + "@sha256:" + sha256.substring(0, 12);
        int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
        PricingLoadReport report = new PricingLoadReport(source, FORMAT, revision, sha256, root.size(), rows.size(),
                skippedCount, skipped);
        return new CorePricingCatalog(rows, revision, report, Map.of());
    }

    private static JsonNode parse(byte[] bytes, String source) throws IOException {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException(source + ": empty; expected a LiteLLM price map (a JSON object)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IOException(source + ": the top level must be a JSON object mapping model names to prices,"
                        + " but it is " + describe(first) + " at " + position(p.currentTokenLocation()));
            }
            JsonNode root = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new IOException(source + ": unexpected content after the top-level object at "
                        + position(p.currentTokenLocation()));
            }
            return root;
        } catch (JacksonException e) {
            throw new IOException(source + ": not valid JSON at " + position(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    static String position(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** One entry to a row, or a {@link SkipEntry} whose message is the reason counted. */
    private static PriceRow convert(String name, JsonNode entry) throws SkipEntry {
        if (!entry.isObject()) {
            throw new SkipEntry("not an object");
        }
        if (!PriceTables.validName(name)) {
            throw new SkipEntry("invalid model name");
        }
        JsonNode mode = present(entry, "mode");
        if (mode == null) {
            throw new SkipEntry("no mode");
        }
        if (!mode.isString()) {
            throw new SkipEntry("non-text mode");
        }
        String m = mode.stringValue();
        if (!m.equals("chat") && !m.equals("completion") && !m.equals("responses")) {
            throw new SkipEntry("mode " + m);
        }
        if (present(entry, "input_cost_per_token") == null || present(entry, "output_cost_per_token") == null) {
            throw new SkipEntry("no per-token price");
        }
        long input = price(entry, "input_cost_per_token");
        long output = price(entry, "output_cost_per_token");
        long cacheRead = price(entry, "cache_read_input_token_cost");
        if (cacheRead == PriceRow.NONE) {
            cacheRead = price(entry, "input_cost_per_token_cache_hit");
        }
        long cacheWrite = price(entry, "cache_creation_input_token_cost");
        long cacheWrite1h = price(entry, "cache_creation_input_token_cost_above_1hr");
        long reasoning = price(entry, "output_cost_per_reasoning_token");
        List<PriceRow.Tier> tiers = tiers(entry);
        JsonNode provider = present(entry, "litellm_provider");
        String litellmProvider = provider != null && provider.isString() && PriceTables.validName(provider.stringValue())
                ? provider.stringValue() : null;
        return new PriceRow(name, litellmProvider, input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning,
                maxOutput(entry), tiers);
    }

    private static List<PriceRow.Tier> tiers(JsonNode entry) throws SkipEntry {
        // Keys in sorted order, as the generator walks them, so both report the same first error.
        TreeMap<Long, long[]> byThreshold = new TreeMap<>();
        for (String key : new TreeSet<>(entry.propertyNames())) {
            Matcher m = TIER_KEY.matcher(key);
            if (!m.matches()) {
                continue;
            }
            long femtos = price(entry, key);
            if (femtos == PriceRow.NONE) {
                continue;
            }
            long threshold = Long.parseLong(m.group(2)) * 1000;
            long[] prices = byThreshold.computeIfAbsent(threshold, t -> new long[] {
                    PriceRow.NONE, PriceRow.NONE, PriceRow.NONE, PriceRow.NONE, PriceRow.NONE});
            prices[switch (m.group(1)) {
                case "input_cost_per_token" -> 0;
                case "output_cost_per_token" -> 1;
                case "cache_read_input_token_cost" -> 2;
                case "cache_creation_input_token_cost" -> 3;
                default -> 4;
            }] = femtos;
        }
        List<PriceRow.Tier> tiers = new ArrayList<>(byThreshold.size());
        byThreshold.forEach((t, p) -> tiers.add(new PriceRow.Tier(t, p[0], p[1], p[2], p[3], p[4])));
        return tiers;
    }

    /** A field's value, or null if it is absent or JSON null. */
    private static JsonNode present(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A price field in femto-USD per token, or {@link PriceRow#NONE} if absent. */
    private static long price(JsonNode entry, String field) throws SkipEntry {
        JsonNode value = present(entry, field);
        if (value == null) {
            return PriceRow.NONE;
        }
        if (!value.isNumber()) {
            throw new SkipEntry("non-numeric price");
        }
        return femtos(value.decimalValue());
    }

    /**
     * USD per token to femto-USD per token, rounded half-up.
     *
     * @throws SkipEntry if negative or beyond a long
     */
    static long femtos(BigDecimal usdPerToken) throws SkipEntry {
        if (usdPerToken.signum() < 0) {
            throw new SkipEntry("negative price");
        }
        // Compared before scaling, so an absurd exponent never materialises a huge number.
        if (usdPerToken.compareTo(MAX_USD) > 0) {
            throw new SkipEntry("price out of range");
        }
        BigDecimal rounded = usdPerToken.multiply(FEMTOS_PER_USD).setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(MAX_LONG) > 0) {
            throw new SkipEntry("price out of range");
        }
        return rounded.longValueExact();
    }

    private static long maxOutput(JsonNode entry) {
        for (String field : new String[] {"max_output_tokens", "max_tokens"}) {
            JsonNode value = present(entry, field);
            if (value != null && value.isNumber()) {
                BigDecimal v = value.decimalValue();
                if (v.signum() > 0 && v.compareTo(MAX_LONG) <= 0 && v.stripTrailingZeros().scale() <= 0) {
                    return v.longValueExact();
                }
            }
        }
        return 0;
    }

    /** An entry that is not priced per token; the message is the reason it is counted under. */
    static final class SkipEntry extends Exception {
        private static final long serialVersionUID = 1L;

        SkipEntry(String reason) {
            super(reason, null, false, false);
        }
    }
}
