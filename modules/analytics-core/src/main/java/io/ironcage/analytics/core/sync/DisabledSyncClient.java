package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.sync.SyncClient;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;

/** The client of a disabled configuration (no server URL): does nothing, never fails. */
final class DisabledSyncClient implements SyncClient, SyncHandle {
    static final DisabledSyncClient INSTANCE = new DisabledSyncClient();

    private DisabledSyncClient() { }

    @Override
    public SyncHandle start() {
        return this;
    }

    @Override
    public SyncResult syncNow() {
        return SyncResult.NONE;
    }

    @Override
    public SyncResult stop(Duration deadline) {
        return SyncResult.NONE;
    }

    @Override
    public void close() { }

    @Override
    public String toString() {
        return "SyncClient[disabled]";
    }
}
