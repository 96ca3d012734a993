package io.ironcage.analytics.core.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

/** The template parses, and turns on exactly the library's events; the events are well described. */
class TemplateTest {
    private static final Set<String> PER_REQUEST = Set.of("LlmRequestCompleted", "LlmRequestFailed", "SyncAttempt");
    private static final Set<String> IMPLICIT_FIELDS = Set.of("startTime", "duration", "eventThread", "stackTrace");

    @Test
    void enablesExactlyTheLibrarysEvents() throws Exception {
        Configuration c = Recordings.configuration();
        assertEquals("Iron Cage Analytics", c.getLabel());
        Map<String, String> settings = c.getSettings();

        // Nothing but the library's events.
        Set<String> mentioned = settings.keySet().stream().map(k -> k.substring(0, k.indexOf('#')))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String event : mentioned) {
            assertTrue(event.startsWith(StoreRecorder.NAMESPACE), "the template mentions another event: " + event);
        }

        // Every event type of the library registered in this JVM, each one enabled, no stack trace.
        StoreRecorder.EVENT_CLASSES.forEach(FlightRecorder::register);
        Set<String> registered = FlightRecorder.getFlightRecorder().getEventTypes().stream().map(EventType::getName)
                .filter(n -> n.startsWith(StoreRecorder.NAMESPACE)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(StoreRecorder.EVENT_CLASSES.size(), registered.size(), "registered: " + registered);
        assertEquals(registered, mentioned);
        for (String event : registered) {
            assertEquals("true", settings.get(event + "#enabled"), event);
            assertEquals("false", settings.get(event + "#stackTrace"), event);
        }
        assertEquals("1 s", settings.get(StoreRecorder.NAMESPACE + "StoreStatistics#period"));
        assertEquals(2 * registered.size() + 1, settings.size(), "unexpected settings: " + settings);
    }

    @Test
    void eventsAreNamedCategorisedAndDescribed() {
        for (Class<? extends Event> c : StoreRecorder.EVENT_CLASSES) {
            EventType t = EventType.getEventType(c);
            String simple = t.getName().substring(StoreRecorder.NAMESPACE.length());
            assertTrue(t.getName().startsWith(StoreRecorder.NAMESPACE), t.getName());
            assertEquals(simple + "Event", c.getSimpleName());
            assertTrue(java.lang.reflect.Modifier.isFinal(c.getModifiers()), c + " must be final");
            assertEquals("Iron Cage", t.getCategoryNames().get(0));
            assertEquals("Analytics", t.getCategoryNames().get(1));
            assertNotNull(t.getLabel(), t.getName());
            assertNotNull(t.getDescription(), t.getName());
            assertFalse(c.getAnnotation(StackTrace.class).value(), t.getName() + " must not record stack traces");
            Enabled enabled = c.getAnnotation(Enabled.class);
            boolean onByDefault = enabled == null || enabled.value();
            assertEquals(!PER_REQUEST.contains(simple), onByDefault,
                    t.getName() + ": per-request events are off unless a recording turns them on");
            assertEquals(simple.equals("StoreStatistics"), c.getAnnotation(Period.class) != null, t.getName());
            for (ValueDescriptor f : t.getFields()) {
                if (!IMPLICIT_FIELDS.contains(f.getName())) {
                    assertNotNull(f.getLabel(), t.getName() + "." + f.getName() + " has no label");
                    assertNotNull(f.getDescription(), t.getName() + "." + f.getName() + " has no description");
                    assertFalse("jdk.jfr.DataAmount".equals(f.getContentType()),
                            t.getName() + "." + f.getName() + ": tokens and money are not bytes");
                }
            }
        }
    }
}
