/**
 * Iron Cage Runtime Analytics: the implementation. Exports no package; applications reach it only
 * through the API module's {@link io.ironcage.analytics.Analytics}, which finds
 * {@link io.ironcage.analytics.spi.AnalyticsProvider} here with {@link java.util.ServiceLoader}.
 */
module io.ironcage.analytics.core {
    requires io.ironcage.analytics;
    requires org.jctools.core;
    requires tools.jackson.databind;
    requires java.net.http;
    requires java.management;
    requires jdk.jfr;

    provides io.ironcage.analytics.spi.AnalyticsProvider
            with io.ironcage.analytics.core.CoreAnalyticsProvider;
}
