package io.ironcage.analytics.core.json;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.EventId;
import io.ironcage.analytics.EventPayload;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import io.ironcage.analytics.Provider;
import io.ironcage.analytics.RouterStarted;
import io.ironcage.analytics.RouterStopped;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events as JSON with Protocol 012's snake_case names. Optional fields that are absent are
 * omitted, never written as null.
 *
 * <p>Full form (export, spool; round-trips exactly): {@code event_id}, {@code timestamp_ms},
 * {@code agent_id}, {@code event_type} and the payload's fields. Wire form ({@link #wireBody}): only
 * the fields the Control API's ingestion endpoint defines.
 */
public final class EventJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EventJson() {}

    /**
     * The full JSON form of an event.
     *
     * @param event the event
     * @return one JSON object
     */
    public static String toJson(AnalyticsEvent event) {
        Objects.requireNonNull(event, "event");
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("event_id", event.eventId().toString());
            g.writeNumberProperty("timestamp_ms", event.timestampMs());
            String agent = event.agentId().orElse(null);
            if (agent != null) {
                g.writeStringProperty("agent_id", agent);
            }
            EventPayload p = event.payload();
            g.writeStringProperty("event_type", p.eventType());
            switch (p) {
                case LlmRequestCompleted c -> {
                    writeMeta(g, c.meta(), c.meta().provider());
                    g.writeNumberProperty("input_tokens", c.inputTokens());
                    g.writeNumberProperty("output_tokens", c.outputTokens());
                    g.writeNumberProperty("cache_read_tokens", c.cacheReadTokens());
                    g.writeNumberProperty("cache_write_tokens", c.cacheWriteTokens());
                    g.writeNumberProperty("reasoning_tokens", c.reasoningTokens());
                    g.writeNumberProperty("cost_micros", c.costMicros());
                    g.writeBooleanProperty("priced", c.priced());
                    optional(g, "pricing_revision", c.pricingRevision());
                    timing(g, c.duration(), c.timeToFirstToken());
                }
                case LlmRequestFailed f -> {
                    writeMeta(g, f.meta(), f.meta().provider());
                    optional(g, "error_code", f.errorCode());
                    optional(g, "error_message", f.errorMessage());
                    // A billed failure's usage; absent (read back as 0) when it billed nothing,
                    // so a plain failure's form is as before.
                    if ((f.inputTokens() | f.outputTokens() | f.costMicros()) != 0) {
                        g.writeNumberProperty("input_tokens", f.inputTokens());
                        g.writeNumberProperty("output_tokens", f.outputTokens());
                        g.writeNumberProperty("cache_read_tokens", f.cacheReadTokens());
                        g.writeNumberProperty("cache_write_tokens", f.cacheWriteTokens());
                        g.writeNumberProperty("reasoning_tokens", f.reasoningTokens());
                        g.writeNumberProperty("cost_micros", f.costMicros());
                    }
                    timing(g, f.duration(), f.timeToFirstToken());
                }
                case BudgetThresholdReached b -> {
                    g.writeNumberProperty("threshold_percent", b.thresholdPercent());
                    g.writeNumberProperty("current_spend_micros", b.currentSpendMicros());
                    g.writeNumberProperty("budget_micros", b.budgetMicros());
                }
                case RouterStarted r -> g.writeNumberProperty("port", r.port());
                case RouterStopped s -> {
                    g.writeNumberProperty("total_requests", s.totalRequests());
                    g.writeNumberProperty("total_cost_micros", s.totalCostMicros());
                }
            }
            g.writeEndObject();
        }
        return out.toString();
    }

    /**
     * The Protocol 012 request body for an LLM event: {@code ic_token}, {@code event_id},
     * {@code timestamp_ms}, {@code event_type}, {@code model}, {@code provider} (anything but
     * {@code openai}/{@code anthropic} sent as {@code unknown}, which the server requires), the
     * token counts and cost for completed events, {@code provider_id}, and the error fields for
     * failed ones. The event's provider is the real provider's name (such as {@code gemini});
     * the contract accepts only the three names, so any other is sent as {@code unknown}. A
     * failed event's billed tokens and cost are not sent: the contract's failed event has none
     * (docs/sync.md).
     *
     * @param event   an {@link LlmRequestCompleted} or {@link LlmRequestFailed} event
     * @param icToken the token to authenticate with
     * @return the UTF-8 body
     * @throws IllegalArgumentException for any other kind of event (they stay local)
     */
    public static byte[] wireBody(AnalyticsEvent event, String icToken) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(icToken, "icToken");
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("ic_token", icToken);
            g.writeStringProperty("event_id", event.eventId().toString());
            g.writeNumberProperty("timestamp_ms", event.timestampMs());
            g.writeStringProperty("event_type", event.payload().eventType());
            switch (event.payload()) {
                case LlmRequestCompleted c -> {
                    writeMeta(g, c.meta(), wireProvider(c.meta().provider()));
                    g.writeNumberProperty("input_tokens", c.inputTokens());
                    g.writeNumberProperty("output_tokens", c.outputTokens());
                    g.writeNumberProperty("cost_micros", c.costMicros());
                }
                case LlmRequestFailed f -> {
                    writeMeta(g, f.meta(), wireProvider(f.meta().provider()));
                    optional(g, "error_code", f.errorCode());
                    optional(g, "error_message", f.errorMessage());
                }
                default -> throw new IllegalArgumentException(
                        "only LLM events go on the wire, not " + event.payload().eventType());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The provider as the server accepts it: {@code openai}, {@code anthropic} or {@code unknown}. */
    static String wireProvider(String provider) {
        return Provider.parse(provider).wireName();
    }

    private static void writeMeta(JsonGenerator g, LlmModelMeta meta, String provider) {
        g.writeStringProperty("model", meta.model());
        g.writeStringProperty("provider", provider);
        optional(g, "provider_id", meta.providerId());
    }

    /**
     * The request's timing in the full JSON form only (the wire body's contract has no such
     * field): {@code duration_ns} and {@code time_to_first_token_ns}, each omitted when unknown.
     */
    private static void timing(JsonGenerator g, java.time.Duration duration, java.time.Duration ttft) {
        if (duration != null) {
            g.writeNumberProperty("duration_ns", duration.toNanos());
        }
        if (ttft != null) {
            g.writeNumberProperty("time_to_first_token_ns", ttft.toNanos());
        }
    }

    private static java.time.Duration optionalNanos(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : java.time.Duration.ofNanos(integer(n, field));
    }

    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    /**
     * Reads the full JSON form back.
     *
     * @param json one JSON object as {@link #toJson} writes it
     * @return the event (a new object, held by no store)
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static AnalyticsEvent fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("event JSON does not parse: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("event JSON must be an object but was: " + abbreviate(json));
        }
        String type = text(n, "event_type");
        EventPayload payload = switch (type) {
            case "llm_request_completed" -> new LlmRequestCompleted(meta(n), integer(n, "input_tokens"),
                    integer(n, "output_tokens"), integerOr0(n, "cache_read_tokens"), integerOr0(n, "cache_write_tokens"),
                    integerOr0(n, "reasoning_tokens"), integer(n, "cost_micros"), bool(n, "priced", true),
                    optionalText(n, "pricing_revision"), optionalNanos(n, "duration_ns"),
                    optionalNanos(n, "time_to_first_token_ns"));
            case "llm_request_failed" -> new LlmRequestFailed(meta(n), optionalText(n, "error_code"),
                    optionalText(n, "error_message"), integerOr0(n, "input_tokens"), integerOr0(n, "output_tokens"),
                    integerOr0(n, "cache_read_tokens"), integerOr0(n, "cache_write_tokens"),
                    integerOr0(n, "reasoning_tokens"), integerOr0(n, "cost_micros"),
                    optionalNanos(n, "duration_ns"), optionalNanos(n, "time_to_first_token_ns"));
            case "budget_threshold_reached" -> new BudgetThresholdReached(
                    int32(n, "threshold_percent"), integer(n, "current_spend_micros"),
                    integer(n, "budget_micros"));
            case "router_started" -> new RouterStarted(int32(n, "port"));
            case "router_stopped" -> new RouterStopped(integer(n, "total_requests"), integer(n, "total_cost_micros"));
            default -> throw new IllegalArgumentException("unknown event_type \"" + type + "\"");
        };
        return AnalyticsEvent.of(EventId.parse(text(n, "event_id")), integer(n, "timestamp_ms"),
                optionalText(n, "agent_id"), payload);
    }

    private static LlmModelMeta meta(JsonNode n) {
        return new LlmModelMeta(optionalText(n, "provider_id"), text(n, "provider"), text(n, "model"));
    }

    private static String text(JsonNode n, String field) {
        String v = optionalText(n, field);
        if (v == null) {
            throw new IllegalArgumentException("event JSON lacks the string field \"" + field + "\"");
        }
        return v;
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("event JSON field \"" + field + "\" must be a string but was " + v);
        }
        return v.stringValue();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("event JSON field \"" + field + "\" must be a 64-bit integer but was "
                    + (v == null ? "absent" : v.toString()));
        }
        return v.longValue();
    }

    private static int int32(JsonNode n, String field) {
        long v = integer(n, field);
        if (v != (int) v) {
            throw new IllegalArgumentException("event JSON field \"" + field + "\" must be a 32-bit integer but was " + v);
        }
        return (int) v;
    }

    private static long integerOr0(JsonNode n, String field) {
        return n.has(field) ? integer(n, field) : 0;
    }

    private static boolean bool(JsonNode n, String field, boolean absent) {
        JsonNode v = n.get(field);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("event JSON field \"" + field + "\" must be a boolean but was " + v);
        }
        return v.booleanValue();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
