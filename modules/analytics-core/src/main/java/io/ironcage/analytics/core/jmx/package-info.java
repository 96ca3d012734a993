/**
 * JMX: the store's and the sync client's MXBeans (interfaces in the API package
 * {@code io.ironcage.analytics.management}) in the platform MBean server.
 *
 * <p>Design notes:
 * <ul>
 *   <li><b>Registration never fails the caller.</b> {@link io.ironcage.analytics.core.jmx.StoreMBeans#register}
 *   and {@link io.ironcage.analytics.core.jmx.SyncMBeans#register} log (one line, through
 *   {@link java.lang.System.Logger}) and carry on when the server refuses a bean. A taken name
 *   gets a suffix {@code -2}, {@code -3}, ...; the Sync bean takes the name its store's bean got.
 *   Names with characters an object name cannot hold unquoted are quoted.</li>
 *   <li><b>Reads are live.</b> Each getter reads the store's counters when JMX asks: no cache, no
 *   thread, nothing to keep in step. A composite attribute (a table, the accounting) is one
 *   snapshot.</li>
 *   <li><b>Notifications are sent off the recording thread.</b> A JMX listener runs in whatever
 *   thread sends the notification, and listeners are written by others: a JConsole connection on a
 *   slow network, a logging listener that takes a lock. The recording path therefore only hands
 *   the raw event to the bean's dispatcher (a lock-free queue offer and an unpark of a platform
 *   thread; no thread start, no lock, no scheduler submission) and returns. One daemon platform
 *   thread, {@code ironcage-jmx-notifications}, shared by every bean, started when the first bean
 *   is registered and ending when the last one is unregistered, builds the notifications and
 *   calls the listeners, each bean's in order; a listener's exception or {@code Error} is logged
 *   and the next notification is sent. A stuck listener delays later notifications, never a
 *   recording. On close, a bean is unregistered after the notifications it queued were sent.
 *   While idle, that thread also cleans up after stores collected without {@code close()}
 *   ({@link io.ironcage.analytics.core.store.StoreCleaner}); no other thread is started for it.</li>
 *   <li><b>Budget thresholds</b> reach the bean through the store's observer seam
 *   ({@link io.ironcage.analytics.core.store.StoreObserver#budgetThreshold}), which the store
 *   calls for threshold events only: no type check per event. The observer is
 *   {@link io.ironcage.analytics.core.jmx.StoreMBeans#register}'s result, attached by the
 *   composition root when the configuration turns JMX on.</li>
 * </ul>
 */
package io.ironcage.analytics.core.jmx;
