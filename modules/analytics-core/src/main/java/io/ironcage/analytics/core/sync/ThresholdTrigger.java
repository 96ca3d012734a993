package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.store.BufferListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The store's buffer listener: posts one batch-threshold message when the buffer reaches the
 * threshold, and no other until the actor has handled it. On the recording path: a plain
 * volatile read in the common case, one CAS and one offer when it fires; never blocks, never
 * allocates (the message is a shared constant).
 */
final class ThresholdTrigger implements BufferListener {
    private final int threshold;
    private final Mailbox<Msg> mailbox;
    private final AtomicBoolean pending = new AtomicBoolean();

    ThresholdTrigger(int threshold, Mailbox<Msg> mailbox) {
        this.threshold = threshold;
        this.mailbox = mailbox;
    }

    @Override
    public void buffered(int bufferedCount) {
        // Plain get first: once a message is pending, recorders do not contend on the CAS.
        if (bufferedCount >= threshold && !pending.get() && pending.compareAndSet(false, true)) {
            mailbox.post(Msg.Threshold.INSTANCE);
        }
    }

    /** The actor took the message: the next buffered event at or above the threshold posts again. */
    void handled() {
        pending.set(false);
    }
}
