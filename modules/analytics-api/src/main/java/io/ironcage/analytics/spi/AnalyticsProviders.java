package io.ironcage.analytics.spi;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link AnalyticsProvider} once, through {@link ServiceLoader} in this module (which
 * declares {@code uses}), on the module path or the class path.
 */
public final class AnalyticsProviders {
    /** Told to users when no implementation is present. */
    static final String MISSING = "No Iron Cage Analytics implementation found: add the artifact "
            + "io.ironcage:analytics-core (module io.ironcage.analytics.core) to the class path or module path.";

    private AnalyticsProviders() {}

    /**
     * The provider, loaded on first use.
     *
     * @return the provider
     * @throws IllegalStateException with one actionable sentence when none is present
     */
    public static AnalyticsProvider get() {
        // Racing first calls may both load; ServiceLoader providers are stateless factories, so
        // whichever write wins is as good as the other. Volatile: safe publication of the instance.
        AnalyticsProvider p = provider;
        if (p == null) {
            p = load();
            provider = p;
        }
        return p;
    }

    private static volatile AnalyticsProvider provider;

    private static AnalyticsProvider load() {
        Iterator<AnalyticsProvider> it;
        try {
            it = ServiceLoader.load(AnalyticsProvider.class, AnalyticsProviders.class.getClassLoader()).iterator();
            if (it.hasNext()) {
                return it.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("The Iron Cage Analytics implementation failed to load: " + e.getMessage(), e);
        }
        throw new IllegalStateException(MISSING);
    }
}
