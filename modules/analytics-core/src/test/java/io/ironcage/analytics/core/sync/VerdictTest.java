package io.ironcage.analytics.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.sync.SyncAttempt.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The response table as a pure function: every status and body shape, including garbage. */
class VerdictTest {
    private static final Backoff BACKOFF = new Backoff(SyncTuning.DEFAULTS);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            202 | {"event_id":"e","status":"accepted"}             | DELIVERED
            202 | <html>ok</html>                                  | DELIVERED
            202 | NULL                                             | DELIVERED
            201 | {}                                               | DELIVERED
            204 | NULL                                             | DELIVERED
            200 | {"event_id":"e","status":"duplicate"}            | DUPLICATE
            200 | {"event_id":"e","status":"accepted"}             | DELIVERED
            200 | {"status":"DUPLICATE"}                           | DELIVERED
            200 | not json                                         | DELIVERED
            200 | ["duplicate"]                                    | DELIVERED
            400 | {"error":"VALIDATION_ERROR","message":"bad"}     | REJECTED
            400 | {"error":"VALIDATION_ERROR"}                     | REJECTED
            400 | {"error":"INVALID_TOKEN","message":"x"}          | AUTH_FAILED
            400 | <html>Bad Request</html>                         | RETRY
            400 | NULL                                             | RETRY
            400 | {"error":"SOMETHING_ELSE"}                       | RETRY
            400 | {"error":["VALIDATION_ERROR"]}                   | RETRY
            401 | {"error":"UNAUTHORIZED"}                         | AUTH_FAILED
            401 | garbage                                          | AUTH_FAILED
            403 | NULL                                             | AUTH_FAILED
            429 | NULL                                             | RATE_LIMITED
            413 | NULL                                             | REJECTED
            422 | {"message":"unprocessable"}                      | REJECTED
            404 | <html>Not Found</html>                           | RETRY
            405 | NULL                                             | RETRY
            408 | NULL                                             | RETRY
            301 | NULL                                             | RETRY
            500 | {"error":"DATABASE_ERROR"}                       | RETRY
            502 | <html>Bad Gateway</html>                         | RETRY
            503 | NULL                                             | RETRY
            """)
    void everyStatusAndBodyShape(int status, String body, Outcome expected) {
        Verdict v = Verdict.of(response(status, body, Map.of()), null, BACKOFF);
        assertEquals(expected, v.outcome());
        assertEquals(status, v.statusCode());
    }

    @Test
    void rejectionsCarryTheServersReasonCleanedToOneClippedLine() {
        Verdict v = Verdict.of(response(400, "{\"error\":\"VALIDATION_ERROR\",\"message\":\"line1\\nline2 "
                + "x".repeat(500) + "\"}", Map.of()), null, BACKOFF);
        String clean = ServerText.clean(v.detail(), List.of());
        assertTrue(clean.startsWith("VALIDATION_ERROR: line1 line2 xxx"), clean);
        assertTrue(clean.endsWith(ServerText.CLIPPED) && clean.length() < 240, "clipped: " + clean.length());
    }

    /** Redaction happens before clipping: a token across the clip boundary leaves no half behind. */
    @Test
    void serverTextIsRedactedBeforeItIsClipped() {
        String token = "ic_secret-token-0123456789abcdef";
        String agent = "ic_secret-token-0123456789abcdef-agent"; // contains the other one
        String text = "y".repeat(ServerText.MAX_CHARS - 10) + token + " and " + agent + "\r\n\tmore";
        String clean = ServerText.clean(text, List.of(token, agent));
        assertFalse(clean.contains("ic_secret"), clean);
        assertTrue(clean.length() <= ServerText.MAX_CHARS + ServerText.CLIPPED.length() + 1, clean);
        assertEquals("a <redacted> b <redacted> c", ServerText.clean("a " + agent + "\n b\t" + token + " c ",
                Arrays.asList(token, null, "", agent)));
        assertEquals(null, ServerText.clean(null, List.of(token)));
    }

    @Test
    void retryAfterIsRead() {
        assertEquals(2_000_000_000L,
                Verdict.of(response(429, null, Map.of("Retry-After", "2")), null, BACKOFF).retryAfterNanos());
        assertEquals(-1, Verdict.of(response(429, null, Map.of()), null, BACKOFF).retryAfterNanos());
        assertEquals(-1, Verdict.of(response(503, null, Map.of("Retry-After", "2")), null, BACKOFF)
                .retryAfterNanos(), "only a 429's hint is used");
    }

    @Test
    void errorsAreTransientExceptOurOwnCancellation() {
        assertEquals("request timeout", Verdict.of(null, new HttpTimeoutException("t"), BACKOFF).detail());
        assertEquals("connect timeout", Verdict.of(null, new HttpConnectTimeoutException("t"), BACKOFF).detail());
        assertEquals("connection refused",
                Verdict.of(null, new CompletionException(new ConnectException()), BACKOFF).detail());
        assertEquals(Outcome.RETRY, Verdict.of(null, new IOException("reset"), BACKOFF).outcome());
        assertEquals("IOException", Verdict.of(null, new IOException("reset"), BACKOFF).detail());
        assertEquals(Outcome.CANCELLED, Verdict.of(null, new CancellationException(), BACKOFF).outcome());
        assertEquals(-1, Verdict.of(null, new IOException(), BACKOFF).statusCode());
    }

    static HttpResponse<byte[]> response(int status, String body, Map<String, String> headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders h = HttpHeaders.of(headers.entrySet().stream().collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("http://localhost/")).build();
            }

            @Override
            public Optional<HttpResponse<byte[]>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return h;
            }

            @Override
            public byte[] body() {
                return bytes;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return URI.create("http://localhost/");
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
