package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.sync.SyncAttempt.Outcome;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one response (or error) means for the event, exactly as docs/sync.md's table says. Pure
 * function of its input: never throws, whatever the body holds.
 *
 * @param outcome         the decision
 * @param statusCode      the HTTP status, or -1 without a response
 * @param detail          a short reason for logs and status: status and error code, or the
 *                        exception class, plus the server's message for rejections. RAW: it may
 *                        hold any server text (a token echoed back, a huge error code); the actor
 *                        passes it through {@link ServerText#clean} before keeping it anywhere
 * @param retryAfterNanos the server's {@code Retry-After} hint, or -1
 */
record Verdict(Outcome outcome, int statusCode, String detail, long retryAfterNanos) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The verdict on a JDK response (the wall clock now for an HTTP-date {@code Retry-After}).
     *
     * @param response the response, or null with an error
     * @param error    the failure, or null
     * @param backoff  reads the {@code Retry-After} hint
     * @return the verdict
     */
    static Verdict of(HttpResponse<byte[]> response, Throwable error, Backoff backoff) {
        return of(error != null ? null : Exchange.of(response), error, backoff, System.currentTimeMillis());
    }

    /**
     * The verdict on one exchange.
     *
     * @param response       the answer, or null with an error
     * @param error          the failure, or null
     * @param backoff        reads the {@code Retry-After} hint
     * @param nowEpochMillis the wall clock now, for an HTTP-date {@code Retry-After}
     * @return the verdict
     */
    static Verdict of(Exchange response, Throwable error, Backoff backoff, long nowEpochMillis) {
        if (error != null) {
            return ofError(error);
        }
        int code = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (code >= 200 && code < 300) {
            // Any 2xx means the server has the event. Only an explicit "duplicate" is counted as one;
            // a 2xx with an unreadable body is a delivery (the status code alone decides).
            boolean dup = code == 200 && "duplicate".equals(field(body, "status"));
            return new Verdict(dup ? Outcome.DUPLICATE : Outcome.DELIVERED, code, null, -1);
        }
        String error0 = code == 400 ? field(body, "error") : null;
        if (code == 400 && "VALIDATION_ERROR".equals(error0)) {
            String msg = field(body, "message");
            return new Verdict(Outcome.REJECTED, code, "VALIDATION_ERROR" + (msg == null ? "" : ": " + msg), -1);
        }
        if (code == 401 || code == 403 || (code == 400 && "INVALID_TOKEN".equals(error0))) {
            return new Verdict(Outcome.AUTH_FAILED, code, "HTTP " + code + (error0 == null ? "" : " " + error0), -1);
        }
        if (code == 429) {
            long hint = backoff.retryAfterNanos(response.retryAfter(), nowEpochMillis);
            return new Verdict(Outcome.RATE_LIMITED, code, "HTTP 429", hint);
        }
        if (code == 413 || code == 422) {
            // The request content itself is refused: the same bytes can never succeed.
            String msg = field(body, "message");
            return new Verdict(Outcome.REJECTED, code, "HTTP " + code + (msg == null ? "" : ": " + msg), -1);
        }
        // 5xx, 3xx (redirects are not followed), 400 without the server's error shape (a proxy or
        // gateway, not the Control API) and every other 4xx: keep the event and retry.
        String what = code == 400 ? "HTTP 400 (" + (error0 == null ? "unrecognised body" : error0) + ")"
                : code >= 300 && code < 400 ? "HTTP " + code + " (redirect not followed: check serverUrl)"
                : "HTTP " + code;
        return new Verdict(Outcome.RETRY, code, what, -1);
    }

    private static Verdict ofError(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancellationException) {
            return new Verdict(Outcome.CANCELLED, -1, "cancelled", -1);
        }
        String what = t instanceof HttpConnectTimeoutException ? "connect timeout"
                // HttpTimeoutException: no headers in time; TimeoutException: the whole exchange
                // (headers and body) outlived the timeout, see HttpSender.send. Both fire at the
                // same moment for a silent server, so they read the same.
                : t instanceof HttpTimeoutException || t instanceof TimeoutException ? "request timeout"
                : t instanceof ConnectException ? "connection refused"
                : t.getClass().getSimpleName();
        return new Verdict(Outcome.RETRY, -1, what, -1);
    }

    /** A top-level string field of a JSON object body, or null if the body is not one or lacks it. */
    private static String field(byte[] body, String name) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode v = node == null ? null : node.get(name);
            return v != null && v.isString() ? v.asString() : null;
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A copy with another detail (the actor's cleaned form).
     *
     * @param clean the detail to keep
     * @return the copy
     */
    Verdict withDetail(String clean) {
        return new Verdict(outcome, statusCode, clean, retryAfterNanos);
    }
}
