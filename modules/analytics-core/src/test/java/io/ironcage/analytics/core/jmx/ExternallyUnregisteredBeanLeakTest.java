package io.ironcage.analytics.core.jmx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.core.Assembly;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /**
     * Builds a store with JMX on and lets go of it unclosed; returns its bean's Dispatcher (which
     * refers to neither the bean nor the store, so holding it keeps nothing else alive).
     */
    private static Dispatcher unclosedStore(String name, boolean unregisterExternally,
                                            List<WeakReference<DefaultEventStore>> ref) throws Exception {
        DefaultEventStore store = Assembly.newStore(StoreConfig.builder().name(name).capacity(100).jmx(true)
                .pricing(TinyPricing.INSTANCE).build(), false);
        ObjectName on = StoreMBeans.objectName(store).orElseThrow();
        Class<?> registration = Class.forName(StoreMBeans.class.getName() + "$Registration");
        Dispatcher d = (Dispatcher) field(field(store.observer(registration), "bean"), "dispatcher");
        if (unregisterExternally) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        }
        ref.add(new WeakReference<>(store));
        return d;
    }

    private static boolean stopped(Dispatcher d) throws Exception {
        return ((AtomicBoolean) field(d, "stopped")).get();
    }

    private static void awaitReleased(WeakReference<DefaultEventStore> ref, Dispatcher d) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            System.gc();
            // creating and closing a store expunges collected ones (documented cleanup moment)
            Assembly.newStore(StoreConfig.builder().name("rv-seam-expunge").capacity(10).jmx(false)
                    .pricing(TinyPricing.INSTANCE).build(), false).close();
            assertTrue(ref.get() == null, "store collected");
            assertTrue(stopped(d), "the collected store's bean dispatcher is shut down (and released)");
        });
    }

    /** Control: the ordinary path releases the dispatcher (passes). */
    @Test
    void collectedUnclosedStoreReleasesItsDispatcher() throws Exception {
        List<WeakReference<DefaultEventStore>> ref = new ArrayList<>();
        Dispatcher d = unclosedStore(Workload.uniqueName("rv-gc"), false, ref);
        awaitReleased(ref.get(0), d);
    }

    // Regression (issue 11 review): bean unregistered outside close() + store collected unclosed: cleanup never runs, Dispatcher storeUsers stays >0 forever, JMX thread never exits
    @Test
    void externallyUnregisteredBeanOfCollectedStoreReleasesItsDispatcher() throws Exception {
        List<WeakReference<DefaultEventStore>> ref = new ArrayList<>();
        Dispatcher d = unclosedStore(Workload.uniqueName("rv-ext"), true, ref);
        try {
            awaitReleased(ref.get(0), d);
        } finally {
            d.shutdown(); // undo the leak so that later test classes of this JVM (NoLeftoverThreadTest) are not affected
        }
    }
}
