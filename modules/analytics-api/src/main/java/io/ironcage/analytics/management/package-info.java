/**
 * Management interfaces: what JConsole, VisualVM or any JMX client sees of the library.
 *
 * <p>Each store registers, in the platform MBean server, unless
 * {@link io.ironcage.analytics.StoreConfig.Builder#jmx(boolean) jmx(false)} was set:
 * <ul>
 *   <li>{@code io.ironcage.analytics:type=EventStore,name=<store name>}, an
 *   {@link io.ironcage.analytics.management.EventStoreMXBean}, from the store's creation until its
 *   {@code close()};</li>
 *   <li>{@code io.ironcage.analytics:type=Sync,name=<store name>}, a
 *   {@link io.ironcage.analytics.management.SyncMXBean}, while a sync client runs for the
 *   store.</li>
 * </ul>
 * A name with characters that an object name cannot hold unquoted ({@code , = : " * ?} or a line
 * break) is quoted as {@code javax.management.ObjectName.quote} does. When the name is taken
 * (another store of the same name in the same JVM), a suffix {@code -2}, {@code -3}, ... makes
 * it unique, and one log line says so.
 *
 * <p>Both beans are read-only apart from {@link io.ironcage.analytics.management.SyncMXBean#syncNow()}.
 * Every attribute is read from live counters when asked: a value is true at the instant it was
 * read, and two attributes read one after another may straddle a recorded event. Composite
 * attributes ({@code Accounting}, the per-model, per-provider and per-agent tables) are each one
 * snapshot.
 *
 * <p>Notifications (see {@link io.ironcage.analytics.management.ManagementNames}) are sent from a
 * dispatcher thread, never from the thread that recorded the event, so a slow listener cannot
 * slow recording.
 */
package io.ironcage.analytics.management;
