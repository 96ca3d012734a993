package io.ironcage.analytics.core.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.Assembly;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 removed StoreCleaner's static TRACKED set: a store bean's phantom reference is now
 * reachable only through the bean, which the MBean server holds. A bean that leaves the MBean
 * server by any other way than the store's close() (a JMX client or a container calling
 * unregisterMBean, as StoreMBeansTest itself does) takes the phantom reference with it: when the
 * store is later collected unclosed, the reference is never enqueued, the cleanup never runs, and
 * the bean's Dispatcher is never released. Dispatcher.users/storeUsers stay positive forever, so
 * the shared daemon thread "ironcage-jmx-notifications" never ends and keeps waking every second.
 * Before issue 11 the TRACKED set kept the reference reachable and the cleanup ran.
 */
class ExternallyUnregisteredBeanLeakTest {

    private static int storeUsers() throws Exception {
        Field f = Dispatcher.class.getDeclaredField("storeUsers");
        f.setAccessible(true);
        synchronized (lock()) {
            return f.getInt(null);
        }
    }

    private static Object lock() throws Exception {
        Field f = Dispatcher.class.getDeclaredField("LOCK");
        f.setAccessible(true);
        return f.get(null);
    }

    private static WeakReference<DefaultEventStore> unclosedStore(String name, boolean unregisterExternally)
            throws Exception {
        DefaultEventStore store = Assembly.newStore(StoreConfig.builder().name(name).capacity(100).jmx(true)
                .pricing(TinyPricing.INSTANCE).build(), false);
        ObjectName on = StoreMBeans.objectName(store).orElseThrow();
        if (unregisterExternally) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        }
        return new WeakReference<>(store);
    }

    private static void awaitReleased(WeakReference<DefaultEventStore> ref, int before) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            System.gc();
            // creating and closing a store expunges collected ones (documented cleanup moment)
            Assembly.newStore(StoreConfig.builder().name("rv-seam-expunge").capacity(10)
                    .pricing(TinyPricing.INSTANCE).build(), false).close();
            assertTrue(ref.get() == null, "store collected");
            assertEquals(before, storeUsers(), "the collected store's dispatcher is released");
        });
    }

    /** Control: the ordinary path releases the dispatcher (passes). */
    @Test
    void collectedUnclosedStoreReleasesItsDispatcher() throws Exception {
        int before = storeUsers();
        WeakReference<DefaultEventStore> ref = unclosedStore(Workload.uniqueName("rv-gc"), false);
        assertEquals(before + 1, storeUsers());
        awaitReleased(ref, before);
    }

    // DEFECT: bean unregistered outside close() + store collected unclosed: cleanup never runs, Dispatcher storeUsers stays >0 forever, JMX thread never exits
    @Test
    void externallyUnregisteredBeanOfCollectedStoreReleasesItsDispatcher() throws Exception {
        int before = storeUsers();
        WeakReference<DefaultEventStore> ref = unclosedStore(Workload.uniqueName("rv-ext"), true);
        assertEquals(before + 1, storeUsers());
        awaitReleased(ref, before);
    }
}
