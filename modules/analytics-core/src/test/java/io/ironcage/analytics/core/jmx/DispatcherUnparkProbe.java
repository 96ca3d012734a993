package io.ironcage.analytics.core.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a child JVM by {@link DispatcherThreadStartTest}: a {@link Dispatcher} whose worker
 * is parked, the virtual-thread scheduler's carriers all busy but fewer than its parallelism (as
 * at start-up, or after idle carriers have timed out), then one {@link Dispatcher#execute} on a
 * platform "recording" thread. Prints the carrier threads that appeared during that call.
 */
public final class DispatcherUnparkProbe {
    private static volatile boolean release;

    private DispatcherUnparkProbe() {}

    private static Set<String> carriers(boolean busyOnly) {
        Set<String> s = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ForkJoinPool-") && (!busyOnly || t.getState() == Thread.State.RUNNABLE)) {
                s.add(t.getName());
            }
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        Dispatcher d = new Dispatcher("ironcage-jmx-probe");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (d.worker().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker never parked");
            }
            Thread.onSpinWait();
        }
        // Let the carrier that ran the worker settle into its idle park.
        Thread.sleep(200);
        // Keep every existing carrier busy with a spinner that never yields: once as many spinners
        // run as there are carriers, no carrier is idle, and (below the parallelism) the next
        // submission has to create one.
        int parallelism = Integer.getInteger("jdk.virtualThreadScheduler.parallelism");
        List<Thread> spinners = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        while (running.get() < carriers(false).size() || running.get() == 0) {
            if (System.nanoTime() > deadline || carriers(false).size() >= parallelism) {
                release = true;
                System.out.println("INCONCLUSIVE carriers " + carriers(false) + ", spinners " + running.get());
                return;
            }
            spinners.add(Thread.ofVirtual().start(() -> {
                running.incrementAndGet();
                while (!release) {
                    Thread.onSpinWait();
                }
            }));
            while (running.get() < spinners.size()) {
                Thread.onSpinWait();
            }
            Thread.sleep(50);
        }
        AtomicReference<String> result = new AtomicReference<>();
        Thread recording = Thread.ofPlatform().name("recording-thread").start(() -> {
            Set<String> before = carriers(false);
            d.execute(() -> { });
            Set<String> after = carriers(false);
            after.removeAll(before);
            result.set("carriers before " + before + ", started during execute(): " + after);
        });
        recording.join();
        release = true;
        d.shutdown();
        System.out.println("RESULT " + result.get());
    }
}
