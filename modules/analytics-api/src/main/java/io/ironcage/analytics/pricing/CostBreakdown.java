package io.ironcage.analytics.pricing;

import java.util.List;
import java.util.Objects;

/**
 * How a request's cost was computed: one line per usage bucket, with its tokens, the rate that
 * applied (after long-context tiers and fallbacks) and the exact cost, in femto-USD
 * (10<sup>-15</sup> USD; 10<sup>9</sup> femto-USD make one microdollar).
 *
 * @param model         the model as the table lists it
 * @param revision      the revision of the table that priced it
 * @param tierThreshold the prompt size above which the applied long-context tier starts, or 0 if
 *                      the base rates applied
 * @param lines         the buckets, in a fixed order: input, cache read, cache write, 1-hour cache
 *                      write, output, reasoning (zero-token buckets other than input and output
 *                      are left out)
 * @param totalFemtos   the exact total
 */
public record CostBreakdown(String model, String revision, long tierThreshold, List<Line> lines, long totalFemtos) {

    /** Femto-USD in one microdollar. */
    public static final long FEMTOS_PER_MICRO = 1_000_000_000L;

    /**
     * Validates and copies the components.
     *
     * @param model         the model
     * @param revision      the table's revision
     * @param tierThreshold the tier's threshold, or 0
     * @param lines         the buckets
     * @param totalFemtos   the exact total
     */
    public CostBreakdown {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(revision, "revision");
        lines = List.copyOf(lines);
    }

    /**
     * The total rounded down to the microdollar, as a single request would be charged on its own.
     *
     * @return microdollars
     */
    public long totalMicros() {
        return totalFemtos / FEMTOS_PER_MICRO;
    }

    /**
     * One usage bucket.
     *
     * @param bucket         {@code input}, {@code cache_read}, {@code cache_write},
     *                       {@code cache_write_1h}, {@code output} or {@code reasoning}
     * @param tokens         the tokens in this bucket (disjoint from the other buckets)
     * @param femtosPerToken the rate that applied
     * @param costFemtos     {@code tokens * femtosPerToken}
     */
    public record Line(String bucket, long tokens, long femtosPerToken, long costFemtos) {

        /**
         * Validates the components.
         *
         * @param bucket         the bucket's name
         * @param tokens         the tokens
         * @param femtosPerToken the rate
         * @param costFemtos     the cost
         */
        public Line {
            Objects.requireNonNull(bucket, "bucket");
        }
    }
}
