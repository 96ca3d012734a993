/**
 * Iron Cage Runtime Analytics: the implementation. Exports no package; applications reach it only
 * through the API module's {@link io.ironcage.analytics.Analytics}, which finds
 * {@link io.ironcage.analytics.spi.AnalyticsProvider} here with {@link java.util.ServiceLoader}.
 */
// HdrHistogram is an automatic module (no descriptor in 2.2.2): acknowledged here, not a warning.
@SuppressWarnings("requires-automatic")
module io.ironcage.analytics.core {
    requires io.ironcage.analytics;
    requires org.jctools.core;
    // HdrHistogram 2.2.2 has no module descriptor: its automatic module name, from the jar's
    // file name (jar --describe-module), is HdrHistogram.
    requires HdrHistogram;
    requires tools.jackson.databind;
    requires java.net.http;
    requires java.management;
    requires jdk.jfr;

    provides io.ironcage.analytics.spi.AnalyticsProvider
            with io.ironcage.analytics.core.CoreAnalyticsProvider;
}
