package io.ironcage.analytics.core.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module's architecture as rules (docs/architecture.md): every core package is in the
 * dependency graph and the graph has no back edges, no package holds static state other than
 * constants of immutable types and the fields allowlisted below (each with its reason), and the
 * store knows neither JFR nor JMX.
 *
 * <p>The classes are read from the compiled main classes directory with
 * {@link ClassFileImporter} (tests run on the module path, where ArchUnit's classpath scanning
 * does not see the module). {@code -Darchcheck.classes=<dir>} checks another build's classes
 * (how the rules were shown to fail on the code before issue 11).
 */
class ArchitectureTest {
    private static final String CORE = "io.ironcage.analytics.core";
    private static final String ROOT = CORE;
    private static final String STORE = CORE + ".store..";
    private static final String PRICING = CORE + ".pricing..";
    private static final String SYNC = CORE + ".sync..";
    private static final String JFR = CORE + ".jfr..";
    private static final String JMX = CORE + ".jmx..";
    private static final String JSON = CORE + ".json..";
    private static final String SUBSCRIBE = CORE + ".subscribe..";

    /**
     * The allowed graph: each core package (with its subpackages; the root package alone) and the
     * other core packages it may use. Every package found among core's classes must have an entry
     * (a new exporter package is added here, docs/architecture.md step 4).
     */
    private static final Map<String, List<String>> GRAPH = Map.of(
            ROOT, List.of(STORE, PRICING, SYNC, JFR, JMX, JSON, SUBSCRIBE),
            JFR, List.of(STORE, SYNC),
            JMX, List.of(STORE, SYNC),
            SUBSCRIBE, List.of(STORE),
            SYNC, List.of(STORE, JSON),
            STORE, List.of(PRICING),
            JSON, List.of(),
            PRICING, List.of());

    /**
     * The types a static final field may have without an allowlist entry: immutable, or
     * thread-safe and stateless by contract. Matched exactly (not subtypes); primitives and enums
     * are accepted too. Anything else (collections, even {@code List.of}; arrays; atomics;
     * {@code ThreadLocal}; {@code Object}; interfaces; wrappers of our own) needs an entry in
     * {@link #ALLOWED_STATIC_STATE}.
     */
    static final Set<String> IMMUTABLE_TYPES = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.System$Logger", "java.lang.invoke.VarHandle", "java.lang.invoke.MethodHandle",
            "java.time.Duration", "java.math.BigDecimal", "java.util.regex.Pattern",
            "tools.jackson.databind.json.JsonMapper", "jdk.jfr.EventType",
            "javax.management.openmbean.CompositeType");

    /**
     * Static fields allowed despite the rule, each with why. Keys are {@code ClassName.field},
     * the class name without its package ({@code Outer$Nested}).
     */
    static final Map<String, String> ALLOWED_STATIC_STATE = Map.ofEntries(
            Map.entry("StoreRecorder.live", "Flight Recorder is initialised in this JVM: a JVM-wide fact, written once"),
            Map.entry("StoreRecorder.EVENT_CLASSES", "immutable List.of of the event classes (a constant)"),
            Map.entry("StoreCleaner.QUEUE", "the one reference queue of collected stores in the JVM"),
            Map.entry("Dispatcher.QUEUE", "the task queue of the one shared JMX notification thread"),
            Map.entry("Dispatcher.LOCK", "the monitor guarding the shared thread's users and worker (holds nothing)"),
            Map.entry("Dispatcher.users", "how many beans use the one shared JMX notification thread (it ends at 0)"),
            Map.entry("Dispatcher.storeUsers", "of those, store beans: whether the shared thread polls for collected stores"),
            Map.entry("Dispatcher.worker", "the one shared JMX notification thread of the JVM"),
            Map.entry("PriceTables.embedded", "the embedded price table, loaded once on first use and immutable: "
                    + "the same for every store of the JVM"),
            Map.entry("PriceTableReader.TIER_PRICES", "immutable List.of (a constant)"),
            Map.entry("ModelCell.NO_SLOTS", "a zero-length array: nothing in it to mutate"),
            Map.entry("SyncRun.START_STEPS", "immutable List.of of the start steps' names (a constant)"),
            Map.entry("EventBuffer.OLDEST_FIRST", "a stateless Comparator (comparingLong of the timestamp)"),
            Map.entry("StoreObserver.NONE", "the stateless no-op observer"),
            Map.entry("SyncObserver.NONE", "the stateless no-op observer"),
            Map.entry("SyncMonitoring.NONE", "the stateless no-op monitoring"),
            Map.entry("SyncMonitoring$Monitor.NONE", "the stateless no-op monitor"),
            Map.entry("SyncRecorder.MONITORING", "a stateless lambda: each run gets its own monitor"),
            Map.entry("SyncMBeans.MONITORING", "a stateless lambda: each run registers its own bean"),
            Map.entry("Assembly.SYNC_MONITORING", "the pair of the two stateless monitorings above"),
            Map.entry("SyncClock.SYSTEM", "stateless: reads System.nanoTime()"),
            Map.entry("SyncTuning.DEFAULTS", "a record of Durations and an int (immutable)"),
            Map.entry("DisabledSyncClient.INSTANCE", "a stateless client that does nothing"),
            Map.entry("AgentTokens.CONFIGS", "the API's stateless accessor (SharedSecrets pattern)"),
            Map.entry("EventStates.EVENTS", "the API's stateless accessor (SharedSecrets pattern)"));

    private static JavaClasses core;

    @BeforeAll
    static void importMainClasses() throws Exception {
        String other = System.getProperty("archcheck.classes");
        Path dir = other != null ? Path.of(other)
                : Path.of(DefaultEventStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(dir.resolve("io/ironcage/analytics/core")), "no core classes in " + dir);
        core = new ClassFileImporter().importPath(dir);
        assertTrue(core.contain(CORE + ".store.DefaultEventStore"), "the import found no store in " + dir);
    }

    /**
     * Which core packages each package may use; anything outside core (JDK, API module, libraries)
     * is free. A core package without an entry in {@link #GRAPH} fails the rule.
     */
    @Test
    void packagesDependOnlyDownTheGraph() {
        List<AssertionError> failures = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (JavaClass c : core.that(resideInAPackage(CORE + ".."))) {
            if (GRAPH.keySet().stream().noneMatch(p -> PackageMatcher.of(p).matches(c.getPackageName()))) {
                unknown.add(c.getPackageName());
            }
        }
        if (!unknown.isEmpty()) {
            failures.add(new AssertionError("core packages not in the dependency graph (add each to GRAPH, "
                    + "docs/architecture.md): " + unknown));
        }
        GRAPH.forEach((pkg, allowed) -> check(failures, pkg, allowed.toArray(String[]::new)));
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " packages break the dependency graph:\n"
                    + String.join("\n", failures.stream().map(Throwable::getMessage).toList()));
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    private static void check(List<AssertionError> failures, String pkg, String... allowed) {
        String[] own = {pkg};
        try {
            classes().that().resideInAPackage(pkg)
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage(CORE + "..")
                            .or(resideInAnyPackage(own)).or(resideInAnyPackage(allowed)))
                    .because("docs/architecture.md: " + pkg + " may use only " + String.join(", ", allowed))
                    .allowEmptyShould(true)
                    .check(core);
        } catch (AssertionError e) {
            failures.add(e);
        }
    }

    /** The store is watched through StoreObserver: it must not know JFR or JMX. */
    @Test
    void storeKnowsNeitherJfrNorJmx() {
        noClasses().that().resideInAPackage(STORE)
                .should().dependOnClassesThat(resideInAnyPackage("jdk.jfr..", "javax.management..",
                        JFR, JMX))
                .check(core);
    }

    /**
     * No mutable static state in core other than loggers and constants: every static field is
     * final and of a type in {@link #IMMUTABLE_TYPES} (or a primitive or an enum), except the
     * allowlisted fields. Judged by the declared type, which is why the list is short and exact:
     * a field declared {@code Object}, an interface or a class of our own could hold anything.
     */
    @Test
    void noMutableStaticState() {
        TreeSet<String> violations = new TreeSet<>();
        TreeSet<String> allowedSeen = new TreeSet<>();
        for (JavaClass c : core.that(resideInAPackage(CORE + ".."))) {
            for (JavaField f : c.getFields()) {
                if (!f.getModifiers().contains(JavaModifier.STATIC) || f.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    continue;
                }
                String why = mutability(f);
                if (why == null) {
                    continue;
                }
                String key = c.getName().substring(c.getPackageName().length() + 1) + "." + f.getName();
                if (ALLOWED_STATIC_STATE.containsKey(key)) {
                    allowedSeen.add(key);
                } else {
                    violations.add(c.getName() + "." + f.getName() + ": " + why);
                }
            }
        }
        assertTrue(violations.isEmpty(), violations.size() + " static fields may hold mutable state "
                + "(make them constants of an immutable type, or allowlist them with a reason):\n"
                + String.join("\n", violations));
        assertEquals(new TreeSet<>(ALLOWED_STATIC_STATE.keySet()), allowedSeen,
                "the allowlist names only fields that exist and need it");
    }

    /** Why the field may be mutable static state, or null if it is a logger or a constant. */
    private static String mutability(JavaField f) {
        if (!f.getModifiers().contains(JavaModifier.FINAL)) {
            return "not final";
        }
        JavaClass t = f.getRawType();
        if (t.isPrimitive() || t.isEnum() || IMMUTABLE_TYPES.contains(t.getName())) {
            return null;
        }
        return t.isArray() ? "an array" : "of type " + t.getName() + ", not a type known to be immutable";
    }
}
