package io.ironcage.analytics.core.store;

/**
 * Told on the recording path after each event is buffered, with the buffered LLM events; the sync
 * client uses it to post one batch-threshold message. Must not block, allocate per call or throw.
 */
@FunctionalInterface
public interface BufferListener {
    /**
     * An event was buffered.
     *
     * @param bufferedCount LLM events in the buffer now (local events are never sent)
     */
    void buffered(int bufferedCount);
}
