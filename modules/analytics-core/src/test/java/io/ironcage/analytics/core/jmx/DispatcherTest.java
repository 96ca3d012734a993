package io.ironcage.analytics.core.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The dispatchers' hand-off: the thread that raises a notification only queues it; every
 * dispatcher's tasks run in order on the one shared platform thread, which exists while a
 * dispatcher is open.
 */
class DispatcherTest {

    @Test
    void tasksRunInOrderOnTheSharedPlatformThreadAndNothingRunsAfterShutdown() throws Exception {
        Dispatcher d = new Dispatcher("dispatcher-test");
        Thread shared = d.worker();
        assertTrue(shared != null && shared.isAlive() && !shared.isVirtual() && shared.isDaemon(), "shared: " + shared);
        assertEquals(Dispatcher.THREAD_NAME, shared.getName());
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread raiser = Thread.ofPlatform().name("recording-thread").start(() -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                d.execute(() -> ran.add(n + " on " + Thread.currentThread().getName()));
            }
        });
        raiser.join();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
        String on = " on " + Dispatcher.THREAD_NAME;
        assertEquals(List.of("0" + on, "1" + on, "2" + on), ran, "in order, on the shared thread");

        d.shutdown();
        d.execute(() -> ran.add("after shutdown"));
        Thread.sleep(100);
        assertEquals(3, ran.size(), "dropped after shutdown");
    }

    @Test
    void twoDispatchersShareOneThreadWhichEndsWithTheLastShutdown() {
        Dispatcher a = new Dispatcher("dispatcher-a");
        Dispatcher b = new Dispatcher("dispatcher-b");
        Thread shared = a.worker();
        assertTrue(shared == b.worker(), "one shared thread");
        a.shutdown();
        List<String> ran = new CopyOnWriteArrayList<>();
        b.execute(() -> ran.add("b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        assertTrue(shared.isAlive(), "still one open dispatcher");
        b.shutdown();
        // Ends once no dispatcher is open (other tests' beans in this JVM may keep it up).
        await().atMost(Duration.ofSeconds(5)).until(() -> !shared.isAlive() || Dispatcher.sharedThread() == shared);
        assertFalse(shared.isVirtual());
    }

    @Test
    void tasksQueuedBeforeShutdownAreStillSentAndTheFinalTaskRunsAfterThem() {
        Dispatcher d = new Dispatcher("dispatcher-drain-test");
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            d.execute(() -> ran.add(n));
        }
        d.shutdown(() -> ran.add(-1));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 101);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ran.get(i));
        }
        assertEquals(-1, ran.get(100), "the final task runs last");
    }
}
