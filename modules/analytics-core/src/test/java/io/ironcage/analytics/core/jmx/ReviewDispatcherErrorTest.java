package io.ironcage.analytics.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Review of item 15 (the new lock-free {@link Dispatcher}). Its worker catches only
 * {@link RuntimeException}s; a notification listener that throws an {@link Error} (an
 * {@code AssertionError}, a {@code LinkageError}; {@code NotificationBroadcasterSupport} only
 * catches {@code Exception}) ends the single worker thread for good. Every later budget
 * notification of that bean is then queued for ever and never sent, silently, while the bean stays
 * registered. The {@code ThreadPoolExecutor} it replaced started a new worker for the next task.
 */
class ReviewDispatcherErrorTest {

    /** A listener's Error must not stop the notifications after it. */
    @Test
    void aNotificationAfterAListenerErrorIsStillSent() {
        Dispatcher d = new Dispatcher("ironcage-jmx-review-error");
        try {
            List<String> ran = new CopyOnWriteArrayList<>();
            d.execute(() -> {
                throw new AssertionError("a listener's Error (expected by the test)");
            });
            d.execute(() -> ran.add("second"));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !ran.isEmpty());
            } catch (ConditionTimeoutException e) {
                // reported below
            }
            assertEquals(List.of("second"), ran, "notifications sent after the Error (worker alive: "
                    + d.worker().isAlive() + ")");
        } finally {
            d.shutdown();
        }
    }
}
