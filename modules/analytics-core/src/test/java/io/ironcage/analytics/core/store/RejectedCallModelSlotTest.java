package io.ironcage.analytics.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.ComputedStats;
import io.ironcage.analytics.core.pricing.PriceTables;
import org.junit.jupiter.api.Test;

/**
 * "A rejected call records nothing": everything that can fail runs before the model's key is
 * admitted into the model table, so a call the price rejects (here: a cost that overflows a long)
 * takes none of the {@code maxModels} slots; the next, valid model gets its own row.
 */
class RejectedCallModelSlotTest {

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
