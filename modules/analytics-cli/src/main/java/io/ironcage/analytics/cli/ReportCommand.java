package io.ironcage.analytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code report}: being built. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Not yet available.")
final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("report: not yet available");
    }
}
