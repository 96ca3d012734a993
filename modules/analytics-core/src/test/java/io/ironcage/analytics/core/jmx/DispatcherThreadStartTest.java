package io.ironcage.analytics.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A budget notification raised on a recording thread starts no thread there. Unparking a parked
 * <em>virtual</em> thread from a platform thread submits its continuation to the virtual-thread
 * scheduler (a ForkJoinPool), which may create a carrier thread on the caller; the dispatcher's
 * shared thread is therefore a platform thread.
 *
 * <p>The scheduler's carrier state cannot be controlled inside the shared test JVM, so the
 * scenario runs in a child JVM ({@link DispatcherUnparkProbe}), with an explicit
 * parallelism of 4 (the default on a four-core machine), so that there is room below it.
 */
class DispatcherThreadStartTest {

    /** Dispatching a notification from a recording thread must not start a thread there. */
    @Test
    void executeFromARecordingThreadStartsNoCarrierThread() throws Exception {
        String classpath = location(Dispatcher.class) + File.pathSeparator + location(DispatcherUnparkProbe.class);
        String line = null;
        for (int attempt = 0; attempt < 3 && (line == null || line.startsWith("INCONCLUSIVE")); attempt++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djdk.virtualThreadScheduler.parallelism=4", "-cp", classpath,
                    DispatcherUnparkProbe.class.getName())
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "probe JVM did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            line = out.lines().filter(l -> l.startsWith("RESULT ") || l.startsWith("INCONCLUSIVE"))
                    .findFirst().orElseThrow(() -> new AssertionError(out));
        }
        assertTrue(line.startsWith("RESULT "), "the probe could not set up the scenario: " + line);
        assertTrue(line.endsWith("started during execute(): []"),
                "Dispatcher.execute on the recording thread started a thread: " + line);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

}
