package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;

/**
 * The sync actor's runner (as Agrona's {@code AgentRunner}): the one thread loop that drives a
 * {@link SyncStateMachine}, the actor that owns every piece of sync state (see the package
 * documentation). One pass ({@link #doWork()}): hand every queued message to the logic, let it
 * step with the clock's {@code now}, and, unless the run ended, remember when to call again; the
 * loop ({@link #run()}) then parks on the mailbox until that time or the next message. Anything the
 * logic throws ends the run through the logic's one shutdown path ({@link SyncStateMachine#finish}).
 *
 * <p>Thread contract: {@link #run()} (or, in tests, {@link #doWork()}) on one thread only;
 * {@link #status()} from any thread.
 */
final class SyncActor implements Runnable {
    static final System.Logger LOG = SyncReporter.LOG;
    private static final Duration MAX_NANOS = Duration.ofDays(365L * 100);

    private final SyncStateMachine logic;
    private final Mailbox<Msg> mailbox;
    private final SyncClock clock;
    private boolean begun;
    private long wakeAtNanos;

    /**
     * A real run: the system clock, {@code ThreadLocalRandom}-jittered back-off.
     *
     * @param trigger  the buffer listener to reset, or null for a run without triggers (a
     *                 temporary run for {@code syncNow()}: no timer, no threshold)
     * @param onFinish run on the actor thread after the last event was given back
     */
    SyncActor(DefaultEventStore store, SyncConfig config, SyncTuning tuning, Mailbox<Msg> mailbox,
              ThresholdTrigger trigger, Transport transport, SyncObserver observer, Runnable onFinish) {
        this(new SyncStateMachine(store, config, mailbox, trigger, transport, new Backoff(tuning), observer, onFinish,
                SyncClock.SYSTEM), mailbox, SyncClock.SYSTEM);
    }

    /**
     * @param logic   the state machine
     * @param mailbox the logic's mailbox (drained here, parked on here)
     * @param clock   the logic's clock
     */
    SyncActor(SyncStateMachine logic, Mailbox<Msg> mailbox, SyncClock clock) {
        this.logic = logic;
        this.mailbox = mailbox;
        this.clock = clock;
    }

    /** The run's totals; set once the actor finished, read on the actor thread by {@code onFinish}. */
    SyncResult finalResult() {
        return logic.finalResult();
    }

    /** Any thread. */
    SyncStatus status() {
        return logic.status();
    }

    @Override
    public void run() {
        while (!doWork()) {
            mailbox.awaitUntil(wakeAtNanos, clock);
        }
    }

    /**
     * One pass of the loop, never parking: messages, then a step.
     *
     * @return true once the run has ended (every event given back, every waiter answered)
     */
    boolean doWork() {
        if (logic.finished()) {
            return true;
        }
        try {
            if (!begun) {
                begun = true;
                logic.begin(clock.nanoTime());
            }
            for (Msg m; (m = mailbox.poll()) != null; ) {
                logic.handle(m, clock.nanoTime());
            }
            long now = clock.nanoTime();
            if (logic.step(now)) {
                logic.finish(now, null);
                return true;
            }
            wakeAtNanos = logic.wakeAt(now);
            return false;
        } catch (Throwable t) {
            logic.finish(clock.nanoTime(), t);
            return true;
        }
    }

    /** When the last {@link #doWork()} asked to be called again at the latest. */
    long wakeAtNanos() {
        return wakeAtNanos;
    }

    /** A duration in nanoseconds, saturated far below overflow (intervals may be given in years). */
    static long nanos(Duration d) {
        return d.compareTo(MAX_NANOS) > 0 ? MAX_NANOS.toNanos() : d.toNanos();
    }
}
