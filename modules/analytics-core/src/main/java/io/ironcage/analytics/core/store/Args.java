package io.ironcage.analytics.core.store;

import java.util.Objects;

/** Validation of recording arguments, before anything is counted; messages name argument and value. */
final class Args {
    /** Longest model, agent or provider-id string accepted (as the API's value types). */
    static final int MAX_NAME_LENGTH = 256;

    private Args() {}

    static String name(String argument, String value) {
        Objects.requireNonNull(value, argument);
        return check(argument, value);
    }

    static String optionalName(String argument, String value) {
        return value == null ? null : check(argument, value);
    }

    private static String check(String argument, String value) {
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(argument + " must be at most " + MAX_NAME_LENGTH
                    + " characters but was " + value.length() + " characters: \"" + value.substring(0, 32) + "...\"");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank but was \"" + value + "\"");
        }
        return value;
    }

    static long tokens(String argument, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(argument + " must be >= 0 but was " + value);
        }
        return value;
    }
}
