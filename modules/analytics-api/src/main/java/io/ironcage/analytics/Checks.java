package io.ironcage.analytics;

import java.util.Objects;

/** Argument validation shared by the API's value types; messages name the argument and value. */
final class Checks {
    /** Longest model, agent or provider-id string accepted. */
    static final int MAX_NAME_LENGTH = 256;
    /** Longest error code or message kept; longer ones are truncated with a marker. */
    static final int MAX_TEXT_LENGTH = 4096;

    private Checks() {}

    static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
        return value;
    }

    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "] but was " + value);
        }
        return value;
    }

    /** A required name: non-null, not blank, at most {@value #MAX_NAME_LENGTH} characters. */
    static String name(String argument, String value) {
        Objects.requireNonNull(value, argument);
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank but was \"" + value + "\"");
        }
        return maxLength(argument, value);
    }

    /** An optional name: null allowed, otherwise as {@link #name}. */
    static String optionalName(String argument, String value) {
        return value == null ? null : name(argument, value);
    }

    private static String maxLength(String argument, String value) {
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(argument + " must be at most " + MAX_NAME_LENGTH
                    + " characters but was " + value.length() + " characters: \""
                    + value.substring(0, 32) + "...\"");
        }
        return value;
    }

    /**
     * The token counts and cost of a request event: none negative, cache reads and writes
     * inside the input, reasoning inside the output. One rule for completed and failed events.
     */
    static void usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                      long reasoningTokens, long costMicros) {
        nonNegative("inputTokens", inputTokens);
        nonNegative("outputTokens", outputTokens);
        nonNegative("cacheReadTokens", cacheReadTokens);
        nonNegative("cacheWriteTokens", cacheWriteTokens);
        nonNegative("reasoningTokens", reasoningTokens);
        nonNegative("costMicros", costMicros);
        if (cacheReadTokens > inputTokens - cacheWriteTokens) {
            throw new IllegalArgumentException("cacheReadTokens + cacheWriteTokens (" + cacheReadTokens
                    + " + " + cacheWriteTokens + ") must not exceed inputTokens (" + inputTokens + ")");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoningTokens (" + reasoningTokens
                    + ") must not exceed outputTokens (" + outputTokens + ")");
        }
    }

    /**
     * A request's timing: each null or in [0, 1 h], and the time to first token not longer than
     * the duration when both are given.
     */
    static void timing(java.time.Duration duration, java.time.Duration timeToFirstToken) {
        checkDuration("duration", duration);
        checkDuration("timeToFirstToken", timeToFirstToken);
        if (duration != null && timeToFirstToken != null && timeToFirstToken.compareTo(duration) > 0) {
            throw new IllegalArgumentException("timeToFirstToken (" + timeToFirstToken
                    + ") must not exceed duration (" + duration + ")");
        }
    }

    static java.time.Duration checkDuration(String name, java.time.Duration d) {
        if (d != null && (d.isNegative() || d.compareTo(LlmUsage.MAX_DURATION) > 0)) {
            throw new IllegalArgumentException(name + " must be in [PT0S, PT1H] but was " + d);
        }
        return d;
    }

    /** Free text (error code or message): null allowed; over the limit it is cut with a marker. */
    static String text(String value) {
        if (value == null || value.length() <= MAX_TEXT_LENGTH) {
            return value;
        }
        String marker = "...[truncated " + (value.length() - MAX_TEXT_LENGTH) + " chars]";
        return value.substring(0, MAX_TEXT_LENGTH - marker.length()) + marker;
    }
}
