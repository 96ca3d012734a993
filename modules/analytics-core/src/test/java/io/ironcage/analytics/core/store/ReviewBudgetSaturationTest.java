package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.Reservation;
import org.junit.jupiter.api.Test;

/**
 * Review of item 11 ("the budget saturates on the recording path").
 *
 * <p>{@code AtomicBudgetTracker.spendSaturating} saturates {@code committed} (spend plus open
 * reservations) and {@code spent} independently. When an open reservation is what pushes
 * {@code committed} to {@link Long#MAX_VALUE}, the spend is cut from {@code committed} but not from
 * {@code spent}; releasing the reservation afterwards subtracts its full amount, so
 * {@code committed} ends below {@code spent} (the class's own invariant "committed >= spent" is
 * broken) and every later admission decision ({@code canSpend}, {@code reserve}) under-counts the
 * spend: the budget admits spending past its limit.
 */
class ReviewBudgetSaturationTest {

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
