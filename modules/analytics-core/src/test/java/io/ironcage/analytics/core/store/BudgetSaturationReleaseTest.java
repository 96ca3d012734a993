package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.Reservation;
import org.junit.jupiter.api.Test;

/**
 * The budget saturates on the recording path ({@code spendSaturating}): when an open reservation
 * pushes {@code committed} to {@link Long#MAX_VALUE}, part of the spend is not in it; releasing
 * the reservation afterwards must not forget that spend ({@code committed} never drops below
 * {@code spent}), so {@code canSpend} and {@code reserve} never admit spending past the limit.
 */
class BudgetSaturationReleaseTest {

    /**
     * After a saturating spend and the release of the reservation that caused the saturation, the
     * budget must still know what was spent: with a limit of {@code Long.MAX_VALUE} and
     * {@code cost} spent, spending {@code Long.MAX_VALUE - 10} more would pass the limit.
     */
    @Test
    void aSaturatedSpendIsNotForgottenWhenTheReservationIsReleased() {
        try (DefaultEventStore store = Stores.store(Stores.config().budget(Budget.ofMicros(Long.MAX_VALUE)))) {
            BudgetTracker budget = store.budget().orElseThrow();
            Reservation r = budget.reserve(Long.MAX_VALUE - 5).orElseThrow();
            long cost = TestPricing.GPT_4O.cost(10, 10);
            store.recordLlmCompleted(TestPricing.GPT_4O.model(), 10, 10, null, null);
            assertEquals(cost, budget.spentMicros());

            assertTrue(r.release());

            assertEquals(cost, budget.spentMicros());
            assertEquals(0, budget.reservedMicros());
            assertFalse(budget.canSpend(Long.MAX_VALUE - 10),
                    "spent " + cost + " of " + Long.MAX_VALUE + ", yet " + (Long.MAX_VALUE - 10)
                            + " more is allowed: " + budget.status());
            assertTrue(budget.reserve(Long.MAX_VALUE - 10).isEmpty(),
                    "a reservation past the limit was granted: " + budget.status());
        }
    }
}
