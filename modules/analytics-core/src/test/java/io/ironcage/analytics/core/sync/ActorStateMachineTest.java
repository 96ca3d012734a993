package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The actor's state machine, driven on the test thread: a fake clock, a transport whose futures
 * the test completes by hand, the real store and the real runner's {@code doWork()} (never its
 * park). No sleeps, no sockets, no threads: each test runs in milliseconds. Each ends with the
 * store's accounting conserved.
 */
@Timeout(5)
class ActorStateMachineTest {
    private static final long MS = 1_000_000L;
    private static final String TOKEN_A = "ic_token-of-agent-a-51d2";
    private static final String TOKEN_B = "ic_token-of-agent-b-9e07";

    /** A clock that moves only when told; the wall clock moves with it from a whole second. */
    static final class FakeClock implements SyncClock {
        static final long START = 7_000_000_000_000L;
        static final Instant WALL_START = Instant.parse("2026-12-02T10:00:00Z");
        long nanos = START;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public Instant wallTime() {
            return WALL_START.plusNanos(nanos - START);
        }

        void advance(long byNanos) {
            nanos += byNanos;
        }
    }

    /** One request the actor sent; the test answers it. */
    record Sent(String body, CompletableFuture<Exchange> future) {
        void answer(int status) {
            answer(status, null);
        }

        void answer(int status, String retryAfter) {
            assertTrue(future.complete(new Exchange(status, retryAfter, new byte[0])), "answered once");
        }

        boolean carries(String token) {
            return body.contains(token);
        }
    }

    /** Records every body; never answers by itself. */
    static final class FakeTransport implements Transport {
        final List<Sent> sent = new ArrayList<>();
        boolean closed;

        @Override
        public CompletableFuture<Exchange> send(byte[] body) {
            Sent s = new Sent(new String(body, StandardCharsets.UTF_8), new CompletableFuture<>());
            sent.add(s);
            return s.future();
        }

        @Override
        public void close() {
            closed = true;
        }

        Sent last() {
            return sent.get(sent.size() - 1);
        }
    }

    /** A store, a run's actor around the fakes, and the messages a handle would post. */
    static final class Harness {
        final DefaultEventStore store = SyncFixtures.store(100);
        final Mailbox<Msg> mailbox = new Mailbox<>();
        final FakeClock clock = new FakeClock();
        final FakeTransport transport = new FakeTransport();
        final RecordingObserver observer = new RecordingObserver();
        final AtomicInteger finishedRuns = new AtomicInteger();
        final SyncStateMachine logic;
        final SyncActor runner;

        /** Lowest jitter: each back-off step is exactly half its nominal delay. */
        Harness(SyncConfig config) {
            this(config, new RecordingObserver());
        }

        Harness(SyncConfig config, SyncObserver extra) {
            ThresholdTrigger trigger = new ThresholdTrigger(config.batchThreshold(), mailbox);
            SyncObserver both = new SyncObserver() {
                @Override
                public void stateChanged(SyncState from, SyncState to, String reason) {
                    observer.stateChanged(from, to, reason);
                    extra.stateChanged(from, to, reason);
                }

                @Override
                public void attempt(SyncAttempt attempt) {
                    observer.attempt(attempt);
                    extra.attempt(attempt);
                }
            };
            logic = new SyncStateMachine(store, config, mailbox, trigger, transport,
                    new Backoff(SyncFixtures.FAST, bound -> 0), both, finishedRuns::incrementAndGet, clock);
            store.bufferListener(trigger);
            runner = new SyncActor(logic, mailbox, clock);
        }

        /** One pass of the runner; true once the run ended. */
        boolean pass() {
            return runner.doWork();
        }

        void record(AnalyticsEvent... events) {
            for (AnalyticsEvent e : events) {
                store.record(e);
            }
        }

        CompletableFuture<SyncResult> syncNow(Duration timeout) {
            CompletableFuture<SyncResult> reply = new CompletableFuture<>();
            mailbox.post(new Msg.SyncNow(clock.nanos + timeout.toNanos(), reply));
            return reply;
        }

        CompletableFuture<SyncResult> stop(Duration deadline) {
            CompletableFuture<SyncResult> reply = new CompletableFuture<>();
            mailbox.post(new Msg.Stop(clock.nanos + deadline.toNanos(), reply));
            return reply;
        }

        /** How long the runner would park now. */
        long parkNanos() {
            return runner.wakeAtNanos() - clock.nanos;
        }

        SyncStatus status() {
            return logic.status();
        }
    }

    private static SyncConfig config() {
        return SyncFixtures.config("http://127.0.0.1:9").withMaxInFlight(4);
    }

    @Test
    void deliversWhatIsBufferedAndStopsWithEverythingAccounted() {
        Harness h = new Harness(config());
        h.record(completed("a"), completed("a"), completed("a"));
        assertFalse(h.pass());
        assertEquals(3, h.transport.sent.size(), "the threshold drives a send of everything buffered");
        h.transport.sent.forEach(s -> s.answer(202));
        assertFalse(h.pass());
        SyncStatus s = h.status();
        assertEquals(3, s.delivered());
        assertEquals(SyncState.RUNNING, s.state());
        assertEquals(FakeClock.WALL_START, s.lastSuccess(), "the injected wall clock");
        CompletableFuture<SyncResult> stop = h.stop(Duration.ofSeconds(5));
        assertTrue(h.pass(), "nothing in flight: the stop settles at once");
        assertEquals(new SyncResult(3, 0, 0, 0), stop.join());
        assertTrue(h.transport.closed);
        assertEquals(1, h.finishedRuns.get());
        assertEquals(SyncState.STOPPED, h.status().state());
        assertConservation(h.store, 3, 3, 0, 0, 0, 0);
    }

    @Test
    void backoffDoublesAndSendsASingleProbeWhileBackingOff() {
        Harness h = new Harness(config());
        h.record(completed("a"), completed("a"), completed("a"));
        h.pass();
        assertEquals(3, h.transport.sent.size());
        h.transport.sent.get(0).answer(503);
        h.pass();
        assertEquals(SyncState.BACKING_OFF, h.status().state());
        assertEquals(1, h.status().consecutiveFailures());
        assertEquals(10 * MS, h.parkNanos(), "first step: 20 ms, lowest jitter = 10 ms");
        assertEquals(FakeClock.WALL_START.plusMillis(10), h.status().nextAttempt());
        h.transport.sent.get(1).answer(503);
        h.transport.sent.get(2).answer(503);
        h.pass();
        assertEquals(1, h.status().consecutiveFailures(), "requests sent before the back-off do not count again");

        h.clock.advance(10 * MS - 1);
        h.pass();
        assertEquals(3, h.transport.sent.size(), "nothing before the back-off ends");
        h.clock.advance(1);
        h.pass();
        assertEquals(4, h.transport.sent.size(), "one probe, though 3 events wait and 4 may be in flight");
        h.clock.advance(Duration.ofSeconds(1).toNanos());
        h.pass();
        assertEquals(4, h.transport.sent.size(), "still one probe while it is out");
        assertEquals(1, h.status().inFlight());

        h.transport.last().answer(503);
        h.pass();
        assertEquals(2, h.status().consecutiveFailures());
        assertEquals(20 * MS, h.parkNanos(), "doubled: 40 ms, lowest jitter = 20 ms");
        h.clock.advance(20 * MS);
        h.pass();
        assertEquals(5, h.transport.sent.size(), "the second probe");
        h.transport.last().answer(202);
        h.pass();
        assertEquals(SyncState.RUNNING, h.status().state(), "the probe's success ends the back-off");
        assertEquals(0, h.status().consecutiveFailures());
        assertEquals(7, h.transport.sent.size(), "the other two go together at once");
        h.transport.sent.subList(5, 7).forEach(s -> s.answer(202));
        h.pass();
        assertEquals(3, h.status().delivered());
        assertEquals(4, h.status().retries(), "two probes and two re-sends");
        assertTrue(h.observer.entered(SyncState.BACKING_OFF));
        h.stop(Duration.ZERO);
        assertTrue(h.pass());
        assertConservation(h.store, 3, 3, 0, 0, 0, 0);
    }

    @Test
    void retryAfterInDeltaSecondsSetsTheWaitAndIsFlooredAtTheInitialBackoff() {
        Harness h = new Harness(config());
        h.record(completed("a"));
        h.pass();
        h.transport.last().answer(429, "2");
        h.pass();
        assertEquals(Duration.ofSeconds(2).toNanos(), h.parkNanos(), "the server's 2 s, not the 10 ms schedule");
        h.clock.advance(Duration.ofSeconds(2).toNanos() - 1);
        h.pass();
        assertEquals(1, h.transport.sent.size());
        h.clock.advance(1);
        h.pass();
        assertEquals(2, h.transport.sent.size(), "the probe at 2 s");

        h.transport.last().answer(429, "0");
        h.pass();
        assertEquals(20 * MS, h.parkNanos(), "Retry-After: 0 floored at the initial back-off (20 ms)");
        h.clock.advance(20 * MS - 1);
        h.pass();
        assertEquals(2, h.transport.sent.size(), "no busy loop");
        h.clock.advance(1);
        h.pass();
        assertEquals(3, h.transport.sent.size());
        h.transport.last().answer(202);
        h.pass();
        h.stop(Duration.ZERO);
        assertTrue(h.pass());
        assertConservation(h.store, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheInjectedWallClock() {
        Harness h = new Harness(config());
        h.record(completed("a"));
        h.pass();
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                h.clock.wallTime().plusSeconds(30).atZone(ZoneOffset.UTC));
        h.transport.last().answer(429, in30s);
        h.pass();
        assertEquals(Duration.ofSeconds(30).toNanos(), h.parkNanos(), "until the date: " + in30s);
        h.clock.advance(Duration.ofSeconds(30).toNanos());
        h.pass();
        assertEquals(2, h.transport.sent.size());
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                h.clock.wallTime().minusSeconds(3600).atZone(ZoneOffset.UTC));
        h.transport.last().answer(429, past);
        h.pass();
        assertEquals(20 * MS, h.parkNanos(), "a past date: floored at the initial back-off");
        h.stop(Duration.ZERO);
        assertTrue(h.pass());
        assertConservation(h.store, 1, 0, 1, 0, 0, 0);
    }

    @Test
    void aRefusedTokenPausesOnlyItsOwnAgentsEvents() {
        Harness h = new Harness(config().withTokenForAgent(agent -> "a".equals(agent) ? TOKEN_A : TOKEN_B));
        h.record(completed("a"), completed("b"));
        h.pass();
        assertEquals(2, h.transport.sent.size());
        Sent a1 = h.transport.sent.stream().filter(x -> x.carries(TOKEN_A)).findFirst().orElseThrow();
        Sent b1 = h.transport.sent.stream().filter(x -> x.carries(TOKEN_B)).findFirst().orElseThrow();
        a1.answer(401);
        b1.answer(202);
        h.pass();
        assertEquals(SyncState.PAUSED_AUTH, h.status().state());
        assertEquals(1, h.status().pausedTokens());
        assertEquals(10 * MS, h.parkNanos(), "the token's probe is due after one back-off step");

        h.record(completed("a"), completed("b"));
        h.pass();
        assertEquals(3, h.transport.sent.size(), "b's new event goes; a's is held for its token");
        assertTrue(h.transport.last().carries(TOKEN_B));
        assertEquals(2, h.status().retrying(), "a's first and second event");
        h.transport.last().answer(202);
        h.pass();

        h.clock.advance(10 * MS);
        h.pass();
        assertEquals(4, h.transport.sent.size(), "one probe with a's token");
        assertTrue(h.transport.last().carries(TOKEN_A));
        h.transport.last().answer(202);
        h.pass();
        assertEquals(SyncState.RUNNING, h.status().state());
        assertEquals(5, h.transport.sent.size(), "a's held event follows its probe");
        h.transport.last().answer(202);
        h.pass();
        assertEquals(4, h.status().delivered());
        h.stop(Duration.ZERO);
        assertTrue(h.pass());
        assertConservation(h.store, 4, 4, 0, 0, 0, 0);
    }

    @Test
    void stopDuringABackoffLongerThanItsDeadlineGivesTheHeldEventsBackAtOnce() {
        Harness h = new Harness(config());
        h.record(completed("a"), completed("a"));
        h.pass();
        h.transport.sent.forEach(s -> s.answer(429, "60")); // the back-off ends after the stop's deadline
        h.pass();
        assertEquals(SyncState.BACKING_OFF, h.status().state());
        CompletableFuture<SyncResult> stop = h.stop(Duration.ofSeconds(5));
        assertTrue(h.pass(), "nothing can happen before the deadline: it stops now");
        assertEquals(new SyncResult(0, 0, 0, 2), stop.join());
        assertEquals(2, h.transport.sent.size(), "no probe at stop");
        assertEquals(SyncState.STOPPED, h.status().state());
        assertEquals(0, h.status().retrying());
        assertConservation(h.store, 2, 0, 2, 0, 0, 0);
    }

    @Test
    void stopDuringABackoffThatEndsBeforeItsDeadlineWaitsForTheProbe() {
        Harness h = new Harness(config());
        h.record(completed("a"));
        h.pass();
        h.transport.last().answer(503);
        h.pass();
        CompletableFuture<SyncResult> stop = h.stop(Duration.ofSeconds(5));
        assertFalse(h.pass(), "the back-off ends in 10 ms, well within the deadline");
        h.clock.advance(10 * MS);
        assertFalse(h.pass());
        assertEquals(2, h.transport.sent.size(), "the probe goes while stopping");
        h.transport.last().answer(202);
        assertTrue(h.pass());
        assertEquals(new SyncResult(1, 0, 0, 0), stop.join());
        assertConservation(h.store, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void theStopDeadlineCancelsWhatIsStillInFlight() {
        Harness h = new Harness(config());
        h.record(completed("a"), completed("a"));
        h.pass();
        CompletableFuture<SyncResult> stop = h.stop(Duration.ofSeconds(1));
        assertFalse(h.pass());
        assertEquals(Duration.ofSeconds(1).toNanos(), h.parkNanos(), "parks until the deadline");
        h.clock.advance(Duration.ofSeconds(1).toNanos() - 1);
        assertFalse(h.pass());
        assertFalse(stop.isDone());
        h.clock.advance(1);
        assertTrue(h.pass());
        assertEquals(new SyncResult(0, 0, 0, 2), stop.join());
        assertTrue(h.transport.sent.stream().allMatch(s -> s.future().isCancelled()), "requests aborted");
        assertEquals(2, h.observer.attempts(SyncAttempt.Outcome.CANCELLED).size());
        assertConservation(h.store, 2, 0, 2, 0, 0, 0);
    }

    @Test
    void syncNowAnswersAtItsDeadlineWithWhatItsCycleDid() {
        Harness h = new Harness(config());
        h.record(completed("a"), completed("a"));
        h.pass();
        CompletableFuture<SyncResult> cycle = h.syncNow(Duration.ofSeconds(1));
        h.transport.sent.get(0).answer(202);
        assertFalse(h.pass());
        assertFalse(cycle.isDone(), "one request still out, deadline not reached");
        h.clock.advance(Duration.ofSeconds(1).toNanos());
        h.pass();
        assertEquals(new SyncResult(1, 0, 0, 1), cycle.getNow(null), "at the deadline: what it did, what is left");
        h.transport.sent.get(1).answer(202);
        h.pass();
        h.stop(Duration.ZERO);
        assertTrue(h.pass());
        assertConservation(h.store, 2, 2, 0, 0, 0, 0);
    }

    @Test
    void aCompletionQueuedWhenTheActorEndsIsTakenNotCancelled() {
        Harness h = new Harness(config());
        h.record(completed("a"));
        h.pass();
        h.stop(Duration.ofSeconds(1));
        h.pass();
        CompletableFuture<SyncResult> late = h.syncNow(Duration.ofSeconds(1));
        h.transport.last().answer(202); // arrives after the stop, before the actor ends
        h.logic.finish(h.clock.nanos + Duration.ofSeconds(1).toNanos(), null); // the deadline pass
        assertFalse(h.transport.last().future().isCancelled());
        assertEquals(1, h.status().delivered());
        assertEquals(new SyncResult(1, 0, 0, 0), late.getNow(null), "a cycle queued at the end is answered too");
        assertTrue(h.pass(), "finished: the runner ends");
        assertEquals(1, h.finishedRuns.get());
        assertConservation(h.store, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void aCompletionArrivingAfterTheDeadlineIsNeverCounted() {
        Harness h = new Harness(config());
        h.record(completed("a"));
        h.pass();
        CompletableFuture<SyncResult> stop = h.stop(Duration.ZERO);
        assertTrue(h.pass(), "deadline reached: the request is cancelled, its event given back");
        assertFalse(h.transport.last().future().complete(new Exchange(202, null, null)),
                "the late answer cannot land: the future was cancelled");
        assertTrue(h.pass());
        assertEquals(new SyncResult(0, 0, 0, 1), stop.join());
        assertEquals(0, h.status().delivered());
        assertConservation(h.store, 1, 0, 1, 0, 0, 0);
    }

    @Test
    void theActorsOwnFailureEndsThroughTheSameShutdownPath() {
        AtomicInteger calls = new AtomicInteger();
        SyncObserver failingOnce = new SyncObserver() {
            @Override
            public void attempt(SyncAttempt attempt) {
                if (calls.getAndIncrement() == 0) {
                    throw new InternalError("not ours to swallow"); // a VirtualMachineError escapes the reporter
                }
            }
        };
        Harness h = new Harness(config(), failingOnce);
        h.record(completed("a"), completed("a"));
        h.pass();
        CompletableFuture<SyncResult> cycle = h.syncNow(Duration.ofSeconds(10));
        h.transport.sent.get(0).answer(202);
        assertTrue(h.pass(), "the error ends the run");
        assertTrue(h.transport.sent.get(1).future().isCancelled(), "the other request cancelled");
        assertTrue(h.transport.closed);
        assertEquals(1, h.finishedRuns.get());
        assertEquals(new SyncResult(1, 0, 0, 1), cycle.getNow(null), "the waiting cycle is answered");
        assertEquals(SyncState.STOPPED, h.status().state());
        assertTrue(h.pass());
        assertEquals(1, h.finishedRuns.get(), "finished once");
        assertConservation(h.store, 2, 1, 1, 0, 0, 0);
        assertNotNull(h.logic.finalResult());
        assertNull(h.status().nextAttempt());
    }
}
