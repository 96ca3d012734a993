package io.ironcage.analytics.core.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed table is exactly what {@code scripts/generate-price-table.py} produces from the
 * shared LiteLLM file. Runs only where python3 and {@code ../shared} exist; skips visibly otherwise.
 */
class GeneratorTest {

    @Test
    void theCommittedTableIsTheGeneratorsOutput(@TempDir Path dir) throws Exception {
        Path project = Path.of(System.getProperty("ironcage.project.dir", "."));
        Path script = project.resolve("scripts/generate-price-table.py");
        Path source = Path.of(System.getProperty("ironcage.shared.dir", project.resolve("../shared").toString()),
                "data", "model_prices_and_context_window.json");
        Path committed = project.resolve(
                "modules/analytics-core/src/main/resources/io/ironcage/analytics/core/pricing/prices.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(script) && Files.isRegularFile(committed),
                "skipped: the project sources are not at " + project.toAbsolutePath());
        Assumptions.assumeTrue(Files.isRegularFile(source), "skipped: no shared LiteLLM file at " + source);
        Assumptions.assumeTrue(python3Works(), "skipped: python3 is not available");

        Path output = dir.resolve("prices.tsv");
        Process p = new ProcessBuilder("python3", script.toString(), "--source", source.toString(),
                "--output", output.toString(), "--quiet").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "generator timed out");
        assertEquals(0, p.exitValue(), log);
        List<String> expected = Files.readAllLines(output);
        List<String> actual = Files.readAllLines(committed);
        assertEquals(expected.size(), actual.size(), "line count; regenerate with python3 scripts/generate-price-table.py");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "line " + (i + 1)
                    + " differs; regenerate with python3 scripts/generate-price-table.py");
        }
    }

    private static boolean python3Works() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
