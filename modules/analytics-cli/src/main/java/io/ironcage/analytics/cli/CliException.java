package io.ironcage.analytics.cli;

/** A user-facing failure: its message is printed as one line on stderr, without a stack trace. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
