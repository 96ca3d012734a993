package io.ironcage.analytics.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.BudgetThresholdReached;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.StoreObserver;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Before issue 11 the budget notification was queued from StoreRecorder.recorded(), i.e. in
 * publishHeld after otherRecorded.increment() and after the stream offer: a notification listener
 * (on the dispatcher thread, ordered by the queue) always saw the threshold event counted in
 * accounting().recorded() (and in the stream). Now DefaultEventStore.recordBudgetThreshold calls
 * observer.budgetThreshold (JMX queues the notification) before publish(event): the listener can
 * run before the event is counted. The second observer below only stands for the recording thread
 * being preempted right after the JMX observer returned (it waits, bounded, for the listener), so
 * the interleaving is forced and the test deterministic.
 */
class BudgetNotificationOrderTest {

    // Regression (issue 11 review): budget notification is queued before the event is counted/published (DefaultEventStore.recordBudgetThreshold calls observer.budgetThreshold before publish)
    @Test
    void aBudgetNotificationListenerSeesTheThresholdEventRecorded() throws Exception {
        CountDownLatch notified = new CountDownLatch(1);
        AtomicLong recordedAtNotification = new AtomicLong(-1);
        StoreObserver preempted = new StoreObserver() {
            @Override
            public void budgetThreshold(AnalyticsEvent event, BudgetThresholdReached payload) {
                try {
                    notified.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        StoreConfig config = StoreConfig.builder().name(Workload.uniqueName("budget-order")).capacity(100).jmx(true)
                .pricing(TinyPricing.INSTANCE).build();
        DefaultEventStore store = new DefaultEventStore(config,
                s -> StoreObserver.of(StoreMBeans.register(s), preempted));
        try {
            ObjectName on = StoreMBeans.objectName(store).orElseThrow();
            NotificationListener l = (n, hb) -> {
                recordedAtNotification.compareAndSet(-1, store.accounting().recorded());
                notified.countDown();
            };
            ManagementFactory.getPlatformMBeanServer().addNotificationListener(on, l, null, null);
            long before = store.accounting().recorded();
            store.recordBudgetThreshold(50, 1, 2, null);
            assertTrue(notified.await(5, TimeUnit.SECONDS), "notification sent");
            assertEquals(before + 1, recordedAtNotification.get(),
                    "the store counts the threshold event when its notification is delivered");
        } finally {
            store.close();
        }
    }
}
