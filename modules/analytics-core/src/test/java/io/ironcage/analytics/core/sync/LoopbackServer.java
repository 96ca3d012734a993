package io.ironcage.analytics.core.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback Control API for stateful fault tests: the JDK's HTTP server on virtual threads. By
 * default it behaves like the real server (202 the first time an (token, event_id) pair arrives,
 * 200 duplicate after); a test swaps in a {@link Responder} to inject faults. It can go down and
 * come back on the same port.
 */
final class LoopbackServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as the server saw it. */
    record Received(int n, String method, String path, String contentType, String body, JsonNode json,
                    long atNanos) {
        String eventId() {
            return text("event_id");
        }

        String token() {
            return text("ic_token");
        }

        String text(String field) {
            JsonNode v = json == null ? null : json.get(field);
            return v == null ? null : v.asString();
        }
    }

    /**
     * What to answer.
     *
     * @param stallMillis if positive: send the status line and headers (with the body's length), then
     *                    hold the body back for this long (a server that goes quiet mid-answer)
     */
    record Reply(int status, String body, Map<String, String> headers, long delayMillis, long stallMillis) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), 0, 0);
        }

        Reply delayed(long millis) {
            return new Reply(status, body, headers, millis, stallMillis);
        }

        Reply header(String name, String value) {
            return new Reply(status, body, Map.of(name, value), delayMillis, stallMillis);
        }

        Reply stalled(long millis) {
            return new Reply(status, body, headers, delayMillis, millis);
        }
    }

    /** Decides the answer; {@code server.real(r)} gives the real server's. */
    @FunctionalInterface
    interface Responder {
        Reply reply(Received r, LoopbackServer server);
    }

    private final int port;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile HttpServer server;
    private volatile Responder responder = (r, s) -> s.real(r);
    private final AtomicInteger count = new AtomicInteger();
    final ConcurrentLinkedQueue<Received> requests = new ConcurrentLinkedQueue<>();
    /** The server's "database": (token, event_id) pairs it stored, with the event id. */
    private final ConcurrentHashMap<String, String> stored = new ConcurrentHashMap<>();
    /** POSTs per event id, whatever the answer. */
    final ConcurrentHashMap<String, AtomicInteger> posts = new ConcurrentHashMap<>();

    private LoopbackServer(int port) {
        this.port = port;
    }

    /** A server that is up. */
    static LoopbackServer start() throws IOException {
        LoopbackServer s = new LoopbackServer(freePort());
        s.up();
        return s;
    }

    /** A server that is down (its port refuses connections) until {@link #up()}. */
    static LoopbackServer notStarted() throws IOException {
        return new LoopbackServer(freePort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void up() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
    }

    void down() {
        HttpServer s = server;
        server = null;
        if (s != null) {
            s.stop(0);
        }
    }

    void respond(Responder r) {
        this.responder = r;
    }

    /** The real server: store once, 202; then 200 duplicate. */
    Reply real(Received r) {
        String id = r.eventId();
        if (id == null) {
            return Reply.of(400, "{\"error\":\"VALIDATION_ERROR\",\"message\":\"event_id is required\"}");
        }
        boolean fresh = stored.putIfAbsent(r.token() + "|" + id, id) == null;
        return fresh ? Reply.of(202, "{\"event_id\":\"" + id + "\",\"status\":\"accepted\"}")
                : Reply.of(200, "{\"event_id\":\"" + id + "\",\"status\":\"duplicate\"}");
    }

    /** Event ids the server stored (each pair once by construction; see {@link #posts} for resends). */
    Set<String> storedIds() {
        return Set.copyOf(stored.values());
    }

    /** Event ids stored under one token (the server's agent). */
    Set<String> storedIds(String token) {
        return stored.entrySet().stream().filter(e -> e.getKey().startsWith(token + "|")).map(Map.Entry::getValue)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    int storedCount() {
        return stored.size();
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        long at = System.nanoTime();
        byte[] in;
        try (InputStream body = ex.getRequestBody()) {
            in = body.readAllBytes();
        }
        String text = new String(in, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (RuntimeException e) {
            json = null;
        }
        Received r = new Received(count.incrementAndGet(), ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Content-Type"), text, json, at);
        requests.add(r);
        if (r.eventId() != null) {
            posts.computeIfAbsent(r.eventId(), k -> new AtomicInteger()).incrementAndGet();
        }
        Reply reply = responder.reply(r, this);
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis()); // the server being slow is the point here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        try {
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (reply.stallMillis() > 0) {
                ex.getResponseBody().flush(); // the headers reach the client; the body does not
                try {
                    Thread.sleep(reply.stallMillis()); // going quiet mid-answer is the point here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: expected in the slow-server tests
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        down();
        executor.shutdownNow();
    }
}
