package io.ironcage.analytics;

import java.util.Objects;

/**
 * A store with a streaming channel: every recorded event is also offered to {@code receiver},
 * without ever blocking the recorder (overflow is dropped and counted by the receiver).
 *
 * @param store    the store
 * @param receiver the receiving end of its channel
 */
public record StreamingStore(EventStore store, EventReceiver receiver) {

    /**
     * Validates the components.
     *
     * @param store    the store
     * @param receiver the receiver
     */
    public StreamingStore {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(receiver, "receiver");
    }
}
