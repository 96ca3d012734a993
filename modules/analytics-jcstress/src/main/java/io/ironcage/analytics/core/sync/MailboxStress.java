package io.ironcage.analytics.core.sync;

import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

/** jcstress check of {@link Mailbox}'s park/unpark hand-off. */
final class MailboxStress {

    private MailboxStress() {}

    /** Far longer than any scheduling delay: an owner still asleep this long after a post missed its wake-up. */
    static final long LOST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * Property: a post racing the owner going to park (its parked flag, the emptiness re-check,
     * parkNanos) always wakes the owner: it is never left asleep with the message unseen until its
     * deadline. Why: the sync actor's owner parks with no deadline when idle, so a lost wake-up
     * would leave a flush, a close or a markSynced unhandled indefinitely.
     * <p>r1: 1 if the owner got the message before its deadline, 0 if only the deadline woke it.
     * r2: how many times the owner parked (0 or 1 with a prompt hand-off; more only for a stale
     * permit from an earlier round, which ends a park early and is harmless: still 1 result).
     */
    @JCStressTest
    @Description("A post races the owner's awaitUntil; the owner must see the message before its deadline.")
    @Outcome(id = "1, .*", expect = ACCEPTABLE, desc = "the owner got the message without waiting for its deadline")
    @State
    public static class PostVersusPark {
        private final Mailbox<String> mailbox = new Mailbox<>();

        @Actor
        public void post() {
            mailbox.post("flush");
        }

        @Actor
        public void owner(II_Result r) {
            mailbox.owner(Thread.currentThread());
            long deadline = System.nanoTime() + LOST_AFTER_NANOS;
            int parks = 0;
            while (mailbox.poll() == null) {
                if (System.nanoTime() - deadline >= 0) {
                    r.r1 = 0; // the deadline, not the post, ended the wait: a lost wake-up
                    r.r2 = parks;
                    return;
                }
                mailbox.awaitUntil(deadline);
                parks++;
            }
            r.r1 = 1;
            r.r2 = parks;
        }
    }
}
