/**
 * Public subscribers ({@link io.ironcage.analytics.EventStore#subscribe}): a store's
 * {@link io.ironcage.analytics.core.subscribe.Subscribers} hub sits on the store's observer seam
 * ({@link io.ironcage.analytics.core.store.StoreObserver}) like the JFR and JMX exporters, and
 * offers each recorded event to every subscription's bounded queue; each subscription delivers
 * its queue on its own virtual thread. Depends on {@code store} only; the store knows it through
 * {@link io.ironcage.analytics.core.store.SubscriberHub}.
 *
 * <p><b>Recording path.</b> One volatile load of the hub's copy-on-write array of subscriptions
 * (an empty array, so no allocation and no loop body, when nobody subscribed), then per
 * subscription: a volatile read of its closed flag, one lock-free bounded MPSC offer (JCTools,
 * a CAS on the producer index and a release store of the element) and a volatile read of its
 * parked flag; an unpark only when its thread parked since the last one. Subscribing and closing
 * take the hub's lock; recording never does.
 */
package io.ironcage.analytics.core.subscribe;
