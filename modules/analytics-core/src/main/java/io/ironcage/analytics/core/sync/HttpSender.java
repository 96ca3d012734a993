package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.sync.SyncConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link Transport}, the HTTP side of one run: one {@link HttpClient} (HTTP/1.1, keep-alive, redirects not followed)
 * whose asynchronous work runs on virtual threads, so closing it leaves no pool behind. The JDK
 * client keeps one selector thread of its own while open; {@link #close()} ends it.
 */
final class HttpSender implements Transport {
    /** The ingestion endpoint, relative to the configured server URL. */
    static final String PATH = "/api/v1/analytics/events";
    private static final String USER_AGENT = "iron-cage-analytics-java";
    /** Longer timeouts are cut to this (the JDK client keeps them as nanoseconds). */
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final URI endpoint;
    private final Duration timeout;
    private final BoundedBody bodyHandler;

    HttpSender(SyncConfig config, SyncTuning tuning) {
        this.endpoint = endpoint(config.serverUrl());
        this.timeout = config.timeout().compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : config.timeout();
        this.bodyHandler = new BoundedBody(tuning.maxResponseBytes());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** {@code {serverUrl}/api/v1/analytics/events}, whether or not the URL ends with a slash. */
    static URI endpoint(URI serverUrl) {
        String base = serverUrl.toString();
        int q = base.indexOf('?');
        if (q >= 0) {
            base = base.substring(0, q);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + PATH);
    }

    /** The request for one wire body (the token is inside the body only, never in a header). */
    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /**
     * Sends one body; the whole exchange, body included, is bounded by the timeout.
     *
     * <p>Why: {@link HttpRequest#timeout} only covers the wait for the response headers. A server
     * that sends its headers and then goes quiet would otherwise hold the request (and one of the
     * actor's in-flight slots) forever. The returned future is a separate stage: it fails with a
     * {@link java.util.concurrent.TimeoutException} when the timeout passes first, and its completion, however it
     * happens (timeout, cancellation by the actor at stop), aborts the underlying exchange. A real
     * completion that arrives later lands on the exchange's own future, which nobody listens to,
     * so it can never be counted a second time.
     *
     * @param body the event's wire body
     * @return the answer future; completes exactly once; cancelling it aborts the request
     */
    @Override
    public CompletableFuture<Exchange> send(byte[] body) {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request(body), bodyHandler);
        CompletableFuture<Exchange> bounded = new CompletableFuture<>();
        exchange.whenComplete((r, t) -> {
            if (t == null) {
                bounded.complete(Exchange.of(r));
            } else {
                bounded.completeExceptionally(t);
            }
        });
        // orTimeout: the JDK's timer task is removed as soon as the stage completes, so a fast
        // exchange leaves nothing queued for the rest of the timeout.
        bounded.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenComplete((r, t) -> {
            if (t != null) {
                exchange.cancel(true); // frees the connection; a no-op if the exchange already ended
            }
        });
        return bounded;
    }

    /** Aborts what is still open and releases the connections, the selector and the executor. */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "HttpSender[" + endpoint + "]";
    }
}
