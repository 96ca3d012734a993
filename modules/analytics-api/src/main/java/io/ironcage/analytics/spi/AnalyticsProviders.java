package io.ironcage.analytics.spi;

import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Finds the {@link AnalyticsProvider} once, through {@link ServiceLoader} in this module (which
 * declares {@code uses}), on the module path or the class path.
 *
 * <p>Several implementations present (two versions of the core artifact, or a second
 * implementation): the one whose provider class has the lowest fully qualified name
 * ({@link String#compareTo}) is used, whatever order the path lists them in, and one
 * {@code WARNING} line on the {@link System.Logger} named after this class says which was chosen
 * and which were ignored (as SLF4J does). Only the chosen one is instantiated. Ties (the same class
 * name loaded twice) keep {@code ServiceLoader}'s order, which is the path's. One implementation:
 * no log line. None: an {@link IllegalStateException} with one actionable sentence, on every call.
 */
public final class AnalyticsProviders {
    /** Told to users when no implementation is present. */
    static final String MISSING = "No Iron Cage Analytics implementation found: add the artifact "
            + "io.ironcage:analytics-core (module io.ironcage.analytics.core) to the class path or module path.";

    /** Picks candidates by this: the provider class's fully qualified name. */
    private static final Comparator<ServiceLoader.Provider<AnalyticsProvider>> BY_CLASS_NAME =
            Comparator.comparing(p -> p.type().getName());

    private static final Lookup LOOKUP = new Lookup(AnalyticsProviders::fromServiceLoader,
            System.getLogger(AnalyticsProviders.class.getName()));

    private AnalyticsProviders() {}

    /**
     * The provider, loaded on first use.
     *
     * @return the provider
     * @throws IllegalStateException with one actionable sentence when none is present
     */
    public static AnalyticsProvider get() {
        return LOOKUP.get();
    }

    private static List<ServiceLoader.Provider<AnalyticsProvider>> fromServiceLoader() {
        // stream(): the candidates' classes without instantiating them (only the chosen one is).
        return ServiceLoader.load(AnalyticsProvider.class, AnalyticsProviders.class.getClassLoader()).stream()
                .toList();
    }

    /**
     * The candidate to use: the lowest class name; logs one warning naming it and the ignored ones
     * when there are several.
     *
     * @param found the candidates in {@code ServiceLoader} order
     * @param log   where the warning goes
     * @return the chosen candidate, not yet instantiated
     * @throws IllegalStateException ({@link #MISSING}) when there is none
     */
    static ServiceLoader.Provider<AnalyticsProvider> choose(List<ServiceLoader.Provider<AnalyticsProvider>> found,
                                                             System.Logger log) {
        if (found.isEmpty()) {
            throw new IllegalStateException(MISSING);
        }
        // A stable sort: ties keep the path's order.
        List<ServiceLoader.Provider<AnalyticsProvider>> sorted = found.stream().sorted(BY_CLASS_NAME).toList();
        ServiceLoader.Provider<AnalyticsProvider> chosen = sorted.get(0);
        if (sorted.size() > 1) {
            List<String> ignored = sorted.subList(1, sorted.size()).stream().map(p -> p.type().getName()).toList();
            log.log(Level.WARNING, "Several Iron Cage Analytics implementations found: "
                    + sorted.stream().map(p -> p.type().getName()).toList() + "; using " + chosen.type().getName()
                    + " (the first by class name), ignoring " + ignored
                    + ". Keep one io.ironcage:analytics-core on the path.");
        }
        return chosen;
    }

    /**
     * The first successful lookup, kept. Thread contract: any thread; the first lookup runs under
     * this object's lock, so racing first calls load (and warn) once; later calls read the volatile
     * field only (safe publication of the instance). A failed lookup is not kept: the next call
     * tries again, so "missing" is reported on every call.
     */
    static final class Lookup {
        private final Supplier<List<ServiceLoader.Provider<AnalyticsProvider>>> candidates;
        private final System.Logger log;
        private volatile AnalyticsProvider provider;

        Lookup(Supplier<List<ServiceLoader.Provider<AnalyticsProvider>>> candidates, System.Logger log) {
            this.candidates = candidates;
            this.log = log;
        }

        AnalyticsProvider get() {
            AnalyticsProvider p = provider;
            if (p == null) {
                synchronized (this) {
                    p = provider;
                    if (p == null) {
                        p = load();
                        provider = p;
                    }
                }
            }
            return p;
        }

        private AnalyticsProvider load() {
            try {
                return choose(candidates.get(), log).get();
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("The Iron Cage Analytics implementation failed to load: "
                        + e.getMessage(), e);
            }
        }
    }
}
