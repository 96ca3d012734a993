package io.ironcage.analytics.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on a loopback port that speaks the Control API's ingestion endpoint
 * (Protocol 012) as the reference server does: it validates each body, authenticates the token,
 * de-duplicates by (agent, event id), and answers 202, 200 duplicate, 400 or 401.
 */
final class ControlApiReceiver implements AutoCloseable {
    static final String PATH = "/api/v1/analytics/events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "unknown");
    private static final Set<String> FIELDS = Set.of("ic_token", "event_id", "timestamp_ms", "event_type", "model",
            "provider", "input_tokens", "output_tokens", "cost_micros", "provider_id", "error_code", "error_message");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> tokens;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder costMicros = new LongAdder();
    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder failedEvents = new LongAdder();

    /**
     * Starts the receiver on an ephemeral loopback port.
     *
     * @param tokens the IC tokens it accepts; each token is one agent on the server
     */
    ControlApiReceiver(Set<String> tokens) throws IOException {
        this.tokens = Set.copyOf(tokens);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                respond(ex, 405, error("METHOD_NOT_ALLOWED", "use POST"));
                return;
            }
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("application/json")) {
                reject(ex, "Content-Type must be application/json");
                return;
            }
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                body = JSON.readTree(in);
            } catch (JacksonException e) {
                reject(ex, "body is not JSON");
                return;
            }
            if (body == null || !body.isObject()) {
                reject(ex, "body must be a JSON object");
                return;
            }
            JsonNode token = body.get("ic_token");
            if (token == null || !token.isString()) {
                reject(ex, "ic_token is required");
                return;
            }
            if (!tokens.contains(token.stringValue())) {
                unauthorized.increment();
                respond(ex, 401, error("UNAUTHORIZED", "Invalid or expired IC token"));
                return;
            }
            String problem = validate(body);
            if (problem != null) {
                reject(ex, problem);
                return;
            }
            String eventId = body.get("event_id").stringValue();
            if (!seen.add(token.stringValue() + "/" + eventId)) {
                duplicates.increment();
                respond(ex, 200, "{\"event_id\":\"" + eventId + "\",\"status\":\"duplicate\"}");
                return;
            }
            accepted.increment();
            if (body.has("cost_micros")) {
                costMicros.add(body.get("cost_micros").longValue());
                inputTokens.add(body.get("input_tokens").longValue());
                outputTokens.add(body.get("output_tokens").longValue());
            } else {
                failedEvents.increment();
            }
            respond(ex, 202, "{\"event_id\":\"" + eventId + "\",\"status\":\"accepted\"}");
        }
    }

    /** The contract's validation; returns the reason, or null when the body is valid. */
    static String validate(JsonNode b) {
        for (Map.Entry<String, JsonNode> f : b.properties()) {
            if (!FIELDS.contains(f.getKey())) {
                return "unknown field " + f.getKey();
            }
            if (f.getValue().isNull()) {
                return f.getKey() + " must be omitted, not null";
            }
        }
        JsonNode id = b.get("event_id");
        if (id == null || !id.isString()) {
            return "event_id is required";
        }
        try {
            UUID.fromString(id.stringValue());
        } catch (IllegalArgumentException e) {
            return "event_id must be a UUID";
        }
        if (!isInteger(b.get("timestamp_ms"))) {
            return "timestamp_ms must be an integer";
        }
        JsonNode type = b.get("event_type");
        if (type == null || !type.isString()) {
            return "event_type is required";
        }
        if (!isNonBlankString(b.get("model"))) {
            return "model is required";
        }
        JsonNode provider = b.get("provider");
        if (provider == null || !provider.isString() || !PROVIDERS.contains(provider.stringValue())) {
            return "provider must be one of openai, anthropic, unknown";
        }
        for (String optional : new String[] {"provider_id", "error_code", "error_message"}) {
            JsonNode v = b.get(optional);
            if (v != null && !v.isString()) {
                return optional + " must be a string";
            }
        }
        switch (type.stringValue()) {
            case "llm_request_completed" -> {
                for (String n : new String[] {"input_tokens", "output_tokens", "cost_micros"}) {
                    JsonNode v = b.get(n);
                    if (!isInteger(v) || v.longValue() < 0) {
                        return n + " must be a non-negative integer";
                    }
                }
            }
            case "llm_request_failed" -> {
                for (String n : new String[] {"input_tokens", "output_tokens", "cost_micros"}) {
                    if (b.has(n)) {
                        return n + " must be omitted for failed events";
                    }
                }
            }
            default -> {
                return "event_type must be llm_request_completed or llm_request_failed";
            }
        }
        return null;
    }

    private static boolean isInteger(JsonNode v) {
        return v != null && v.isIntegralNumber() && v.canConvertToLong();
    }

    private static boolean isNonBlankString(JsonNode v) {
        return v != null && v.isString() && !v.stringValue().isBlank();
    }

    private void reject(HttpExchange ex, String message) throws IOException {
        rejected.increment();
        respond(ex, 400, error("VALIDATION_ERROR", message));
    }

    private static String error(String code, String message) {
        return "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** @return events accepted for the first time (202) */
    long accepted() {
        return accepted.sum();
    }

    /** @return events answered 200 duplicate */
    long duplicates() {
        return duplicates.sum();
    }

    /** @return bodies refused with 400 */
    long rejected() {
        return rejected.sum();
    }

    /** @return requests refused with 401 */
    long unauthorized() {
        return unauthorized.sum();
    }

    /** @return the sum of cost_micros over accepted events */
    long costMicros() {
        return costMicros.sum();
    }

    /** @return input tokens over accepted completed events */
    long inputTokens() {
        return inputTokens.sum();
    }

    /** @return output tokens over accepted completed events */
    long outputTokens() {
        return outputTokens.sum();
    }

    /** @return accepted failed events */
    long failedEvents() {
        return failedEvents.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
