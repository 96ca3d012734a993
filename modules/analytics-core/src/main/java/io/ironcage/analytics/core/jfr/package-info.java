/**
 * JFR: the library's Flight Recorder events, all named {@code io.ironcage.analytics.*}, in the
 * category "Iron Cage / Analytics", without stack traces. The template
 * {@code jfr-templates/ironcage-analytics.jfc} turns them on.
 *
 * <p>Which events are on by default (when a recording does not mention them): the rare ones
 * (budget threshold, router started and stopped, sync state changed), the aggregated
 * {@code EventsDropped} and the periodic {@code StoreStatistics}. The per-request ones
 * ({@code LlmRequestCompleted}, {@code LlmRequestFailed}, {@code SyncAttempt}) are
 * {@link jdk.jfr.Enabled @Enabled(false)}: a recording that did not ask for them pays nothing.
 *
 * <p>Each store's JFR observer ({@link io.ironcage.analytics.core.jfr.StoreRecorder#observe}, a
 * {@link io.ironcage.analytics.core.store.StoreObserver} attached by the composition root) is
 * called on the recording path for every recorded event and every drop. Its cost model:
 * <ol>
 *   <li>Until Flight Recorder is initialised in the JVM (no recording ever created), a call is
 *   one volatile read of a flag, then return. No event class is loaded:
 *   the first use of a JFR event class pulls in the JFR machinery (about 100 ms measured on
 *   JDK 25), which an application that never records should not pay. A
 *   {@link jdk.jfr.FlightRecorderListener} flips the flag when a recording is first created
 *   (at start-up with {@code -XX:StartFlightRecording}, or later by {@code jcmd} or JMC), and
 *   only after a background thread has registered, loaded and initialised every event type, so
 *   that no recording thread runs JFR's synchronized type registration itself.</li>
 *   <li>After that, one {@link jdk.jfr.EventType#isEnabled()} check per event (a field read, on
 *   a type looked up once) decides; nothing is allocated unless the event is enabled.</li>
 *   <li>Enabled, the event costs an allocation the JIT usually removes, the field copies and the
 *   commit (about 120–175 ns measured without stack traces, which is why every event has
 *   {@link jdk.jfr.StackTrace @StackTrace(false)}).</li>
 * </ol>
 * Drops are aggregated rather than emitted one by one: a drop adds to a {@link java.util.concurrent.atomic.LongAdder}
 * and compares {@link System#nanoTime()} with a volatile "next emit" time; at most one
 * {@code EventsDropped} per store and second is committed (one CAS claims the second), carrying
 * the count since the previous one. Drops still pending when the burst ends are flushed by the
 * periodic statistics hook.
 *
 * <p>The periodic {@code StoreStatistics} event is registered with
 * {@link jdk.jfr.FlightRecorder#addPeriodicEvent} per store once Flight Recorder is live (each
 * store's observer registers its own {@link jdk.jfr.FlightRecorderListener} for that; there is no
 * static set of stores), and removed with {@link jdk.jfr.FlightRecorder#removePeriodicEvent}, with
 * the listener, when the store closes. Its period comes from the recording's settings (1 s in the
 * template and by default). The observer holds its store weakly: a callback that finds the store
 * collected removes the hook and listener itself, and each callback also cleans up after any other
 * store collected without {@code close()}
 * ({@link io.ironcage.analytics.core.store.StoreCleaner#expunge()}). This package starts no thread
 * of its own besides the short-lived {@code ironcage-jfr-init} and {@code ironcage-jfr-hook}.
 *
 * <p>The sync client's events ({@code SyncAttempt}, {@code SyncStateChanged}) come through the
 * sync package's monitoring seam: {@link io.ironcage.analytics.core.jfr.SyncRecorder#MONITORING}.
 */
package io.ironcage.analytics.core.jfr;
