package io.ironcage.analytics.core.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Going live when Flight Recorder initialises: the event types are registered (and their classes
 * loaded) before the flag the recording path reads is set, so no recording thread ever runs JFR's
 * synchronized type registration itself. (The stores' periodic hooks are no step of going live:
 * each store's JFR observer hooks its own, see StoreJfr.)
 */
class GoLiveTest {

    @Test
    void theTypesAreRegisteredBeforeTheRecordingPathGoesLive() {
        List<String> steps = new CopyOnWriteArrayList<>();
        List<String> ranOnInitThread = new CopyOnWriteArrayList<>();
        StoreRecorder.switchOn(() -> steps.add("register"), () -> steps.add("live"),
                task -> {
                    ranOnInitThread.add("start");
                    task.run();
                });
        assertEquals(List.of("register", "live"), steps);
        assertEquals(List.of("start"), ranOnInitThread);
    }

    @Test
    void aFailedRegistrationNeverGoesLive() {
        List<String> steps = new CopyOnWriteArrayList<>();
        StoreRecorder.switchOn(() -> {
            throw new IllegalStateException("registration failed (expected by the test)");
        }, () -> steps.add("live"), Runnable::run);
        assertEquals(List.of(), steps, "without the types the hooks stay off");
    }
}
