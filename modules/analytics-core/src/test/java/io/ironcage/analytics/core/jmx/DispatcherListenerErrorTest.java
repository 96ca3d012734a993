package io.ironcage.analytics.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A notification listener that throws an {@link Error} ({@code NotificationBroadcasterSupport}
 * only catches {@code Exception}) must not end the dispatching: the error is logged, the next
 * notification is sent. A {@link VirtualMachineError} ends the thread that got it, but a
 * replacement keeps the dispatcher usable.
 */
class DispatcherListenerErrorTest {

    /** A listener's Error must not stop the notifications after it. */
    @Test
    void aNotificationAfterAListenerErrorIsStillSent() {
        Dispatcher d = new Dispatcher("listener-error-test");
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

    /** A VirtualMachineError ends the thread that got it; a replacement sends the next task. */
    @Test
    void aVirtualMachineErrorReplacesTheThreadAndDispatchingGoesOn() {
        Dispatcher d = new Dispatcher("vm-error-test");
        try {
            Thread before = d.worker();
            List<String> ran = new CopyOnWriteArrayList<>();
            d.execute(() -> {
                throw new StackOverflowError("a VirtualMachineError (expected by the test)");
            });
            d.execute(() -> ran.add(Thread.currentThread().getName()));
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !ran.isEmpty());
            assertEquals(List.of(Dispatcher.THREAD_NAME), ran);
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !before.isAlive());
            List<String> after = new CopyOnWriteArrayList<>();
            d.execute(() -> after.add("later"));
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !after.isEmpty());
        } finally {
            d.shutdown();
        }
    }
}
