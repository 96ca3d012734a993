package io.ironcage.analytics.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmModelMeta;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the full JSON form carries a request's duration and time to first token and reads
 * them back; the Control API wire body, whose contract has no such field, stays without them.
 */
class EventJsonTimingTest {
    private static final LlmModelMeta META = new LlmModelMeta("ip_1", "openai", "gpt-4o");

    @Test
    void completedAndFailedEventsRoundTripTheirTiming() {
        AnalyticsEvent c = AnalyticsEvent.of(new LlmRequestCompleted(META, 100, 20, 0, 0, 0, 5, true, "r1",
                Duration.ofNanos(1_234_567_891), Duration.ofMillis(250)));
        String json = EventJson.toJson(c);
        assertTrue(json.contains("\"duration_ns\":1234567891") && json.contains("\"time_to_first_token_ns\":250000000"), json);
        assertEquals(c.payload(), EventJson.fromJson(json).payload());

        AnalyticsEvent f = AnalyticsEvent.of(new LlmRequestFailed(META, "server_error", null, Duration.ofSeconds(30), null));
        LlmRequestFailed back = (LlmRequestFailed) EventJson.fromJson(EventJson.toJson(f)).payload();
        assertEquals(Duration.ofSeconds(30), back.duration());
        assertNull(back.timeToFirstToken(), "unknown stays unknown (the field is omitted)");

        AnalyticsEvent untimed = AnalyticsEvent.of(new LlmRequestCompleted(META, 1, 1, 1));
        assertFalse(EventJson.toJson(untimed).contains("duration_ns"));
    }

    @Test
    void theWireBodyHasNoTimingFields() {
        AnalyticsEvent c = AnalyticsEvent.of(new LlmRequestCompleted(META, 100, 20, 0, 0, 0, 5, true, "r1",
                Duration.ofSeconds(2), Duration.ofMillis(250)));
        String body = new String(EventJson.wireBody(c, "ic_t"), StandardCharsets.UTF_8);
        assertFalse(body.contains("duration") || body.contains("first_token"), body);
    }
}
