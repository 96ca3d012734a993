package io.ironcage.analytics.core.sync;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps every state change and attempt the actor reports, for assertions. */
final class RecordingObserver implements SyncObserver {
    record Change(SyncState from, SyncState to, String reason) { }

    final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SyncAttempt> attempts = new ConcurrentLinkedQueue<>();

    @Override
    public void stateChanged(SyncState from, SyncState to, String reason) {
        changes.add(new Change(from, to, reason));
    }

    @Override
    public void attempt(SyncAttempt attempt) {
        attempts.add(attempt);
    }

    boolean entered(SyncState state) {
        return changes.stream().anyMatch(c -> c.to() == state);
    }

    List<SyncAttempt> attempts(SyncAttempt.Outcome outcome) {
        return attempts.stream().filter(a -> a.outcome() == outcome).toList();
    }
}
