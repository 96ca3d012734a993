package io.ironcage.analytics.internal;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.sync.SyncConfig;
import java.lang.invoke.MethodHandles;

/**
 * The holder through which API classes hand their {@code *Access} implementations to the
 * implementation module (the JDK's {@code jdk.internal.access.SharedSecrets}).
 *
 * <p>Class-initialisation order: each owning class registers its implementation as the last step
 * of its static initialiser ({@code AnalyticsEvent} for {@link EventAccess}, {@code SyncConfig}
 * for {@link SyncConfigAccess}). A getter first makes sure that class is initialised (a no-op once
 * it is), so the value is there whichever class core touches first; this class itself depends on
 * nothing at initialisation, so there is no cycle. Memory ordering: the field is written inside the
 * owner's {@code <clinit>}, and a thread that finds a class initialised (here, through
 * {@code ensureInitialized}) sees everything its initialiser wrote (JLS 12.4.2), so the fields need
 * not be volatile. The one thread that could see null is the owner's own initialiser calling a
 * getter before registering; neither owner does.
 *
 * <p>Each setter accepts one value, once: a second registration is a bug and fails.
 */
public final class SharedSecrets {
    private static EventAccess eventAccess;
    private static SyncConfigAccess syncConfigAccess;

    private SharedSecrets() {}

    /**
     * Registers the event accessor; called by {@code AnalyticsEvent}'s static initialiser only.
     *
     * @param access the implementation
     * @throws IllegalStateException if one is already registered
     */
    public static void setEventAccess(EventAccess access) {
        if (eventAccess != null) {
            throw new IllegalStateException("EventAccess already set");
        }
        eventAccess = access;
    }

    /**
     * The event accessor, initialising {@code AnalyticsEvent} first if needed.
     *
     * @return the accessor, never null
     */
    public static EventAccess eventAccess() {
        ensureInitialized(AnalyticsEvent.class);
        return eventAccess;
    }

    /**
     * Registers the sync configuration accessor; called by {@code SyncConfig}'s static initialiser
     * only.
     *
     * @param access the implementation
     * @throws IllegalStateException if one is already registered
     */
    public static void setSyncConfigAccess(SyncConfigAccess access) {
        if (syncConfigAccess != null) {
            throw new IllegalStateException("SyncConfigAccess already set");
        }
        syncConfigAccess = access;
    }

    /**
     * The sync configuration accessor, initialising {@code SyncConfig} first if needed.
     *
     * @return the accessor, never null
     */
    public static SyncConfigAccess syncConfigAccess() {
        ensureInitialized(SyncConfig.class);
        return syncConfigAccess;
    }

    private static void ensureInitialized(Class<?> owner) {
        try {
            MethodHandles.lookup().ensureInitialized(owner);
        } catch (IllegalAccessException e) {
            // Cannot happen: the owners are public classes of this module.
            throw new AssertionError(e);
        }
    }
}
