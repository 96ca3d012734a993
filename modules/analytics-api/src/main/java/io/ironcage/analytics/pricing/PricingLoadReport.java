package io.ironcage.analytics.pricing;

import java.util.Map;
import java.util.Objects;

/**
 * What loading a price table found: how many entries it priced and how many it skipped, and why.
 * A LiteLLM price map holds entries that are not priced per token (image, audio and embedding
 * models, its {@code sample_spec}, entries without prices); those are skipped and counted here,
 * never fatal.
 *
 * @param source          where the table came from (a path or the stream's source name)
 * @param format          {@code "litellm-json"} or {@code "ironcage-price-table"}
 * @param revision        the loaded table's revision
 * @param sha256          the SHA-256 of the bytes loaded, in lower-case hex
 * @param entries         the entries read (the top-level members of a LiteLLM map, the rows of a
 *                        project table)
 * @param priced          the models in the table
 * @param skipped         the entries skipped
 * @param skippedByReason the skipped entries counted per reason, such as
 *                        {@code "mode image_generation"} or {@code "no per-token price"}
 */
public record PricingLoadReport(String source, String format, String revision, String sha256, int entries,
                                int priced, int skipped, Map<String, Integer> skippedByReason) {

    /**
     * Validates and copies the components.
     *
     * @param source          the source
     * @param format          the format
     * @param revision        the revision
     * @param sha256          the SHA-256
     * @param entries         entries read
     * @param priced          models priced
     * @param skipped         entries skipped
     * @param skippedByReason the skipped entries per reason
     */
    public PricingLoadReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(sha256, "sha256");
        skippedByReason = Map.copyOf(skippedByReason);
    }
}
