package io.ironcage.analytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code price}: being built. */
@Command(name = "price", mixinStandardHelpOptions = true, description = "Not yet available.")
final class PriceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("price: not yet available");
    }
}
