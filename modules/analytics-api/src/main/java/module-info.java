/**
 * Iron Cage Runtime Analytics: the public API.
 *
 * <p>Applications compile against this module only. It holds interfaces, records, enums and a
 * sealed event hierarchy; the implementation ({@code io.ironcage.analytics.core}) is found at run
 * time through {@link java.util.ServiceLoader} by {@link io.ironcage.analytics.Analytics}.
 *
 * <p>Exported packages, each one part of the contract:
 * <ul>
 *   <li>{@code io.ironcage.analytics}: the store, its events, usage and statistics;</li>
 *   <li>{@code io.ironcage.analytics.pricing}: price tables and budgets;</li>
 *   <li>{@code io.ironcage.analytics.sync}: delivery to the Iron Cage Control API;</li>
 *   <li>{@code io.ironcage.analytics.spi}: the service interface the implementation provides;</li>
 *   <li>{@code io.ironcage.analytics.management}: the JMX MXBean interfaces (exported to everyone,
 *   as the platform MBean server requires of an MXBean interface).</li>
 * </ul>
 *
 * <p>One more package, {@code io.ironcage.analytics.internal}, is exported to the implementation
 * module only: the accessors through which it reaches what applications must not (an event's
 * ownership state, a fresh event id without a {@code UUID}, the sync tokens).
 */
module io.ironcage.analytics {
    exports io.ironcage.analytics;
    exports io.ironcage.analytics.pricing;
    exports io.ironcage.analytics.sync;
    exports io.ironcage.analytics.spi;
    // Unqualified on purpose: JMX introspects MXBean interfaces from java.management, and a
    // qualified export fails in a real `java -m` run (Surefire would hide it).
    exports io.ironcage.analytics.management;

    // Implementation-only access to events' ownership state and to sync tokens (the JDK's
    // SharedSecrets pattern): compile-checked calls, exported to the implementation alone. Nothing
    // is opened to reflection.
    exports io.ironcage.analytics.internal to io.ironcage.analytics.core;

    uses io.ironcage.analytics.spi.AnalyticsProvider;
}
