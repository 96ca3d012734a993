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
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.ironcage.analytics.core.store.DefaultEventStore;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module's architecture as rules (docs/architecture.md): the package dependency graph has no
 * back edges, no package holds mutable static state other than the JVM-wide facts allowlisted
 * below, and the store knows neither JFR nor JMX.
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

    /**
     * Static state allowed, each with why: facts about the whole JVM, not about a store or run.
     * Keys are {@code ClassName.field}, the class name without its package ({@code Outer$Nested}).
     */
    static final Map<String, String> ALLOWED_STATIC_STATE = Map.ofEntries(
            Map.entry("StoreRecorder.live", "Flight Recorder is initialised in this JVM: a JVM-wide fact, written once"),
            Map.entry("StoreRecorder.EVENT_CLASSES", "an immutable List.of of the event classes (a constant)"),
            Map.entry("StoreCleaner.QUEUE", "the one reference queue of collected stores in the JVM"),
            Map.entry("Dispatcher.QUEUE", "the task queue of the one shared JMX notification thread"),
            Map.entry("Dispatcher.users", "how many beans use the one shared JMX notification thread (it ends at 0)"),
            Map.entry("Dispatcher.storeUsers", "of those, store beans: whether the shared thread polls for collected stores"),
            Map.entry("Dispatcher.worker", "the one shared JMX notification thread of the JVM"),
            Map.entry("PriceTables.embedded", "the embedded price table, loaded once on first use and immutable: "
                    + "the same for every store of the JVM"),
            Map.entry("PriceTableReader.TIER_PRICES", "an immutable List.of (a constant)"),
            Map.entry("ModelCell.NO_SLOTS", "a zero-length array: nothing in it to mutate"),
            Map.entry("SyncRun.START_STEPS", "an immutable List.of of the start steps' names (a constant)"));

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

    /** Which core packages each package may use; anything outside core (JDK, API module, libraries) is free. */
    @Test
    void packagesDependOnlyDownTheGraph() {
        List<AssertionError> failures = new ArrayList<>();
        check(failures, ROOT, STORE, PRICING, SYNC, JFR, JMX, JSON);
        check(failures, JFR, STORE, SYNC);
        check(failures, JMX, STORE, SYNC);
        check(failures, SYNC, STORE, JSON);
        check(failures, STORE, PRICING);
        check(failures, JSON);
        check(failures, PRICING);
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
     * final, and no static final field is a mutable container (collection, map, atomic, array,
     * reference queue), except the allowlisted JVM-wide facts.
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
        assertTrue(violations.isEmpty(), violations.size() + " static fields hold mutable state:\n"
                + String.join("\n", violations));
        assertEquals(new TreeSet<>(ALLOWED_STATIC_STATE.keySet()), allowedSeen,
                "the allowlist names only fields that exist and need it");
    }

    /** Why the field is mutable static state, or null if it is a logger or a constant. */
    private static String mutability(JavaField f) {
        if (!f.getModifiers().contains(JavaModifier.FINAL)) {
            return "not final";
        }
        JavaClass t = f.getRawType();
        if (t.isArray()) {
            return "an array";
        }
        for (Class<?> mutable : List.of(Collection.class, Map.class, ReferenceQueue.class, Reference.class)) {
            if (t.isAssignableTo(mutable)) {
                return "a " + mutable.getSimpleName();
            }
        }
        if (t.getPackageName().equals("java.util.concurrent.atomic")) {
            return "an atomic";
        }
        return null;
    }
}
