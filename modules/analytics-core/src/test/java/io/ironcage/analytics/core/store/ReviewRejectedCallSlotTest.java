package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.core.pricing.PriceTables;
import org.junit.jupiter.api.Test;

/**
 * Review of items 11-17: "a rejected call records nothing" and item 11 ("everything that can fail
 * must run before anything is counted").
 *
 * <p>{@code DefaultEventStore.completed} calls {@code byModel.lookup(model)} in step 2, before
 * pricing. {@code lookup} admits a never-seen model into the model table (it takes one of the
 * {@code maxModels} slots, for good) and only then can the price reject the call (here: the core
 * table refusing a cost that overflows a long). The rejected call leaves a permanent, invisible key
 * behind: it has no row in {@code stats()}, yet the next, valid model is sent to {@code (other)}.
 */
class ReviewRejectedCallSlotTest {

    /**
     * A completion the price table rejects (its cost overflows a long) must not take a model slot:
     * with {@code maxModels(1)}, the first valid model afterwards must get its own row, not
     * {@code (other)}.
     */
    @Test
    void aRejectedCompletionDoesNotUseUpAModelSlot() {
        try (DefaultEventStore store = Stores.store(Stores.config().maxModels(1), PriceTables.embedded())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.recordLlmCompleted("gpt-4o", Long.MAX_VALUE / 2, 0, null, null));
            assertTrue(e.getMessage().contains("overflow"), e.getMessage());
            assertEquals(0, store.stats().totalRequests(), "the rejected call recorded nothing visible");

            store.recordLlmCompleted("gpt-4o-mini", 10, 10, null, null);

            ComputedStats s = store.stats();
            assertEquals(0, store.modelOverflowEvents(),
                    "the only model ever recorded went to (other): " + s.byModel().keySet());
            assertTrue(s.byModel().containsKey("gpt-4o-mini"), "rows: " + s.byModel().keySet());
        }
    }
}
