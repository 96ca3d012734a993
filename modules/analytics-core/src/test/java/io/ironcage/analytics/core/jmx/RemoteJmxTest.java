package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.Assembly;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.EventAccounting;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.ActorSyncClient;
import io.ironcage.analytics.core.sync.SyncStatus;
import io.ironcage.analytics.core.sync.SyncObserver;
import io.ironcage.analytics.core.sync.SyncTuning;
import io.ironcage.analytics.management.EventStoreMXBean;
import io.ironcage.analytics.management.ManagementNames;
import io.ironcage.analytics.management.SyncMXBean;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.rmi.server.RMIServerSocketFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The beans as JConsole sees them: through a real RMI connector on a loopback port, with a client
 * from {@link JMXConnectorFactory}, reading open data (no library classes needed on the client
 * side) and, separately, through an MXBean proxy.
 */
class RemoteJmxTest {
    private static JMXConnectorServer server;
    private static JMXConnector client;
    private static MBeanServerConnection conn;

    @BeforeAll
    static void startConnector() throws IOException {
        // The RMI stub must name the loopback address, whatever this host calls itself.
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        RMIServerSocketFactory loopback = port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        // "jmx.remote.rmi.server.socket.factory" is RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE
        // (module java.management.rmi, which this module does not read).
        Map<String, Object> env = Map.of("jmx.remote.rmi.server.socket.factory", loopback);
        server = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                env, ManagementFactory.getPlatformMBeanServer());
        server.start();
        client = JMXConnectorFactory.connect(server.getAddress());
        conn = client.getMBeanServerConnection();
    }

    @AfterAll
    static void stopConnector() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyStoreAttributeMatchesTheStoreAtRest() throws Exception {
        String name = Workload.uniqueName("remote");
        try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name).capacity(5))) {
            // 7 events into a buffer of 5: the budget event evicts router-started, router-stopped
            // evicts the budget event; nothing dropped
            Workload.record(store);
            store.markSynced(List.of(store.snapshotEvents().get(0).eventId()));
            ObjectName on = new ObjectName(ManagementNames.DOMAIN + ":type=EventStore,name=" + name);
            assertTrue(conn.isRegistered(on), on + " not registered");

            ComputedStats s = store.stats();
            EventAccounting a = store.accounting();
            Map<String, Object> expected = new HashMap<>();
            expected.put("Name", name);
            expected.put("PricingRevision", TinyPricing.REVISION);
            expected.put("TotalRequests", s.totalRequests());
            expected.put("FailedRequests", s.failedRequests());
            expected.put("SuccessRate", s.successRate());
            expected.put("TotalInputTokens", s.totalInputTokens());
            expected.put("TotalOutputTokens", s.totalOutputTokens());
            expected.put("TotalTokens", s.totalTokens());
            expected.put("TotalCostMicros", s.totalCostMicros());
            expected.put("TotalCostUsd", s.totalCostUsd());
            expected.put("UnpricedRequests", s.unpricedRequests());
            expected.put("BufferSize", store.size());
            expected.put("BufferCapacity", store.capacity());
            expected.put("DroppedCount", store.droppedCount());
            expected.put("StreamDroppedCount", store.streamDroppedCount());
            expected.put("UnsyncedCount", store.unsyncedCount());
            expected.put("Accounting", OpenData.items(a));
            expected.put("ByModel", OpenData.rows(s.byModel()));
            expected.put("ByProvider", OpenData.rows(s.byProvider()));
            expected.put("ByAgent", OpenData.rows(s.byAgent()));

            String[] names = Arrays.stream(conn.getMBeanInfo(on).getAttributes()).map(MBeanAttributeInfo::getName)
                    .toArray(String[]::new);
            assertEquals(expected.keySet(), Set.of(names), "attributes the test checks vs. those the bean has");
            Map<String, Object> actual = conn.getAttributes(on, names).asList().stream()
                    .collect(Collectors.toMap(Attribute::getName, at -> open(at.getValue())));
            assertEquals(expected, actual);

            // The figures themselves, so the comparison above is not vacuous.
            assertEquals(4L, actual.get("TotalRequests"));
            assertEquals(1L, actual.get("FailedRequests"));
            assertEquals(1L, actual.get("UnpricedRequests"));
            assertEquals(TinyPricing.cost(TinyPricing.MODEL_A, 1_000, 200)
                    + TinyPricing.cost(TinyPricing.MODEL_B, 500, 100), actual.get("TotalCostMicros"));
            assertEquals(0L, actual.get("DroppedCount"));
            assertEquals(2L, OpenData.items(a).get("evictedLocal"));
            assertEquals(4, actual.get("BufferSize"));
            assertEquals(7L, OpenData.items(a).get("recorded"));
        }
    }

    @Test
    void aTableReadsAsRowsAndTheProxyRebuildsRecords() throws Exception {
        String name = Workload.uniqueName("table");
        try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name))) {
            Workload.record(store);
            ObjectName on = StoreMBeans.objectName(store).orElseThrow();

            TabularData table = (TabularData) conn.getAttribute(on, "ByModel");
            Map<String, Map<String, Object>> rows = OpenData.rows(table);
            assertEquals(Set.of(TinyPricing.MODEL_A, TinyPricing.MODEL_B, TinyPricing.UNPRICED), rows.keySet());
            Map<String, Object> a = rows.get(TinyPricing.MODEL_A);
            assertEquals(2L, a.get("requestCount"));
            assertEquals(1L, a.get("failedCount"));
            assertEquals(1_000L, a.get("inputTokens"));
            assertEquals(TinyPricing.cost(TinyPricing.MODEL_A, 1_000, 200), a.get("costMicros"));
            assertEquals(1L, rows.get(TinyPricing.UNPRICED).get("unpricedCount"));
            assertEquals(Set.of("openai", "anthropic", "unknown"), OpenData.rows(
                    (TabularData) conn.getAttribute(on, "ByProvider")).keySet());
            assertEquals(Set.of("agent-1", "agent-2"), OpenData.rows(
                    (TabularData) conn.getAttribute(on, "ByAgent")).keySet());

            EventStoreMXBean proxy = JMX.newMXBeanProxy(conn, on, EventStoreMXBean.class, true);
            assertEquals(rows(store.stats().byModel()), proxy.getByModel());
            assertEquals(rows(store.stats().byAgent()), proxy.getByAgent());
            assertEquals(store.accounting(), proxy.getAccounting());
            assertEquals(store.stats().totalCostMicros(), proxy.getTotalCostMicros());
        }
    }

    @Test
    void aBudgetThresholdArrivesAsANotification() throws Exception {
        String name = Workload.uniqueName("budget");
        try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name))) {
            ObjectName on = StoreMBeans.objectName(store).orElseThrow();
            ConcurrentLinkedQueue<Notification> received = new ConcurrentLinkedQueue<>();
            NotificationListener listener = (n, handback) -> received.add(n);
            conn.addNotificationListener(on, listener, null, null);

            store.recordBudgetThreshold(90, 9_000_000, 10_000_000, "agent-7");

            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            Notification n = received.peek();
            assertEquals(ManagementNames.BUDGET_THRESHOLD_NOTIFICATION, n.getType());
            assertEquals(on, n.getSource());
            assertTrue(n.getMessage().contains("90%") && n.getMessage().contains(name), n.getMessage());
            Map<String, Object> data = OpenData.items((CompositeData) n.getUserData());
            assertEquals(90, data.get("thresholdPercent"));
            assertEquals(9_000_000L, data.get("currentSpendMicros"));
            assertEquals(10_000_000L, data.get("budgetMicros"));
            assertEquals("agent-7", data.get("agentId"));
            assertEquals(store.snapshotEvents().get(0).eventId().value().toString(), data.get("eventId"));
            conn.removeNotificationListener(on, listener);
        }
        assertFalse(conn.isRegistered(new ObjectName(ManagementNames.DOMAIN + ":type=EventStore,name=" + name)),
                "close() must unregister the bean");
    }

    /**
     * A real sync client against a loopback Control API: the Sync bean's attributes, a
     * {@code syncNow} invoked remotely, and the State notifications of a failure and recovery.
     */
    @Test
    void syncBeanOfARunningClient() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = (status.get() == 202 ? "{\"status\":\"accepted\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        String name = Workload.uniqueName("sync");
        try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name))) {
            AtomicReference<ActorSyncClient> client = new AtomicReference<>();
            SyncConfig config = SyncConfig.of("http://127.0.0.1:" + api.getAddress().getPort(), "ic_test-token")
                    .withInterval(Duration.ofHours(1)).withBatchThreshold(1_000).withTimeout(Duration.ofSeconds(5))
                    .withShutdownTimeout(Duration.ofSeconds(5));
            client.set((ActorSyncClient) Assembly.newSyncClient(store, config,
                    SyncTuning.DEFAULTS.withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)), SyncObserver.NONE));
            ObjectName on = new ObjectName(ManagementNames.DOMAIN + ":type=Sync,name=" + name);
            assertFalse(conn.isRegistered(on), "no Sync bean before the client starts");
            // Starting the client registers its Sync bean beside the store's, by itself.
            SyncHandle handle = client.get().start();
            assertTrue(conn.isRegistered(on), "the running client's Sync bean is registered");

            ConcurrentLinkedQueue<AttributeChangeNotification> states = new ConcurrentLinkedQueue<>();
            conn.addNotificationListener(on, (n, hb) -> states.add((AttributeChangeNotification) n), null, null);
            SyncMXBean proxy = JMX.newMXBeanProxy(conn, on, SyncMXBean.class, true);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(proxy.getState()));
                store.recordLlmCompleted(TinyPricing.MODEL_A, 10, 10, null, null);
                store.recordLlmCompleted(TinyPricing.MODEL_B, 10, 10, null, null);

                conn.invoke(on, "syncNow", null, null); // returns at once; the server answers 503
                await().atMost(Duration.ofSeconds(10)).until(() -> states.stream()
                        .anyMatch(n -> "BACKING_OFF".equals(n.getNewValue())));
                AttributeChangeNotification failed = states.stream()
                        .filter(n -> "BACKING_OFF".equals(n.getNewValue())).findFirst().orElseThrow();
                assertEquals(ManagementNames.SYNC_STATE_NOTIFICATION, failed.getType());
                assertEquals("State", failed.getAttributeName());
                assertEquals("RUNNING", failed.getOldValue());
                assertTrue(failed.getMessage().contains(name), failed.getMessage());

                status.set(202);
                await().atMost(Duration.ofSeconds(10)).until(() -> (Long) conn.getAttribute(on, "Delivered") == 2);
                await().atMost(Duration.ofSeconds(10)).until(() -> states.stream()
                        .anyMatch(n -> "RUNNING".equals(n.getNewValue())));
                await().atMost(Duration.ofSeconds(10)).until(() -> proxy.getInFlight() == 0);

                // At rest, every attribute equals the client's status.
                SyncStatus st = client.get().status();
                Map<String, Object> expected = new HashMap<>();
                expected.put("StoreName", name);
                expected.put("State", st.state().name());
                expected.put("Delivered", st.delivered());
                expected.put("Duplicates", st.duplicates());
                expected.put("Rejected", st.rejected());
                expected.put("LastRejectionReason", "");
                expected.put("Retries", st.retries());
                expected.put("InFlight", st.inFlight());
                expected.put("Retrying", st.retrying());
                expected.put("Backlog", st.backlog());
                expected.put("PausedTokens", st.pausedTokens());
                expected.put("ConsecutiveFailures", st.consecutiveFailures());
                expected.put("LastError", st.lastError() == null ? "" : st.lastError());
                expected.put("LastSuccessEpochMillis", st.lastSuccess().toEpochMilli());
                expected.put("LastSuccess", st.lastSuccess().toString());
                expected.put("NextAttemptEpochMillis", st.nextAttempt() == null ? 0L : st.nextAttempt().toEpochMilli());
                expected.put("NextAttempt", st.nextAttempt() == null ? "" : st.nextAttempt().toString());
                String[] names = Arrays.stream(conn.getMBeanInfo(on).getAttributes())
                        .map(MBeanAttributeInfo::getName).toArray(String[]::new);
                assertEquals(expected.keySet(), Set.of(names));
                Map<String, Object> actual = conn.getAttributes(on, names).asList().stream()
                        .collect(Collectors.toMap(Attribute::getName, Attribute::getValue));
                assertEquals(expected, actual);
                assertEquals("RUNNING", actual.get("State"));
                assertEquals(2L, actual.get("Delivered"));
                assertTrue((Long) actual.get("Retries") >= 1, "the 503s were retried: " + actual);
                assertEquals(2L, store.accounting().delivered());
            } finally {
                handle.close();
            }
            assertFalse(conn.isRegistered(on), "the Sync bean goes when its client stops");
        } finally {
            api.stop(0);
        }
    }

    /** Open data as plain maps, so that it compares with the expected values. */
    private static Object open(Object value) {
        if (value instanceof TabularData t) {
            return OpenData.rows(t);
        }
        if (value instanceof CompositeData c) {
            return OpenData.items(c);
        }
        assertFalse(value instanceof Object[] || value == null, "unexpected attribute value " + value);
        return value;
    }

    @Test
    void attributesAreOpenTypesOnly() throws Exception {
        String name = Workload.uniqueName("open");
        try (DefaultEventStore store = Workload.store(StoreConfig.builder().name(name))) {
            ObjectName on = StoreMBeans.objectName(store).orElseThrow();
            for (MBeanAttributeInfo info : conn.getMBeanInfo(on).getAttributes()) {
                assertTrue(info.isReadable() && !info.isWritable(), info.getName() + " must be read-only");
                assertInstanceOf(javax.management.openmbean.OpenType.class, info.getDescriptor().getFieldValue("openType"),
                        info.getName() + " must have an open type");
            }
            assertEquals(0, conn.getMBeanInfo(on).getOperations().length, "the store bean has no operations");
        }
    }

    /** A stats table as the MXBean shows it (issue 12: one flattened ModelStatsRow per key). */
    private static Map<String, io.ironcage.analytics.management.ModelStatsRow> rows(
            Map<String, io.ironcage.analytics.ModelStats> stats) {
        Map<String, io.ironcage.analytics.management.ModelStatsRow> out = new java.util.TreeMap<>();
        stats.forEach((k, v) -> out.put(k, io.ironcage.analytics.management.ModelStatsRow.of(v)));
        return out;
    }
}
