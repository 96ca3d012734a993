package io.ironcage.analytics.core.store;

import io.ironcage.analytics.EventListener;
import io.ironcage.analytics.Subscription;

/**
 * The part of a store's {@link StoreObserver} that makes public subscriptions: how
 * {@link DefaultEventStore#subscribe} reaches the subscriber package without knowing it (the
 * store starts no thread). The composition root attaches one to every store; the store finds it
 * with {@link StoreObserver#find}.
 */
public interface SubscriberHub {

    /**
     * Subscribes a listener. Arguments are validated by the store.
     *
     * @param listener      the listener, not null
     * @param queueCapacity the queue's capacity, validated
     * @return the running subscription
     * @throws IllegalStateException if the store was closed (the message names the store)
     */
    Subscription subscribe(EventListener listener, int queueCapacity);
}
