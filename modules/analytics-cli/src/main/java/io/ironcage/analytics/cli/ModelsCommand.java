package io.ironcage.analytics.cli;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.pricing.CostBreakdown;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code models}: the price table, optionally for one provider. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the price table (USD per million tokens).")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--provider", description = "Only this provider: openai, anthropic, or a table provider such as gemini, bedrock.")
    String provider;

    @Option(names = "--prices", description = "A price table to use instead of the embedded one.")
    Path prices;

    @Override
    public Integer call() {
        PricingCatalog catalog = Prices.load(prices);
        List<ModelPrice> rows = catalog.modelNames().stream().sorted()
                .map(m -> catalog.find(m).orElseThrow())
                .filter(p -> provider == null || p.provider().wireName().equalsIgnoreCase(provider)
                        || p.tableProvider().equalsIgnoreCase(provider))
                .toList();
        if (rows.isEmpty()) {
            throw new CliException(provider == null ? "the price table " + catalog.revision() + " lists no models"
                    : "no models for provider '" + provider + "' in the price table " + catalog.revision());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Price table %s: %,d models%s%n", catalog.revision(), rows.size(),
                provider == null ? "" : " for provider " + provider);
        String fmt = "%-60s %-18s %12s %12s %12s%n";
        out.printf(fmt, "model", "provider", "input $/1M", "output $/1M", "cached $/1M");
        for (ModelPrice p : rows) {
            // One token of each bucket at the base tier gives the rates.
            CostBreakdown b = p.explain(LlmUsage.builder(p.model()).inputTokens(2).cacheReadTokens(1).outputTokens(1).build())
                    .orElse(null);
            if (b == null) {
                out.printf(fmt, p.model(), p.tableProvider(), "?", "?", "?");
                continue;
            }
            out.printf(fmt, p.model(), p.tableProvider(), rate(b, "input"), rate(b, "output"), rate(b, "cache_read"));
        }
        return 0;
    }

    private static String rate(CostBreakdown b, String bucket) {
        return b.lines().stream().filter(l -> l.bucket().equals(bucket)).findFirst()
                .map(l -> Prices.perMillion(l.femtosPerToken())).orElse("-");
    }
}
