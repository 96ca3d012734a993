package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API module's descriptor is the contract's outer wall: exactly these exports, the internal
 * accessor package exported to the implementation alone, nothing opened, one service use. Read
 * from the runtime module when the tests run on the module path (the descriptor is the compiled
 * one even when Surefire adds --add-exports/--add-opens on the command line), else from
 * {@code module-info.class} in the build output.
 */
class ApiModuleTest {

    static final String MODULE = "io.ironcage.analytics";

    /**
     * Every package the API module exports, unqualified. The only place to change when a package
     * joins the contract (the observability work adds {@code io.ironcage.analytics.management}).
     */
    static final Set<String> EXPORTED_PACKAGES = Set.of(
            "io.ironcage.analytics",
            "io.ironcage.analytics.pricing",
            "io.ironcage.analytics.sync",
            "io.ironcage.analytics.spi",
            "io.ironcage.analytics.management");

    static final String IMPLEMENTATION_MODULE = "io.ironcage.analytics.core";

    /** The implementation-only accessors (SharedSecrets pattern): exported to core, to nobody else. */
    static final String INTERNAL_PACKAGE = "io.ironcage.analytics.internal";

    @Test
    void runsAsTheNamedModule() {
        Module m = Analytics.class.getModule();
        assertTrue(m.isNamed(), "API tests are expected to run on the module path, but Analytics is in " + m);
        assertEquals(MODULE, m.getName());
    }

    @Test
    void exportsExactlyTheContractPackagesUnqualified() throws IOException {
        ModuleDescriptor d = descriptor();
        Set<String> unqualified = d.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(EXPORTED_PACKAGES, unqualified);
    }

    @Test
    void exportsTheInternalPackageToTheImplementationOnly() throws IOException {
        List<ModuleDescriptor.Exports> qualified = descriptor().exports().stream()
                .filter(ModuleDescriptor.Exports::isQualified).toList();
        assertEquals(1, qualified.size(), "qualified exports: " + qualified);
        ModuleDescriptor.Exports e = qualified.get(0);
        assertEquals(INTERNAL_PACKAGE, e.source());
        assertEquals(Set.of(IMPLEMENTATION_MODULE), e.targets());
        assertFalse(EXPORTED_PACKAGES.contains(INTERNAL_PACKAGE), "the internal package must not join the contract");
    }

    @Test
    void usesTheProviderService() throws IOException {
        assertEquals(Set.of("io.ironcage.analytics.spi.AnalyticsProvider"), descriptor().uses());
    }

    @Test
    void opensNothing() throws IOException {
        // The store reaches an event's state through the compile-checked EventAccess, not reflection.
        ModuleDescriptor d = descriptor();
        assertFalse(d.isOpen(), "the API module must not be an open module");
        assertEquals(Set.of(), d.opens(), "opens: " + d.opens());
    }

    @Test
    void providesNothing() throws IOException {
        assertTrue(descriptor().provides().isEmpty(), "the API module provides no service: " + descriptor().provides());
    }

    @Test
    void holdsNoPackageItDoesNotExport() throws IOException {
        ModuleDescriptor d = descriptor();
        // Whatever the module holds beyond the exported packages (and the one package exported to
        // the implementation) would be dead weight or a leak.
        Set<String> known = new java.util.HashSet<>(EXPORTED_PACKAGES);
        known.add(INTERNAL_PACKAGE);
        assertTrue(known.containsAll(d.packages()),
                "packages not exported: " + d.packages().stream().filter(p -> !known.contains(p)).toList());
    }

    /** The compiled descriptor: the runtime module's, or module-info.class beside the classes. */
    static ModuleDescriptor descriptor() throws IOException {
        Module m = Analytics.class.getModule();
        if (m.isNamed()) {
            return m.getDescriptor();
        }
        for (Path candidate : List.of(classesDir().resolve("module-info.class"),
                Path.of("target", "classes", "module-info.class"))) {
            if (Files.isRegularFile(candidate)) {
                try (InputStream in = Files.newInputStream(candidate)) {
                    return ModuleDescriptor.read(in);
                }
            }
        }
        throw new IOException("module-info.class of " + MODULE + " not found next to " + classesDir());
    }

    private static Path classesDir() {
        try {
            return Path.of(Analytics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
