package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.ActorStateMachineTest.FakeClock;
import io.ironcage.analytics.core.sync.ActorStateMachineTest.Harness;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review of the actor split (issue 11 part 2): the one shutdown path, {@link SyncStateMachine#finish}.
 *
 * <p>Before the split, {@code SyncActor.run()} called {@code finish()} and, if anything escaped it,
 * logged and called {@code finish()} AGAIN: the second call took the remaining queued completions,
 * gave every event back, closed the HTTP client, published STOPPED and answered the stop with the
 * run's result. After the split {@code finish} is idempotent ({@code finished = true} first) and the
 * runner's catch calls it again only to find it finished, so whatever the first call did not reach
 * is never done. Same deterministic harness as {@link ActorStateMachineTest}: fake clock, fake
 * transport, the real runner's {@code doWork()}; no sleeps, no sockets, no threads.
 */
@Timeout(10)
class ActorFinishReviewTest {
    static {
        // The core module does not read java.logging (see SyncSecretsTest).
        ActorFinishReviewTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    private static SyncConfig config() {
        return SyncFixtures.config("http://127.0.0.1:9").withMaxInFlight(4);
    }

    /** A transport whose server answers 202 at once, on the sending thread (as a fast loopback can). */
    static final class AnsweringTransport implements Transport {
        int sent;
        boolean closed;

        @Override
        public CompletableFuture<Exchange> send(byte[] body) {
            sent++;
            return CompletableFuture.completedFuture(new Exchange(202, null, new byte[0]));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Throws a VirtualMachineError (escapes the reporter's shield) from the first attempt() only. */
    static final class FailingOnce implements SyncObserver {
        final AtomicInteger calls = new AtomicInteger();
        final SyncAttempt.Outcome on;

        FailingOnce(SyncAttempt.Outcome on) {
            this.on = on;
        }

        @Override
        public void attempt(SyncAttempt attempt) {
            if ((on == null || attempt.outcome() == on) && calls.getAndIncrement() == 0) {
                throw new InternalError("observer failure (once)");
            }
        }
    }

    // Regression (issue 11 review): a completion still queued when finish() starts and whose handling throws aborts giveEverythingBack before any give-back: the other events stay in flight forever, the transport stays open, the stop is answered exceptionally (pre-split: the second finish() recovered all of it)
    @Test
    void aFailureWhileFinishTakesQueuedCompletionsStillGivesEverythingBack() {
        DefaultEventStore store = SyncFixtures.store(100);
        Mailbox<Msg> mailbox = new Mailbox<>();
        FakeClock clock = new FakeClock();
        AnsweringTransport transport = new AnsweringTransport();
        AtomicInteger finishedRuns = new AtomicInteger();
        SyncConfig config = config();
        ThresholdTrigger trigger = new ThresholdTrigger(config.batchThreshold(), mailbox);
        SyncStateMachine logic = new SyncStateMachine(store, config, mailbox, trigger, transport,
                new Backoff(SyncFixtures.FAST, bound -> 0), new FailingOnce(null), finishedRuns::incrementAndGet,
                clock);
        store.bufferListener(trigger);
        SyncActor runner = new SyncActor(logic, mailbox, clock);

        store.record(completed("a"));
        store.record(completed("a"));
        CompletableFuture<SyncResult> stop = new CompletableFuture<>();
        mailbox.post(new Msg.Stop(clock.nanos, stop)); // stop(Duration.ZERO): the flush pass is the last pass
        // One pass: the stop demands the buffer, the pump sends both events, both answers are posted
        // (on the sending thread here; on the HTTP client's thread in a real run, after the runner's
        // drain), the deadline is reached and finish() drains them.
        assertTrue(runner.doWork(), "the deadline pass ends the run");
        assertEquals(2, transport.sent);

        assertEquals(1, finishedRuns.get(), "onFinish ran once");
        assertEquals(0, store.accounting().inFlight(),
                "no event may stay in flight after the run ended: " + store.accounting());
        assertTrue(transport.closed, "the transport is closed at the end of every run");
        assertTrue(stop.isDone(), "the stop is answered");
        assertFalse(stop.isCompletedExceptionally(),
                "every event was delivered or given back: the stop gets the run's result, as before the split");
        assertEquals(new SyncResult(2, 0, 0, 0), stop.join());
        assertConservation(store, 2, 2, 0, 0, 0, 0); // inFlight 0 at rest
    }

    // Regression (issue 11 review): a failure while reporting the cancelled attempts (after every event was given back) leaves finalResult/status unpublished: the stop is answered exceptionally and status() keeps showing RUNNING with requests in flight (pre-split: the second finish() answered (0,0,0,2), STOPPED)
    @Test
    void aFailureWhileReportingCancelledAttemptsStillAnswersTheStopAndPublishesStopped() {
        Harness h = new Harness(config(), new FailingOnce(SyncAttempt.Outcome.CANCELLED));
        h.record(completed("a"), completed("a"));
        assertFalse(h.pass());
        assertEquals(2, h.transport.sent.size());
        CompletableFuture<SyncResult> stop = h.stop(Duration.ZERO);
        assertTrue(h.pass(), "deadline reached: both requests cancelled, both events given back");
        assertTrue(h.transport.closed);
        assertEquals(1, h.finishedRuns.get());
        assertConservation(h.store, 2, 0, 2, 0, 0, 0); // the events themselves are safe

        SyncStatus status = h.status();
        assertEquals(SyncState.STOPPED, status.state(), "status after the run ended: " + status);
        assertEquals(0, status.inFlight(), "nothing is in flight any more: " + status);
        assertFalse(stop.isCompletedExceptionally(), "every event was given back: the stop has a result");
        assertEquals(new SyncResult(0, 0, 0, 2), stop.join());
    }

    // Regression (issue 11 review): finish() promises "runs onFinish exactly once, even if a part of this fails", but a sync logger that throws (a JUL filter/handler, as SyncStartLogFailureTest treats as real) escapes finish from its catch block: onFinish never runs, the stop and syncNow replies are never answered (the run's store slot is then never freed). Pre-existing, not fixed by the split's "one shutdown path".
    @Test
    void aThrowingLoggerDoesNotStopFinishFromAnsweringAndRunningOnFinish() {
        Logger syncLogger = Logger.getLogger("io.ironcage.analytics.sync");
        Filter previousFilter = syncLogger.getFilter();
        Level previousLevel = syncLogger.getLevel();
        try {
            Harness h = new Harness(config());
            h.record(completed("a"));
            assertFalse(h.pass());
            h.transport.last().answer(202);
            assertFalse(h.pass());
            CompletableFuture<SyncResult> cycle = h.syncNow(Duration.ofSeconds(10));
            CompletableFuture<SyncResult> stop = h.stop(Duration.ZERO);
            syncLogger.setLevel(Level.ALL);
            syncLogger.setFilter(r -> {
                throw new IllegalStateException("log handler failed");
            });
            h.pass();
            syncLogger.setFilter(previousFilter);
            syncLogger.setLevel(previousLevel);

            assertTrue(h.transport.closed);
            assertEquals(1, h.finishedRuns.get(), "onFinish ran exactly once");
            assertTrue(cycle.isDone(), "the syncNow cycle is answered");
            assertTrue(stop.isDone(), "the stop is answered");
            assertConservation(h.store, 1, 1, 0, 0, 0, 0);
        } finally {
            syncLogger.setFilter(previousFilter);
            syncLogger.setLevel(previousLevel);
        }
    }
}
