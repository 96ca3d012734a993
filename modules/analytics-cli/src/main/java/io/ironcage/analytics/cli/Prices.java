package io.ironcage.analytics.cli;

import io.ironcage.analytics.Analytics;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/** The price table a command uses: the embedded one, or a file given with {@code --prices}. */
final class Prices {
    private Prices() {}

    static PricingCatalog load(Path file) {
        if (file == null) {
            return Analytics.embeddedPricing();
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("price table not found: " + file);
        }
        try {
            return PricingCatalog.load(file);
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot load the price table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Femto-USD per token as USD per million tokens, exact: 150_000_000 -> "0.15". */
    static String perMillion(long femtosPerToken) {
        return BigDecimal.valueOf(femtosPerToken).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /** Femto-USD as exact USD: 1_500_000_000 -> "0.0000015". */
    static String usdFromFemtos(long femtos) {
        return BigDecimal.valueOf(femtos).movePointLeft(15).stripTrailingZeros().toPlainString();
    }
}
