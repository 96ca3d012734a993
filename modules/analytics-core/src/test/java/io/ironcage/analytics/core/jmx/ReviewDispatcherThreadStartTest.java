package io.ironcage.analytics.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Review of item 15 ("a budget threshold starts a thread and takes a pool lock on the recording
 * thread"). {@link Dispatcher#execute} is documented as "a lock-free queue offer and an unpark":
 * the recording thread "never starts a thread, never takes a lock ... of a pool". But the worker is
 * a <em>virtual</em> thread, and {@code LockSupport.unpark} of a parked virtual thread from a
 * platform thread submits its continuation to the virtual-thread scheduler (a ForkJoinPool): when
 * no carrier is idle and the pool is below its parallelism (at start-up, or once idle carriers
 * time out after 30 s), that submission creates and starts a carrier thread, on the recording
 * thread.
 *
 * <p>The scheduler's carrier state cannot be controlled inside the shared test JVM, so the
 * scenario runs in a child JVM ({@link ReviewDispatcherUnparkProbe}), with an explicit
 * parallelism of 4 (the default on a four-core machine), so that there is room below it.
 */
class ReviewDispatcherThreadStartTest {

    /** Dispatching a notification from a recording thread must not start a thread there. */
    @Test
    void executeFromARecordingThreadStartsNoCarrierThread() throws Exception {
        String classpath = location(Dispatcher.class) + File.pathSeparator + location(ReviewDispatcherUnparkProbe.class);
        String line = null;
        for (int attempt = 0; attempt < 3 && (line == null || line.startsWith("INCONCLUSIVE")); attempt++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djdk.virtualThreadScheduler.parallelism=4", "-cp", classpath,
                    ReviewDispatcherUnparkProbe.class.getName())
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
