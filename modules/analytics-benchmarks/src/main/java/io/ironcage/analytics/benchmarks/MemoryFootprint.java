package io.ironcage.analytics.benchmarks;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventStore;
import io.ironcage.analytics.StoreConfig;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained memory of a full 10,000-event buffer, two ways:
 * <ol>
 *   <li>JOL: {@code GraphLayout.parseInstance(store).totalSize()} of an empty and of a full store,
 *       both without the price table they share (it is a JVM-wide singleton);</li>
 *   <li>heap used after a full GC, before and after filling one more store.</li>
 * </ol>
 * The events are realistic: the benchmark workload's 24 priced models, 4 agents, one provider key
 * per provider, all constant strings shared between events as an application's are. Run with
 * {@code scripts/bench --memory}, or
 * {@code java -cp modules/analytics-benchmarks/target/benchmarks.jar io.ironcage.analytics.benchmarks.MemoryFootprint}.
 */
public final class MemoryFootprint {
    /** Events in the full buffer (the default capacity). */
    static final int EVENTS = 10_000;
    /** The original Rust crate's resident size for a full 10,000-event buffer, bytes. */
    static final long RUST_BYTES = 2_200_000;

    private MemoryFootprint() {}

    /**
     * Prints the measurements.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while letting the GC settle
     */
    public static void main(String[] args) throws InterruptedException {
        PricingCatalog pricing = Analytics.embeddedPricing();
        Workload.requirePriced(pricing, Workload.MODELS);
        EventStore empty = newStore("footprint-empty");
        EventStore full = newStore("footprint-full");
        fill(full);

        // Sizes are subtracted as numbers, not with GraphLayout.subtract: that matches objects by
        // address, and a GC between two parses moves them. The table is reachable from both stores.
        long table = GraphLayout.parseInstance(pricing).totalSize();
        long e = GraphLayout.parseInstance(empty).totalSize() - table;
        long f = GraphLayout.parseInstance(full).totalSize() - table;
        List<AnalyticsEvent> events = full.snapshotEvents();
        // parseInstance(Object...) takes the events themselves as roots: no list or array counted.
        GraphLayout eventsLayout = GraphLayout.parseInstance(events.toArray());
        long eventsOnly = eventsLayout.totalSize();

        System.out.printf(Locale.ROOT, "JVM: %s %s, %s%n", System.getProperty("java.vm.name"),
                Runtime.version(), System.getProperty("java.vm.info"));
        System.out.printf(Locale.ROOT, "events buffered: %,d (capacity %,d)%n", full.size(), full.capacity());
        System.out.printf(Locale.ROOT, "JOL the embedded price table, shared by every store (not counted below): %,d bytes%n", table);
        System.out.printf(Locale.ROOT, "JOL empty store: %,d bytes%n", e);
        System.out.printf(Locale.ROOT, "JOL full store:  %,d bytes%n", f);
        System.out.printf(Locale.ROOT, "JOL full - empty: %,d bytes = %.1f bytes per buffered event%n",
                f - e, (f - e) / (double) EVENTS);
        System.out.printf(Locale.ROOT, "JOL the events alone (reachable from them, shared strings included): %,d bytes = %.1f per event%n",
                eventsOnly, eventsOnly / (double) EVENTS);
        System.out.printf(Locale.ROOT, "full store vs Rust %,d bytes: %.2fx (%.0f%% less)%n", RUST_BYTES,
                f / (double) RUST_BYTES, 100.0 * (1 - f / (double) RUST_BYTES));
        System.out.println();
        System.out.println("What the buffered events hold, by class:");
        String footprint = eventsLayout.toFootprint(); // starts with the 10,000 roots: skip them
        System.out.print(footprint.substring(Math.max(0, footprint.indexOf("footprint:"))));

        long heapDelta = heapDelta();
        System.out.println();
        System.out.printf(Locale.ROOT, "heap after GC, one more full store: %,d bytes = %.1f bytes per event%n",
                heapDelta, heapDelta / (double) EVENTS);
        empty.close();
        full.close();
    }

    private static EventStore newStore(String name) {
        // No JMX: the platform MBean server would link every store to every other in the graph.
        return Analytics.newStore(StoreConfig.builder().name(name).capacity(EVENTS).jmx(false).build());
    }

    private static void fill(EventStore store) {
        Workload w = Workload.over(Workload.MODELS, 11);
        for (int i = 0; i < EVENTS; i++) {
            w.record(store, i & Workload.MASK);
        }
        if (store.size() != EVENTS || store.droppedCount() != 0) {
            throw new IllegalStateException("store not full: " + store);
        }
    }

    /** Heap used after GC with one more full store alive, minus without it (median of 5). */
    private static long heapDelta() throws InterruptedException {
        long[] d = new long[5];
        for (int i = 0; i < d.length; i++) {
            long before = usedAfterGc();
            EventStore s = newStore("footprint-heap-" + i);
            fill(s);
            long after = usedAfterGc();
            d[i] = after - before;
            if (s.size() != EVENTS) { // keeps s reachable until after the second measurement
                throw new IllegalStateException("store lost events");
            }
            s.close();
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
