package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputedStatsTest {

    private static ComputedStats stats(long requests, long failed, long in, long out, long cost) {
        return new ComputedStats(requests, failed, in, out, cost, 0, Map.of(), Map.of(), Map.of());
    }

    @Test
    void successRateIsAPercentage() {
        assertEquals(70.0, stats(10, 3, 0, 0, 0).successRate(), 1e-9);
        assertEquals(0.0, stats(4, 4, 0, 0, 0).successRate(), 1e-9);
        assertEquals(100.0, stats(4, 0, 0, 0, 0).successRate(), 1e-9);
        assertEquals(200.0 / 3, stats(3, 1, 0, 0, 0).successRate(), 1e-9);
    }

    @Test
    void successRateWithNoRequestsIs100() {
        assertEquals(100.0, stats(0, 0, 0, 0, 0).successRate());
    }

    @Test
    void averageCostPerRequestIncludesFailedRequests() {
        assertEquals(0.75, stats(4, 1, 0, 0, 3_000_000).avgCostPerRequestUsd(), 1e-12);
        assertEquals(0.000_001, stats(1, 0, 0, 0, 1).avgCostPerRequestUsd(), 1e-15);
        assertEquals(0.0, stats(0, 0, 0, 0, 0).avgCostPerRequestUsd());
    }

    @Test
    void totalCostUsdIsMicrosOverAMillion() {
        assertEquals(1.5, stats(1, 0, 0, 0, 1_500_000).totalCostUsd(), 1e-12);
        assertEquals(0.000_001, stats(1, 0, 0, 0, 1).totalCostUsd(), 1e-15);
    }

    @Test
    void tokensTotalAndAverage() {
        ComputedStats s = stats(4, 1, 1_000, 250, 0);
        assertEquals(1_250, s.totalTokens());
        assertEquals(312.5, s.avgTokensPerRequest(), 1e-12);
        assertEquals(0.0, stats(0, 0, 0, 0, 0).avgTokensPerRequest());
    }

    @Test
    void mapsAreUnmodifiableCopies() {
        Map<String, ModelStats> models = new HashMap<>();
        models.put("gpt-4o", new ModelStats(1, 0, 2, 3, 4, 0));
        ComputedStats s = new ComputedStats(1, 0, 2, 3, 4, 0, models, Map.of(), Map.of());
        models.put("other", ModelStats.EMPTY);
        assertEquals(1, s.byModel().size(), "a later change to the caller's map must not show");
        assertThrows(UnsupportedOperationException.class, () -> s.byModel().put("x", ModelStats.EMPTY));
        assertThrows(UnsupportedOperationException.class, () -> s.byProvider().clear());
        assertThrows(UnsupportedOperationException.class, () -> s.byAgent().put("x", ModelStats.EMPTY));
    }

    @Test
    void modelStatsHelpers() {
        ModelStats a = new ModelStats(3, 1, 100, 20, 2_500_000, 1);
        ModelStats b = new ModelStats(2, 2, 5, 6, 7, 0);
        assertEquals(2.5, a.costUsd(), 1e-12);
        assertEquals(120, a.totalTokens());
        assertEquals(new ModelStats(5, 3, 105, 26, 2_500_007, 1), a.plus(b));
        assertEquals(a, a.plus(ModelStats.EMPTY));
        assertEquals(new ModelStats(0, 0, 0, 0, 0, 0), ModelStats.EMPTY);
    }
}
