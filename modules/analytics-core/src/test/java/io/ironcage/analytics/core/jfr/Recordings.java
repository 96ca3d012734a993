package io.ironcage.analytics.core.jfr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The project's JFR template, and recordings read back the way {@code jfr print} reads them. */
final class Recordings {
    private Recordings() {}

    /** {@code jfr-templates/ironcage-analytics.jfc}, found through {@code ironcage.project.dir}. */
    static Path template() {
        String dir = System.getProperty("ironcage.project.dir");
        if (dir == null) {
            throw new IllegalStateException("system property ironcage.project.dir is not set (Surefire sets it "
                    + "to the repository root)");
        }
        Path p = Path.of(dir, "jfr-templates", "ironcage-analytics.jfc");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("JFR template not found at " + p);
        }
        return p;
    }

    /** The template, parsed. */
    static Configuration configuration() throws IOException, ParseException {
        return Configuration.create(template());
    }

    /** A recording with the template's settings, not yet started. */
    static Recording withTemplate() throws IOException, ParseException {
        return new Recording(configuration());
    }

    /** Dumps a running recording and reads back the library's events of one store. */
    static List<RecordedEvent> dump(Recording r, Path dir, String store) throws IOException {
        Path file = Files.createTempFile(dir, "rec", ".jfr");
        r.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith(StoreRecorder.NAMESPACE))
                .filter(e -> store.equals(e.getString("store")))
                .toList();
    }

    /** The events of one kind (simple name, without the namespace). */
    static List<RecordedEvent> of(List<RecordedEvent> events, String kind) {
        return events.stream().filter(e -> e.getEventType().getName().equals(StoreRecorder.NAMESPACE + kind)).toList();
    }
}
