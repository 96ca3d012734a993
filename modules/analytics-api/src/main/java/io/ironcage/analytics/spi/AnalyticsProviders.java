package io.ironcage.analytics.spi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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
 *
 * <p>A broken service-file entry (a class no longer on the path, say, left behind in a shaded jar)
 * is skipped with one {@code WARNING} line naming it and the reason; the lookup fails only when no
 * entry works (then with the first entry's error as the cause). The warnings are logged once, when
 * a lookup succeeds: a lookup that fails (the chosen provider's constructor threw) logs nothing and
 * is tried again on the next call.
 */
public final class AnalyticsProviders {
    /** Told to users when no implementation is present. */
    static final String MISSING = "No Iron Cage Analytics implementation found: add the artifact "
            + "io.ironcage:analytics-core (module io.ironcage.analytics.core) to the class path or module path.";

    /** Picks candidates by this: the provider class's fully qualified name. */
    private static final Comparator<ServiceLoader.Provider<AnalyticsProvider>> BY_CLASS_NAME =
            Comparator.comparing(p -> p.type().getName());

    /**
     * Stops reading a service file after this many broken entries in a row: {@code ServiceLoader}
     * resumes after an error only "on a best effort" basis, so the loop is bounded.
     */
    private static final int MAX_BROKEN = 64;

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

    /**
     * The candidates on the path, entry by entry: an entry {@code ServiceLoader} cannot resolve is
     * kept as its error and the next entry is read (one stale line must not hide the working ones).
     */
    private static Found fromServiceLoader() {
        // stream(): the candidates' classes without instantiating them (only the chosen one is). Its
        // iterator resolves one entry per hasNext(); an entry that fails throws there, after the
        // service file's reader has moved past it, so the next hasNext() reads the next entry.
        Iterator<ServiceLoader.Provider<AnalyticsProvider>> it = ServiceLoader
                .load(AnalyticsProvider.class, AnalyticsProviders.class.getClassLoader()).stream().iterator();
        List<ServiceLoader.Provider<AnalyticsProvider>> working = new ArrayList<>();
        List<ServiceConfigurationError> broken = new ArrayList<>();
        for (int brokenInARow = 0; brokenInARow < MAX_BROKEN; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                working.add(it.next());
                brokenInARow = 0;
            } catch (ServiceConfigurationError e) {
                broken.add(e);
                brokenInARow++;
            }
        }
        return new Found(working, broken);
    }

    /** Searches the path: one {@link Found} per call. */
    @FunctionalInterface
    interface Search {
        /**
         * Reads the service entries once.
         *
         * @return what was found
         */
        Found run();
    }

    /**
     * What a search of the path found.
     *
     * @param working the entries that resolved, in {@code ServiceLoader} order (not instantiated)
     * @param broken  the errors of the entries that did not, in path order
     */
    record Found(List<ServiceLoader.Provider<AnalyticsProvider>> working, List<ServiceConfigurationError> broken) {
        Found {
            working = List.copyOf(working);
            broken = List.copyOf(broken);
        }
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
        Choice choice = choice(found);
        choice.warn(log);
        return choice.chosen();
    }

    /** The choice without its warning: the lookup logs it only once the chosen one is instantiated. */
    private static Choice choice(List<ServiceLoader.Provider<AnalyticsProvider>> found) {
        if (found.isEmpty()) {
            throw new IllegalStateException(MISSING);
        }
        // A stable sort: ties keep the path's order.
        return new Choice(found.stream().sorted(BY_CLASS_NAME).toList());
    }

    /** The candidates sorted by class name; the first is the chosen one. */
    private record Choice(List<ServiceLoader.Provider<AnalyticsProvider>> sorted) {
        ServiceLoader.Provider<AnalyticsProvider> chosen() {
            return sorted.get(0);
        }

        /** One WARNING line when there are several; nothing for one. */
        void warn(System.Logger log) {
            if (sorted.size() > 1) {
                List<String> ignored = sorted.subList(1, sorted.size()).stream().map(p -> p.type().getName()).toList();
                log.log(Level.WARNING, "Several Iron Cage Analytics implementations found: "
                        + sorted.stream().map(p -> p.type().getName()).toList() + "; using "
                        + chosen().type().getName() + " (the first by class name), ignoring " + ignored
                        + ". Keep one io.ironcage:analytics-core on the path.");
            }
        }
    }

    /**
     * The first successful lookup, kept. Thread contract: any thread; the first lookup runs under
     * this object's lock, so racing first calls load (and warn) once; later calls read the volatile
     * field only (safe publication of the instance). A failed lookup is not kept: the next call
     * tries again, so "missing" is reported on every call. Warnings (broken entries skipped,
     * several implementations) are logged only by the lookup that succeeds, so at most once.
     */
    static final class Lookup {
        private final Search candidates;
        private final System.Logger log;
        private volatile AnalyticsProvider provider;

        /** A path without broken entries (tests). */
        Lookup(Supplier<List<ServiceLoader.Provider<AnalyticsProvider>>> candidates, System.Logger log) {
            this((Search) () -> new Found(candidates.get(), List.of()), log);
        }

        Lookup(Search candidates, System.Logger log) {
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
            Found found = candidates.run();
            if (found.working().isEmpty() && !found.broken().isEmpty()) {
                // Entries, none working: the first one's error, the others suppressed under it.
                ServiceConfigurationError first = found.broken().get(0);
                IllegalStateException e = failed(first);
                found.broken().subList(1, found.broken().size()).forEach(e::addSuppressed);
                throw e;
            }
            Choice choice = choice(found.working());
            AnalyticsProvider p;
            try {
                p = choice.chosen().get();
            } catch (ServiceConfigurationError e) {
                throw failed(e);
            }
            // Only now, once per successful lookup: a lookup whose chosen constructor threw is
            // retried by the next call and must not repeat these lines each time.
            for (ServiceConfigurationError e : found.broken()) {
                log.log(Level.WARNING, "Skipping a broken Iron Cage Analytics provider entry: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
            choice.warn(log);
            return p;
        }

        private static IllegalStateException failed(ServiceConfigurationError e) {
            return new IllegalStateException("The Iron Cage Analytics implementation failed to load: "
                    + e.getMessage(), e);
        }
    }
}
