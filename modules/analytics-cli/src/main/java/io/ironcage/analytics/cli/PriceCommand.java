package io.ironcage.analytics.cli;

import io.ironcage.analytics.LlmUsage;
import io.ironcage.analytics.pricing.CostBreakdown;
import io.ironcage.analytics.pricing.ModelPrice;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code price}: the cost of one request and how it was computed, bucket by bucket. */
@Command(name = "price", mixinStandardHelpOptions = true,
        description = "Show what one request costs and how: rates per bucket, tier, exact total.")
final class PriceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model, e.g. gpt-4o-mini or anthropic/claude-sonnet-4-20250514.")
    String model;

    @Option(names = "--input", required = true, description = "Prompt tokens, cached ones included.")
    long input;

    @Option(names = "--output", required = true, description = "Completion tokens, reasoning ones included.")
    long output;

    @Option(names = "--cache-read", defaultValue = "0", description = "Prompt tokens read from the cache.")
    long cacheRead;

    @Option(names = "--cache-write", defaultValue = "0", description = "Prompt tokens written to the cache (5-minute).")
    long cacheWrite;

    @Option(names = "--cache-write-1h", defaultValue = "0", description = "Prompt tokens written to the cache with a 1-hour lifetime.")
    long cacheWrite1h;

    @Option(names = "--reasoning", defaultValue = "0", description = "Completion tokens spent on reasoning.")
    long reasoning;

    @Option(names = "--prices", description = "A price table to use instead of the embedded one (LiteLLM JSON or the project's format).")
    Path prices;

    @Override
    public Integer call() {
        PricingCatalog catalog = Prices.load(prices);
        ModelPrice price = catalog.find(model).orElseThrow(() -> new CliException("unknown model '" + model
                + "': not in the price table " + catalog.revision() + " (see 'iron-analytics models')"));
        LlmUsage usage;
        try {
            usage = LlmUsage.builder(model).inputTokens(input).outputTokens(output).cacheReadTokens(cacheRead)
                    .cacheWriteTokens(cacheWrite + cacheWrite1h).cacheWrite1hTokens(cacheWrite1h)
                    .reasoningTokens(reasoning).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s (%s, table provider %s), price table %s%n", price.model(), price.provider().wireName(),
                price.tableProvider(), price.revision());
        CostBreakdown b = price.explain(usage).orElse(null);
        if (b == null) {
            out.printf("cost: %s%n", UsageReport.usd(price.costMicros(usage)));
            return 0;
        }
        out.println(b.tierThreshold() == 0 ? "rates: base (no long-context tier applies)"
                : "rates: long-context tier (prompt above " + String.format("%,d", b.tierThreshold()) + " tokens)");
        String fmt = "  %-15s %12s  x  %12s $/1M  =  %s%n";
        out.printf(fmt, "bucket", "tokens", "rate", "USD");
        for (CostBreakdown.Line l : b.lines()) {
            out.printf(fmt, l.bucket(), String.format("%,d", l.tokens()), Prices.perMillion(l.femtosPerToken()),
                    Prices.usdFromFemtos(l.costFemtos()));
        }
        out.printf("total: $%s exactly = %,d microdollars (rounded down; a store carries the remainder)%n",
                Prices.usdFromFemtos(b.totalFemtos()), b.totalMicros());
        out.printf("worst case before sending (max output): %s%n",
                UsageReport.usd(price.maxCostMicros(input, null)));
        return 0;
    }
}
