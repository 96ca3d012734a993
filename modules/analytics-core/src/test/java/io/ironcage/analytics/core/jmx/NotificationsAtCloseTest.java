package io.ironcage.analytics.core.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/**
 * Clean shutdown: a budget threshold recorded before {@code close()} must reach a (remote) JMX
 * subscriber. On close the bean's unregistration runs after the notifications it has queued, so
 * they are sent while the bean is still registered.
 */
class NotificationsAtCloseTest {

    /**
     * Two thresholds recorded while the dispatcher is busy with an earlier one, then close():
     * a remote (JConsole-like) subscriber must receive all three.
     */
    @Test
    void thresholdsRecordedBeforeCloseReachARemoteSubscriber() throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        RMIServerSocketFactory loopback = port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                Map.of("jmx.remote.rmi.server.socket.factory", loopback), mbs);
        server.start();
        try (JMXConnector client = JMXConnectorFactory.connect(server.getAddress())) {
            DefaultEventStore store = Workload.store(StoreConfig.builder().name(Workload.uniqueName("close-notif")));
            ObjectName on = StoreMBeans.objectName(store).orElseThrow();
            ConcurrentLinkedQueue<Integer> remote = new ConcurrentLinkedQueue<>();
            NotificationListener remoteListener = (n, hb) ->
                    remote.add((Integer) ((CompositeData) n.getUserData()).get("thresholdPercent"));
            client.getMBeanServerConnection().addNotificationListener(on, remoteListener, null, null);

            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger entered = new AtomicInteger();
            NotificationListener slow = (n, hb) -> {
                if (entered.getAndIncrement() == 0) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            mbs.addNotificationListener(on, slow, null, null);

            store.recordBudgetThreshold(50, 50, 100, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> entered.get() == 1);
            store.recordBudgetThreshold(80, 80, 100, null);
            store.recordBudgetThreshold(90, 90, 100, null);
            store.close();
            release.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> entered.get() == 3);
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> remote.size() == 3);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // fall through to the assertion, which names what arrived
            }
            assertEquals(List.of(50, 80, 90), List.copyOf(remote), "thresholds the remote subscriber received");
        } finally {
            server.stop();
        }
    }
}
