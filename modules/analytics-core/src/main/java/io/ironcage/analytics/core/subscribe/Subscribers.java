package io.ironcage.analytics.core.subscribe;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.EventListener;
import io.ironcage.analytics.Subscription;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.StoreCleaner;
import io.ironcage.analytics.core.store.StoreObserver;
import io.ironcage.analytics.core.store.SubscriberHub;
import java.util.Arrays;
import java.util.Objects;

/**
 * A store's subscriptions: the observer that offers every recorded event to each of them, and
 * closes them all when the store closes (or is collected unclosed). One per store, attached by
 * the composition root; the store reaches it as a {@link SubscriberHub}.
 */
public final class Subscribers implements StoreObserver, SubscriberHub {

    private final String storeName;
    // Copy-on-write: replaced (under the lock) by subscribe and remove, read by the recording path
    // with one volatile load. Volatile publication makes each array and the subscriptions in it,
    // fully built, visible to every recorder that reads it.
    private volatile QueueSubscription[] subscriptions = new QueueSubscription[0];
    private boolean closed; // guarded by this
    private int started; // guarded by this: numbers the subscription threads
    // Closes the subscriptions if the store is collected without close(): reachable from each
    // live subscription (its thread holds it, it holds this hub), so it is enqueued exactly when
    // there is something to stop. Its action refers to this hub, never to the store.
    private final StoreCleaner.Registration cleanup;

    private Subscribers(DefaultEventStore store) {
        this.storeName = store.name();
        this.cleanup = StoreCleaner.register(store, this::closeAll);
    }

    /**
     * The hub of a store (the composition root calls this once per store).
     *
     * @param store the store
     * @return its hub, to attach as one of its observers
     */
    public static Subscribers attach(DefaultEventStore store) {
        return new Subscribers(Objects.requireNonNull(store, "store"));
    }

    @Override
    public void recorded(AnalyticsEvent event) {
        for (QueueSubscription s : subscriptions) {
            s.offer(event);
        }
    }

    @Override
    public void closed() {
        cleanup.clean(); // runs closeAll once
    }

    @Override
    public Subscription subscribe(EventListener listener, int queueCapacity) {
        QueueSubscription s;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("analytics store \"" + storeName + "\" is closed: cannot subscribe");
            }
            String thread = "ironcage-subscriber-" + storeName + "-" + (++started);
            s = new QueueSubscription(this, listener, queueCapacity, thread);
            QueueSubscription[] old = subscriptions;
            QueueSubscription[] now = Arrays.copyOf(old, old.length + 1);
            now[old.length] = s;
            subscriptions = now;
        }
        s.start();
        return s;
    }

    /** Takes a subscription off the recording path (its close, or its thread's end). */
    synchronized void remove(QueueSubscription s) {
        QueueSubscription[] old = subscriptions;
        int i = Arrays.asList(old).indexOf(s);
        if (i < 0) {
            return;
        }
        QueueSubscription[] now = new QueueSubscription[old.length - 1];
        System.arraycopy(old, 0, now, 0, i);
        System.arraycopy(old, i + 1, now, i, old.length - i - 1);
        subscriptions = now;
    }

    private void closeAll() {
        QueueSubscription[] all;
        synchronized (this) {
            closed = true;
            all = subscriptions;
        }
        for (QueueSubscription s : all) {
            s.close();
        }
    }

    /** @return the store's name, for the subscriptions' log messages */
    String storeName() {
        return storeName;
    }

    /** @return the live subscriptions now (tests) */
    int size() {
        return subscriptions.length;
    }
}
