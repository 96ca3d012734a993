package io.ironcage.analytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command and error path at the picocli level, in-process. */
class CliTest {

    /** What one run printed and returned. */
    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = IronAnalytics.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(rc, out.toString(), err.toString());
    }

    private static void assertCleanError(Run r, int rc, String fragment) {
        assertEquals(rc, r.rc(), () -> "exit code; stderr was: " + r.err());
        assertTrue(r.err().contains(fragment), () -> "stderr lacks '" + fragment + "': " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "no stack trace without --verbose: " + r.err());
    }

    @Test
    void priceExplainsEachBucketWithExactTotal() {
        // gpt-4o: input $2.50/M, cache read $1.25/M, output $10/M.
        // 150,000 uncached x 2.5 = 0.375; 100,000 cached x 1.25 = 0.125; 1,000 out x 10 = 0.01.
        Run r = run("price", "gpt-4o", "--input", "250000", "--output", "1000", "--cache-read", "100000");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("input                150,000"), r.out());
        assertTrue(r.out().contains("cache_read           100,000"), r.out());
        assertTrue(r.out().contains("total: $0.51 exactly = 510,000 microdollars"), r.out());
    }

    @Test
    void priceShowsTheLongContextTier() {
        // claude-sonnet-4: above 200k prompt tokens the whole request bills at $6/M in, $22.5/M out.
        Run r = run("price", "claude-sonnet-4-20250514", "--input", "300000", "--output", "2000");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("long-context tier (prompt above 200,000 tokens)"), r.out());
        assertTrue(r.out().contains("total: $1.845 exactly = 1,845,000 microdollars"), r.out());
    }

    @Test
    void priceOfUnknownModelIsOneClearError() {
        assertCleanError(run("price", "no-such-model", "--input", "1", "--output", "1"), 1, "unknown model 'no-such-model'");
    }

    @Test
    void priceRejectsInconsistentCounts() {
        assertCleanError(run("price", "gpt-4o", "--input", "10", "--output", "1", "--cache-read", "20"), 1,
                "must not exceed inputTokens");
        assertCleanError(run("price", "gpt-4o", "--input", "-5", "--output", "1"), 1, "inputTokens must be >= 0 but was -5");
    }

    @Test
    void modelsFiltersByProvider() {
        Run r = run("models", "--provider", "anthropic");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("claude-sonnet-4-20250514"), r.out());
        assertFalse(r.out().contains("gpt-4o"), r.out());
        assertCleanError(run("models", "--provider", "no-such-provider"), 1, "no models for provider 'no-such-provider'");
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        assertCleanError(run("frobnicate"), 2, "Try 'iron-analytics --help'");
        assertCleanError(run("demo", "--bogus"), 2, "Unknown option: '--bogus'");
        assertCleanError(run("price", "gpt-4o"), 2, "Missing required options");
    }

    @Test
    void demoRejectsBadValues() {
        assertCleanError(run("demo", "--agents", "0"), 1, "--agents must be 1 to 1000 but was 0");
        assertCleanError(run("demo", "--duration", "soon"), 2, "'soon' is not a duration");
        assertCleanError(run("demo", "--format", "xml"), 1, "--format must be table, json or csv but was 'xml'");
    }

    @Test
    void reportOfMissingOrCorruptFileIsOneClearError(@TempDir Path dir) throws Exception {
        assertCleanError(run("report", dir.resolve("absent.jfr").toString()), 1, "recording not found");
        Path corrupt = dir.resolve("corrupt.jfr");
        Files.writeString(corrupt, "this is not a flight recording");
        assertCleanError(run("report", corrupt.toString()), 1, "cannot read " + corrupt + " as a JFR recording");
    }

    @Test
    void reportOfRecordingWithoutLibraryEventsSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.jfr");
        try (Recording r = new Recording(Configuration.getConfiguration("default"))) {
            r.start();
            r.stop();
            r.dump(file);
        }
        assertCleanError(run("report", file.toString()), 1, "holds no io.ironcage.analytics.* events");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Run r = run("--verbose", "price", "no-such-model", "--input", "1", "--output", "1");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertEquals(0, r.rc());
        for (String c : new String[] {"demo", "report", "price", "models"}) {
            assertTrue(r.out().contains(c), r.out());
        }
    }
}
