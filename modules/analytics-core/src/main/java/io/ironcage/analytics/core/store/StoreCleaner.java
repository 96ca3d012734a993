package io.ironcage.analytics.core.store;

import java.lang.ref.Cleaner;

/**
 * Undoes a store's static registrations (its JFR periodic hook, its MBean) when the store is
 * garbage-collected without {@code close()}. Nothing static holds a store strongly: the JFR state
 * and the MBean refer to it through a {@link java.lang.ref.WeakReference}, and their cleanup
 * actions refer to neither the store nor anything that holds it.
 *
 * <p>One {@link Cleaner} per JVM, created with the first store: one daemon platform thread,
 * {@value #THREAD_NAME}, blocked on its reference queue (a platform thread because the queue wait
 * would pin a virtual thread's carrier on JDK 21). A store that is closed cleans up at once and
 * leaves nothing for it to do.
 */
public final class StoreCleaner {
    /** The cleaner thread's name. */
    public static final String THREAD_NAME = "ironcage-store-cleaner";

    private StoreCleaner() {}

    private static final class Holder {
        static final Cleaner CLEANER = Cleaner.create(r -> Thread.ofPlatform().daemon().name(THREAD_NAME).unstarted(r));
    }

    /**
     * Runs {@code action} once, when the store becomes phantom reachable, unless the returned
     * cleanable is {@linkplain Cleaner.Cleanable#clean() cleaned} first (which runs it at once).
     *
     * @param store  the store
     * @param action what to undo; must not refer to the store, or it is never collected
     * @return the cleanable; {@code clean()} it on {@code close()}
     */
    public static Cleaner.Cleanable register(DefaultEventStore store, Runnable action) {
        return Holder.CLEANER.register(store, action);
    }
}
