package io.ironcage.analytics.core.store;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Undoes a store's registrations outside the library (its JFR listener and periodic hook, its
 * MBean) when the store is garbage-collected without {@code close()}. Nothing holds a store
 * strongly from those places: the JFR observer and the MBean refer to it through a
 * {@link java.lang.ref.WeakReference}, and their cleanup actions refer to neither the store nor
 * anything that holds it.
 *
 * <p>No static set keeps the registrations: a {@link PhantomReference} is only enqueued while it
 * is itself reachable, so the thing to be cleaned holds its own registration: the JFR observer
 * (reachable from Flight Recorder's listener list) and the MBean's registration (reachable from
 * the MBean server). Once that thing is cleaned it drops out of those lists and takes its
 * registration with it.
 *
 * <p>No thread of its own: each registration is a {@link PhantomReference} on one
 * {@link ReferenceQueue}, and the leftovers of collected stores are {@linkplain #expunge()
 * expunged} from activity that happens anyway: each store's creation and close, each JFR
 * periodic callback, and the shared JMX notification thread, which exists only while beans are
 * registered and polls the queue when idle. A store that is closed cleans up at once and leaves
 * nothing behind.
 */
public final class StoreCleaner {
    private static final System.Logger LOG = System.getLogger(StoreCleaner.class.getName());

    // The one queue of the JVM for collected stores: a JVM-wide fact, like the reference handler
    // that fills it (see the ArchUnit allowlist in NoMutableStaticStateTest).
    private static final ReferenceQueue<DefaultEventStore> QUEUE = new ReferenceQueue<>();

    private StoreCleaner() {}

    /**
     * One store's cleanup action; {@link #clean()} runs it at most once: on {@code close()}, or
     * when the collected store's reference is expunged. Whoever creates one must keep it
     * reachable for as long as the cleanup matters (a field of the registered thing).
     */
    public static final class Registration extends PhantomReference<DefaultEventStore> {
        // getAndSet(null) (a volatile read-modify-write) decides the one run of the action.
        private final AtomicReference<Runnable> action;

        private Registration(DefaultEventStore store, Runnable action) {
            super(store, QUEUE);
            this.action = new AtomicReference<>(action);
        }

        /** Runs the action now unless it already ran; idempotent. */
        public void clean() {
            Runnable a = action.getAndSet(null);
            if (a != null) {
                clear();
                a.run();
            }
        }
    }

    /**
     * Runs {@code action} once, after the store is collected (at the next {@link #expunge()}),
     * unless the returned registration is {@linkplain Registration#clean() cleaned} first (which
     * runs it at once).
     *
     * @param store  the store
     * @param action what to undo; must not refer to the store, or it is never collected
     * @return the registration; keep it reachable (it is not enqueued otherwise) and
     *         {@code clean()} it on {@code close()}
     */
    public static Registration register(DefaultEventStore store, Runnable action) {
        return new Registration(store, action);
    }

    /**
     * Runs the actions of every store collected since the last call. Never blocks (a
     * {@link ReferenceQueue#poll()}); an action that throws is logged. Called at each store's
     * creation and close, from each JFR periodic callback and from the JMX notification thread.
     */
    public static void expunge() {
        for (Reference<? extends DefaultEventStore> r; (r = QUEUE.poll()) != null; ) {
            try {
                ((Registration) r).clean();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: cleaning up a collected store failed: " + e, e);
            }
        }
    }
}
