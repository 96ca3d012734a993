package io.ironcage.analytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code models}: being built. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Not yet available.")
final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("models: not yet available");
    }
}
