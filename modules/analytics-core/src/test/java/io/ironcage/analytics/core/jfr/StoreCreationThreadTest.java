package io.ironcage.analytics.core.jfr;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.Assembly;
import io.ironcage.analytics.core.jmx.TinyPricing;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before issue 11, a store created while Flight Recorder was live hooked its periodic statistics
 * event on the constructing thread (StoreRecorder.start: {@code if (live) s.hook()}), and
 * docs/observability.md says "A store with JMX off starts no thread at all". Now each store's
 * FlightRecorderListener is called at once by addListener when Flight Recorder is initialised and
 * starts a virtual thread "ironcage-jfr-hook" for every store created. Deterministic: Flight
 * Recorder itself records the thread starts (jdk.VirtualThreadStart).
 */
class StoreCreationThreadTest {

    // Regression (issue 11 review): with JFR live every store creation starts an "ironcage-jfr-hook" virtual thread (was synchronous hook; docs: JMX off starts no thread)
    @Test
    void aStoreWithJmxOffStartsNoThreadWhileFlightRecorderIsLive(@TempDir Path dir) throws Exception {
        try (Recording r = Recordings.withTemplate()) {
            r.enable("jdk.VirtualThreadStart");
            r.start();
            await().atMost(Duration.ofSeconds(10)).until(StoreRecorder::isLive);
            // Threads started by Flight Recorder's initialisation itself (for stores of earlier
            // test classes) are not counted: only those started from here on.
            Instant t0 = Instant.now();
            for (int i = 0; i < 3; i++) {
                DefaultEventStore store = Assembly.newStore(StoreConfig.builder().name("rv-thread-" + i).capacity(8)
                        .jmx(false).pricing(TinyPricing.INSTANCE).build(), false);
                await().atMost(Duration.ofSeconds(10)).until(() -> StoreRecorder.isHooked(store));
                store.close();
            }
            r.stop();
            Path file = Files.createTempFile(dir, "threads", ".jfr");
            r.dump(file);
            List<String> started = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadStart"))
                    .filter(e -> !e.getStartTime().isBefore(t0))
                    .map(RecordedEvent::getThread)
                    .map(t -> t == null ? "?" : String.valueOf(t.getJavaName()))
                    .filter(n -> n.startsWith("ironcage-"))
                    .filter(n -> !n.equals("ironcage-jfr-init")) // the one go-live thread of the JVM, before any store
                    .toList();
            assertEquals(List.of(), started, "library threads started by creating three stores with JMX off");
        }
    }
}
