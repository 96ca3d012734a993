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
 * The API module's descriptor is the contract's outer wall: exactly these exports, one qualified
 * opens, one service use. Read from the runtime module when the tests run on the module path (the
 * descriptor is the compiled one even when Surefire adds --add-exports/--add-opens on the command
 * line), else from {@code module-info.class} in the build output.
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

    @Test
    void runsAsTheNamedModule() {
        Module m = Analytics.class.getModule();
        assertTrue(m.isNamed(), "API tests are expected to run on the module path, but Analytics is in " + m);
        assertEquals(MODULE, m.getName());
    }

    @Test
    void exportsExactlyTheContractPackagesUnqualified() throws IOException {
        ModuleDescriptor d = descriptor();
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(EXPORTED_PACKAGES, exported);
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertFalse(e.isQualified(), "qualified export: " + e);
        }
    }

    @Test
    void usesTheProviderService() throws IOException {
        assertEquals(Set.of("io.ironcage.analytics.spi.AnalyticsProvider"), descriptor().uses());
    }

    @Test
    void opensOnlyTheEventPackageToTheImplementation() throws IOException {
        ModuleDescriptor d = descriptor();
        assertFalse(d.isOpen(), "the API module must not be an open module");
        assertEquals(1, d.opens().size(), "opens: " + d.opens());
        ModuleDescriptor.Opens o = d.opens().iterator().next();
        assertEquals("io.ironcage.analytics", o.source());
        assertEquals(Set.of(IMPLEMENTATION_MODULE), o.targets());
    }

    @Test
    void providesNothing() throws IOException {
        assertTrue(descriptor().provides().isEmpty(), "the API module provides no service: " + descriptor().provides());
    }

    @Test
    void holdsNoPackageItDoesNotExport() throws IOException {
        ModuleDescriptor d = descriptor();
        // Whatever the module holds beyond the exported packages would be dead weight or a leak.
        assertTrue(EXPORTED_PACKAGES.containsAll(d.packages()),
                "packages not exported: " + d.packages().stream().filter(p -> !EXPORTED_PACKAGES.contains(p)).toList());
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
