package io.ironcage.analytics.core.arch;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.archprobe.BackEdgeFieldProbe;
import io.ironcage.analytics.core.store.archprobe.BackEdgeGenericProbe;
import io.ironcage.analytics.core.store.archprobe.BackEdgeMethodRefProbe;
import io.ironcage.analytics.core.store.archprobe.HiddenStaticMapProbe;
import io.ironcage.analytics.core.store.archprobe.MutableStaticProbe;
import io.ironcage.analytics.core.store.archprobe.ThreadLocalProbe;
import io.ironcage.analytics.core.store.archprobe.WrappedStaticMapProbe;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Does each ArchitectureTest rule fail on the violation it names? Each test adds one probe class
 * (test sources, package core.store.archprobe, so under the store package) to the imported main
 * classes and runs ArchitectureTest's own rule method on the result: the rule must throw.
 * The two controls (plain field back edge, plainly typed static Map) show the harness works.
 */
class ArchRuleProbeTest {

    private static void runRuleWith(Class<?> probe, String rule) throws Throwable {
        Path main = Path.of(DefaultEventStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path tests = Path.of(ArchRuleProbeTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> paths = new ArrayList<>(List.of(main));
        String base = probe.getName().replace('.', '/');
        for (Class<?> c : List.of(probe)) {
            paths.add(tests.resolve(base + ".class"));
        }
        try (var nested = java.nio.file.Files.list(tests.resolve(base).getParent())) {
            nested.filter(p -> p.getFileName().toString().startsWith(probe.getSimpleName() + "$")).forEach(paths::add);
        }
        JavaClasses classes = new ClassFileImporter().importPaths(paths);
        Field core = ArchitectureTest.class.getDeclaredField("core");
        core.setAccessible(true);
        Object saved = core.get(null);
        core.set(null, classes);
        try {
            var m = ArchitectureTest.class.getDeclaredMethod(rule);
            m.setAccessible(true);
            try {
                m.invoke(new ArchitectureTest());
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        } finally {
            core.set(null, saved);
        }
    }

    private static Executable rule(Class<?> probe, String rule) {
        return () -> runRuleWith(probe, rule);
    }

    @Test
    void controlPlainFieldBackEdgeIsCaught() {
        assertThrows(AssertionError.class, rule(BackEdgeFieldProbe.class, "packagesDependOnlyDownTheGraph"));
    }

    @Test
    void controlPlainStaticMapIsCaught() {
        assertThrows(AssertionError.class, rule(MutableStaticProbe.class, "noMutableStaticState"));
    }

    @Test
    void backEdgeThroughMethodReferenceIsCaught() {
        assertThrows(AssertionError.class, rule(BackEdgeMethodRefProbe.class, "packagesDependOnlyDownTheGraph"));
    }

    @Test
    void backEdgeThroughGenericTypeArgumentIsCaught() {
        assertThrows(AssertionError.class, rule(BackEdgeGenericProbe.class, "packagesDependOnlyDownTheGraph"));
    }

    @Test
    void storeUsingJfrThroughAnAnnotationIsCaught() {
        assertThrows(AssertionError.class, rule(io.ironcage.analytics.core.store.archprobe.JfrAnnotationProbe.class,
                "storeKnowsNeitherJfrNorJmx"));
    }

    @Test
    void storeUsingJmxThroughCatchAndInstanceofIsCaught() {
        assertThrows(AssertionError.class, rule(io.ironcage.analytics.core.store.archprobe.JmxCatchProbe.class,
                "storeKnowsNeitherJfrNorJmx"));
    }

    // Regression (issue 11 review): packagesDependOnlyDownTheGraph checks only the seven listed packages: a new core package (an exporter added per docs step 1-3) may point back up to the root or into jmx unchecked
    @Test
    void backEdgeFromAPackageNotInTheListIsCaught() {
        assertThrows(AssertionError.class, rule(io.ironcage.analytics.core.otelprobe.UnlistedPackageBackEdgeProbe.class,
                "packagesDependOnlyDownTheGraph"));
    }

    // Regression (issue 11 review): noMutableStaticState judges a field by its declared type: `static final Object M = new ConcurrentHashMap<>()` passes
    @Test
    void staticMapDeclaredAsObjectIsCaught() {
        assertThrows(AssertionError.class, rule(HiddenStaticMapProbe.class, "noMutableStaticState"));
    }

    // Regression (issue 11 review): noMutableStaticState passes a static final instance of a class holding a Map keyed by store (the 'no static map keyed by store')
    @Test
    void staticMapBehindAWrapperIsCaught() {
        assertThrows(AssertionError.class, rule(WrappedStaticMapProbe.class, "noMutableStaticState"));
    }

    // Regression (issue 11 review): noMutableStaticState passes a static final ThreadLocal (mutable per-thread static state not in its type list)
    @Test
    void staticThreadLocalIsCaught() {
        assertThrows(AssertionError.class, rule(ThreadLocalProbe.class, "noMutableStaticState"));
    }
}
