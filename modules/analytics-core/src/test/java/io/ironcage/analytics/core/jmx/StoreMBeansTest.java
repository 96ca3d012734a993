package io.ironcage.analytics.core.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.SyncState;
import io.ironcage.analytics.core.sync.SyncStatus;
import io.ironcage.analytics.management.ManagementNames;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** Registration rules, names, and the isolation of recording from slow listeners (platform server, in process). */
class StoreMBeansTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private static ObjectName name(String type, String value) throws Exception {
        return new ObjectName(ManagementNames.DOMAIN + ":type=" + type + ",name=" + value);
    }

    private static DefaultEventStore store(String name) {
        return Workload.store(StoreConfig.builder().name(name));
    }

    @Test
    void aTakenNameGetsASuffixAndTheSyncBeanFollowsIt() throws Exception {
        String n = Workload.uniqueName("clash");
        ObjectName first = name("EventStore", n);
        ObjectName second = name("EventStore", n + "-2");
        ObjectName third = name("EventStore", n + "-3");
        DefaultEventStore a = store(n);
        DefaultEventStore b = store(n);
        DefaultEventStore c = store(n);
        try {
            assertEquals(first, StoreMBeans.objectName(a).orElseThrow());
            assertEquals(second, StoreMBeans.objectName(b).orElseThrow());
            assertEquals(third, StoreMBeans.objectName(c).orElseThrow());
            assertEquals(n, server.getAttribute(second, "Name"), "the Name attribute is the configured name");

            try (SyncMBeans.Registration sync = SyncMBeans.register(b, () -> SyncStatus.stopped(b.size()), () -> { });
                 SyncMBeans.Registration again = SyncMBeans.register(b, () -> SyncStatus.stopped(b.size()), () -> { })) {
                assertEquals(name("Sync", n + "-2"), sync.objectName().orElseThrow());
                assertEquals(name("Sync", n + "-2-2"), again.objectName().orElseThrow());
                assertEquals("STOPPED", server.getAttribute(sync.objectName().orElseThrow(), "State"));
                assertEquals(n, server.getAttribute(sync.objectName().orElseThrow(), "StoreName"));
            }
            assertFalse(server.isRegistered(name("Sync", n + "-2")), "closing the registration unregisters it");
            b.close();
            assertFalse(server.isRegistered(second));
            assertTrue(server.isRegistered(first) && server.isRegistered(third));
        } finally {
            a.close();
            b.close();
            c.close();
        }
        assertEquals(0, server.queryNames(new ObjectName(ManagementNames.DOMAIN + ":name=" + n + "*,*"), null).size());
    }

    @Test
    void aNameWithSpecialCharactersIsQuoted() throws Exception {
        String n = Workload.uniqueName("a,b=c:d\"e*f?g\\h");
        try (DefaultEventStore s = store(n)) {
            ObjectName on = StoreMBeans.objectName(s).orElseThrow();
            assertFalse(on.isPattern(), on.toString());
            assertEquals(n, ObjectName.unquote(on.getKeyProperty("name")));
            assertEquals("EventStore", on.getKeyProperty("type"));
            assertEquals(n, server.getAttribute(on, "Name"));
            try (SyncMBeans.Registration sync = SyncMBeans.register(s, () -> SyncStatus.stopped(0), () -> { })) {
                assertEquals(n, ObjectName.unquote(sync.objectName().orElseThrow().getKeyProperty("name")));
            }
        }
        String plain = Workload.uniqueName("plain name with spaces.and-dots");
        try (DefaultEventStore s = store(plain)) {
            assertEquals(plain, StoreMBeans.objectName(s).orElseThrow().getKeyProperty("name"), "quoted only when needed");
        }
    }

    @Test
    void jmxOffRegistersNothing() throws Exception {
        String n = Workload.uniqueName("nojmx");
        try (DefaultEventStore s = Workload.store(StoreConfig.builder().name(n).jmx(false))) {
            assertTrue(StoreMBeans.objectName(s).isEmpty());
            assertFalse(server.isRegistered(name("EventStore", n)));
            try (SyncMBeans.Registration sync = SyncMBeans.register(s, () -> SyncStatus.stopped(0), () -> { })) {
                assertTrue(sync.objectName().isEmpty());
                assertDoesNotThrow(() -> sync.stateChanged(SyncState.RUNNING, SyncState.STOPPED, "stopped"));
            }
            assertDoesNotThrow(() -> s.recordBudgetThreshold(50, 1, 2, null));
        }
    }

    @Test
    void closeIsIdempotentAndUnregisters() throws Exception {
        String n = Workload.uniqueName("close");
        DefaultEventStore s = store(n);
        ObjectName on = StoreMBeans.objectName(s).orElseThrow();
        assertTrue(server.isRegistered(on));
        s.close();
        assertFalse(server.isRegistered(on));
        assertTrue(StoreMBeans.objectName(s).isEmpty());
        assertDoesNotThrow(s::close);
        // A bean someone else unregistered first: closing is still quiet.
        DefaultEventStore t = store(n);
        server.unregisterMBean(StoreMBeans.objectName(t).orElseThrow());
        assertDoesNotThrow(t::close);
    }

    @Test
    void theBeanAdvertisesItsNotification() throws Exception {
        try (DefaultEventStore s = store(Workload.uniqueName("info"))) {
            MBeanNotificationInfo[] infos = server.getMBeanInfo(StoreMBeans.objectName(s).orElseThrow()).getNotifications();
            assertEquals(List.of(ManagementNames.BUDGET_THRESHOLD_NOTIFICATION),
                    Arrays.stream(infos).flatMap(i -> Arrays.stream(i.getNotifTypes())).toList());
        }
    }

    /**
     * A listener that blocks must not block the recording thread: recording goes on at full
     * speed while the listener is stuck, and the notifications it missed arrive, in order, once
     * it is released.
     */
    @Test
    void aSlowListenerNeverSlowsRecording() throws Exception {
        try (DefaultEventStore s = store(Workload.uniqueName("slow"))) {
            ObjectName on = StoreMBeans.objectName(s).orElseThrow();
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger entered = new AtomicInteger();
            ConcurrentLinkedQueue<Notification> received = new ConcurrentLinkedQueue<>();
            NotificationListener slow = (n, hb) -> {
                entered.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(n);
            };
            server.addNotificationListener(on, slow, null, null);
            try {
                s.recordBudgetThreshold(1, 1, 100, null);
                await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1); // the listener is stuck now

                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    for (int p = 2; p <= 100; p++) {
                        s.recordBudgetThreshold(p, p, 100, "agent-" + p);
                    }
                }, "recording waited for a blocked JMX listener");
                assertEquals(1, entered.get(), "the other notifications wait for the listener, not the recorder");
                assertEquals(100, s.size());

                release.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 100);
                int expected = 1;
                long lastSeq = 0;
                for (Notification n : received) {
                    assertEquals(expected++, ((CompositeData) n.getUserData()).get("thresholdPercent"));
                    assertTrue(n.getSequenceNumber() > lastSeq);
                    lastSeq = n.getSequenceNumber();
                }
            } finally {
                release.countDown();
                server.removeNotificationListener(on, slow);
            }
        }
    }
}
