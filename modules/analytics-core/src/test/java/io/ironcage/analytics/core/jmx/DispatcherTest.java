package io.ironcage.analytics.core.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's hand-off: the thread that raises a notification only queues it; the worker
 * thread exists from the dispatcher's creation (registration) and ends when it is shut down.
 */
class DispatcherTest {

    @Test
    void theRaisingThreadStartsNoThreadAndTheWorkerEndsOnShutdown() throws Exception {
        List<String> madeOn = new CopyOnWriteArrayList<>();
        List<Thread> made = new CopyOnWriteArrayList<>();
        ThreadFactory spy = r -> {
            madeOn.add(Thread.currentThread().getName());
            Thread t = Thread.ofVirtual().name("dispatcher-under-test").unstarted(r);
            made.add(t);
            return t;
        };
        Dispatcher d = new Dispatcher(spy);
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread raiser = Thread.ofPlatform().name("recording-thread").start(() -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                d.execute(() -> ran.add(n + " on " + Thread.currentThread().getName()));
            }
        });
        raiser.join();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
        assertEquals(List.of("0 on dispatcher-under-test", "1 on dispatcher-under-test", "2 on dispatcher-under-test"),
                ran, "in order, on the worker");
        assertTrue(!madeOn.contains("recording-thread"), "threads made on: " + madeOn);
        assertEquals(1, made.size(), "one worker");

        d.shutdown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !made.get(0).isAlive());
        d.execute(() -> ran.add("after shutdown"));
        assertEquals(3, ran.size(), "dropped after shutdown");
        assertEquals(1, made.size(), "no thread started after shutdown");
    }

    @Test
    void tasksQueuedBeforeShutdownAreStillSent() {
        Dispatcher d = new Dispatcher("dispatcher-drain-test");
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            d.execute(() -> ran.add(n));
        }
        d.shutdown();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 100);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ran.get(i));
        }
    }
}
