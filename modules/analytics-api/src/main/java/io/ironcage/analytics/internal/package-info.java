/**
 * Implementation-only access to the API's private state, exported to
 * {@code io.ironcage.analytics.core} alone (a qualified {@code exports}; the JDK's
 * {@code jdk.internal.access.SharedSecrets} pattern). Applications cannot read this package: the
 * module system refuses it at compile time and at run time, on the module path. (On the class path
 * there are no module boundaries at all; nothing here is part of the contract there either.)
 *
 * <p>Why it exists: the store must flip an event's private ownership state, build an event with a
 * fresh id without allocating a {@link java.util.UUID}, and read a sync configuration's per-agent
 * token, none of which an application may do. An API class that owns such state implements an
 * interface of this package with a private nested class and registers it in
 * {@link io.ironcage.analytics.internal.SharedSecrets} from its static initialiser; core fetches
 * it once into a {@code static final} field. The calls are compile-checked (no reflection, no
 * {@code opens}, no field found by name from outside), monomorphic and inlinable.
 */
package io.ironcage.analytics.internal;
