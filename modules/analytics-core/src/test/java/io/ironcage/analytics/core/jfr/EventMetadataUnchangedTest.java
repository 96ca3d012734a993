package io.ironcage.analytics.core.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 promised no behaviour change; moving the shared fields into StoreEvent/LlmEvent changed
 * the metadata every recording carries (what JMC and `jfr print`/`jfr summary` show): the
 * descriptions of the "store" field, and the order of the fields (JFR lists a subclass's own
 * fields before those it inherits, so store/eventId moved from first to last). The expected values
 * are those of commit 90daa7e (before issue 11).
 */
class EventMetadataUnchangedTest {
    private static final Set<String> IMPLICIT = Set.of("startTime", "duration", "eventThread", "stackTrace");

    private static Map<String, String> descriptions(Class<? extends Event> c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ValueDescriptor f : EventType.getEventType(c).getFields()) {
            if (!IMPLICIT.contains(f.getName())) {
                m.put(f.getName(), f.getDescription());
            }
        }
        return m;
    }

    // DEFECT: StoreEvent.store's @Description replaced the per-event descriptions of 90daa7e (recording metadata changed)
    @Test
    void storeFieldDescriptionsAreThoseOfBeforeIssue11() {
        Map<Class<? extends Event>, String> before = Map.of(
                LlmRequestCompletedEvent.class, "Name of the analytics store that recorded the request",
                LlmRequestFailedEvent.class, "Name of the analytics store that recorded the failure",
                BudgetThresholdReachedEvent.class, "Name of the analytics store",
                RouterStartedEvent.class, "Name of the analytics store",
                RouterStoppedEvent.class, "Name of the analytics store");
        StringBuilder diff = new StringBuilder();
        before.forEach((c, d) -> {
            String now = descriptions(c).get("store");
            if (!d.equals(now)) {
                diff.append(c.getSimpleName()).append(".store: was \"").append(d).append("\", now \"").append(now)
                        .append("\"\n");
            }
        });
        assertEquals("", diff.toString());
    }

    // DEFECT: the inherited fields now come after the event's own: field order of every recorded event changed
    @Test
    void fieldOrderIsThatOfBeforeIssue11() {
        assertEquals(List.of("store", "eventId", "model", "provider", "agent", "providerId"),
                List.copyOf(descriptions(LlmRequestCompletedEvent.class).keySet()).subList(0, 6));
        assertEquals(List.of("store", "eventId", "model", "provider", "agent", "providerId"),
                List.copyOf(descriptions(LlmRequestFailedEvent.class).keySet()).subList(0, 6));
        assertEquals(List.of("store", "eventId", "totalRequests", "totalCostMicros"),
                List.copyOf(descriptions(RouterStoppedEvent.class).keySet()));
    }
}
