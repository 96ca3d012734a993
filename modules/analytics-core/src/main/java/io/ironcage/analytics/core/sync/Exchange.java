package io.ironcage.analytics.core.sync;

import java.net.http.HttpResponse;

/**
 * What the server answered to one request: all the actor reads of a response. The body is at most
 * {@link SyncTuning#maxResponseBytes()} long and RAW server text (see {@link Verdict}).
 *
 * @param statusCode the HTTP status
 * @param retryAfter the {@code Retry-After} header, or null
 * @param body       the (bounded) body, or null
 */
record Exchange(int statusCode, String retryAfter, byte[] body) {

    /**
     * The parts of a JDK response the actor uses.
     *
     * @param response the response
     * @return its exchange
     */
    static Exchange of(HttpResponse<byte[]> response) {
        return new Exchange(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                response.body());
    }

    @Override
    public String toString() {
        return "Exchange[" + statusCode + "]"; // never the body: it may echo a token
    }
}
