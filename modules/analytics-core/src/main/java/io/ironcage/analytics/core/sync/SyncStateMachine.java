package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.core.json.EventJson;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.EventStates;
import io.ironcage.analytics.core.store.SyncLedger;
import io.ironcage.analytics.core.sync.SyncAttempt.Outcome;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncResult;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sync actor's logic, apart from the thread that runs it (as Agrona's {@code Agent} apart from
 * its {@code AgentRunner}): handle a message, fire the timer, pump (send what may be sent), update
 * the state, answer settled cycles, compute the next wake-up, and finish. It never parks and takes
 * every timing decision from the {@code now} its runner ({@link SyncActor}) passes; it reads the
 * injected {@link SyncClock} only for what is displayed (wall time) and to stamp completions on
 * the transport's thread. So a test drives it on its own thread with a fake clock and a fake
 * {@link Transport}.
 *
 * <p>Thread contract: every method except {@link #status()} is called by one thread at a time
 * (the runner's); nothing here is shared except through the {@link Mailbox} and the published
 * snapshot, so nothing here is locked.
 *
 * <p>Its parts: {@link GlobalBackoff} (the server is failing), {@link TokenPauses} (one token is
 * refused), {@link RateLimiter}, {@link RunCounters}; {@link #finish} is the one way a run ends
 * (stop settled, stop deadline, or the actor's own failure).
 */
final class SyncStateMachine {
    private static final Logger LOG = SyncReporter.LOG;
    private static final long MAX_PARK_NANOS = Duration.ofMinutes(10).toNanos();

    private final DefaultEventStore store;
    private final SyncLedger ledger;
    private final SyncConfig config;
    private final Mailbox<Msg> mailbox;
    private final ThresholdTrigger trigger;
    private final Transport transport;
    private final Backoff backoff;
    private final SyncReporter report;
    private final Runnable onFinish;
    private final SyncClock clock;
    private final long intervalNanos;
    private final int maxInFlight;
    private final int maxHeld;
    private final RateLimiter rate;

    // ---- actor-owned state: read and written by the runner's thread only
    private final List<Attempt> inFlight = new ArrayList<>();
    /** Events waiting for a retry, oldest failure first; sent before anything new. */
    private final ArrayDeque<AnalyticsEvent> retry = new ArrayDeque<>();
    private final TokenPauses pauses = new TokenPauses();
    private final GlobalBackoff global;
    private final RunCounters counters = new RunCounters();
    private final List<Cycle> cycles = new ArrayList<>();
    private final List<CompletableFuture<SyncResult>> stopReplies = new ArrayList<>();
    /**
     * Every token this run has sent with (the configuration's and each agent's): what
     * {@link ServerText#clean} redacts from server texts. Grows with the distinct tokens only.
     */
    private final Set<String> secrets = new HashSet<>();
    /** How many more events to claim from the buffer in the current drive. */
    private long claimBudget;
    private long nextTickNanos;
    private boolean rateBlocked;
    private boolean stopping;
    private long stopDeadlineNanos;
    private boolean finished;
    private SyncResult finalResult;

    /** Read by any thread; written by the runner's thread after each step. */
    private volatile ActorSnapshot status;

    /** A {@code syncNow()} waiting for its answer, with the counters as they were when it came. */
    private record Cycle(long deadlineNanos, CompletableFuture<SyncResult> reply, RunCounters.Mark mark) { }

    /**
     * @param mailbox   where completions are posted (from the transport's threads), drained once
     *                  more by {@link #finish}
     * @param trigger   the buffer listener to reset, or null for a run without triggers (a
     *                  temporary run for {@code syncNow()}: no timer, no threshold)
     * @param transport sends; closed by {@link #finish}
     * @param backoff   the delay schedule (its jitter source injectable)
     * @param onFinish  run on the actor thread after the last event was given back
     * @param clock     the time sources; the constructor reads it once (rate limiter, first snapshot)
     */
    SyncStateMachine(DefaultEventStore store, SyncConfig config, Mailbox<Msg> mailbox, ThresholdTrigger trigger,
                     Transport transport, Backoff backoff, SyncObserver observer, Runnable onFinish,
                     SyncClock clock) {
        this.store = store;
        this.ledger = store.ledger();
        this.config = config;
        this.mailbox = mailbox;
        this.trigger = trigger;
        this.transport = transport;
        this.backoff = backoff;
        this.global = new GlobalBackoff(backoff);
        this.report = new SyncReporter(config.serverUrl(), observer);
        this.onFinish = onFinish;
        this.clock = clock;
        this.intervalNanos = SyncActor.nanos(config.syncInterval());
        this.maxInFlight = config.maxInFlight();
        this.maxHeld = Math.max(store.capacity(), config.maxInFlight());
        long now = clock.nanoTime();
        this.rate = RateLimiter.perMinute(config.rateLimitPerMinute(), now);
        this.secrets.add(AgentTokens.tokenFor(config, null));
        this.status = snapshot(now);
    }

    /** The run's totals; set once {@link #finish} ran, read on the actor thread by {@code onFinish}. */
    SyncResult finalResult() {
        return finalResult;
    }

    /** Any thread: the last published snapshot, with the store's live buffer as backlog. */
    SyncStatus status() {
        return status.withBacklog(store.bufferedForSync());
    }

    /** Whether {@link #finish} ran: the run is over. */
    boolean finished() {
        return finished;
    }

    // ------------------------------------------------------------------ the steps

    /** Before the first message: the timer starts, and a buffer already at the threshold is claimed. */
    void begin(long now) {
        nextTickNanos = now + intervalNanos;
        if (trigger != null && store.bufferedForSync() >= config.batchThreshold()) {
            demand();
        }
    }

    /** Takes one message. */
    void handle(Msg m, long now) {
        switch (m) {
            case Msg.Threshold t -> {
                if (trigger != null) {
                    trigger.handled();
                }
                if (!stopping) {
                    demand();
                }
            }
            case Msg.SyncNow s -> {
                cycles.add(new Cycle(s.deadlineNanos(), s.reply(), counters.mark()));
                demand();
            }
            case Msg.Stop s -> {
                stopReplies.add(s.reply());
                if (!stopping) {
                    stopping = true;
                    stopDeadlineNanos = s.deadlineNanos();
                    if (trigger != null) {
                        store.bufferListener(null);
                    }
                    // Flush what is buffered now; later recordings wait for the next run.
                    demand();
                } else {
                    // Another stop while flushing: the earliest deadline wins, so a caller that
                    // asks for a quicker stop gets it (a later deadline never extends the flush).
                    stopDeadlineNanos = earlier(stopDeadlineNanos, s.deadlineNanos());
                }
            }
            case Msg.Completed c -> completed(c, now);
        }
    }

    /**
     * After the messages: fire the timer if due, pump, update the state, publish the snapshot,
     * answer settled cycles.
     *
     * @return true if the run must end now (a stop that settled or reached its deadline): the
     *         caller then calls {@link #finish}
     */
    boolean step(long now) {
        if (trigger != null && !stopping && now - nextTickNanos >= 0) {
            demand();
            nextTickNanos = now + intervalNanos;
        }
        pump(now);
        updateState(now);
        // Published (volatile store, release) before a cycle's reply completes: a caller of
        // syncNow() reads status() after the reply (acquire through the future) and sees the
        // counts its result reports.
        status = snapshot(now);
        answerCycles(now);
        return stopping && (settled(stopDeadlineNanos) || now - stopDeadlineNanos >= 0);
    }

    /** When the runner must call again at the latest, if no message comes first. */
    long wakeAt(long now) {
        long wake = now + MAX_PARK_NANOS;
        if (trigger != null && !stopping) {
            wake = earlier(wake, nextTickNanos);
        }
        if (global.waiting()) {
            wake = earlier(wake, global.untilNanos());
        }
        if (pauses.probePending()) {
            wake = earlier(wake, pauses.nextProbeNanos());
        }
        if (rateBlocked) {
            wake = earlier(wake, rate.nextFreeNanos());
        }
        for (Cycle c : cycles) {
            wake = earlier(wake, c.deadlineNanos());
        }
        if (stopping) {
            wake = earlier(wake, stopDeadlineNanos);
        }
        return wake;
    }

    /** Claim everything buffered now (the budget only grows, so pending demand is kept). */
    private void demand() {
        claimBudget = Math.max(claimBudget, store.bufferedForSync());
    }

    // ------------------------------------------------------------------ sending

    /** Sends what may be sent now: the back-off probe, token probes, retries, then the buffer. */
    private void pump(long now) {
        rateBlocked = false;
        if (global.active()) {
            if (!global.probeDue(now) || inFlight.size() >= maxInFlight) {
                return;
            }
            AnalyticsEvent head = retry.peekFirst();
            if (head != null) {
                if (rateReady(now)) {
                    retry.pollFirst();
                    ledger.retryingToInFlight();
                    send(head, tokenFor(head), Attempt.Kind.BACKOFF_PROBE, true, null, now);
                }
                return;
            }
            endBackoff(); // nothing left to retry (rejected or held for a token): resume
        }
        while (pauses.probeDue(now) && inFlight.size() < maxInFlight && rateReady(now)) {
            Map.Entry<String, AnalyticsEvent> probe = pauses.takeProbe(now);
            ledger.retryingToInFlight();
            send(probe.getValue(), tokenFor(probe.getValue()), Attempt.Kind.AUTH_PROBE, true, probe.getKey(), now);
        }
        while (!retry.isEmpty() && inFlight.size() < maxInFlight) {
            AnalyticsEvent e = retry.peekFirst();
            String token = tokenFor(e);
            if (pauses.holdIfPaused(token, e)) {
                retry.pollFirst(); // still retrying in the ledger, now held for its token
                continue;
            }
            if (!rateReady(now)) {
                return;
            }
            retry.pollFirst();
            ledger.retryingToInFlight();
            send(e, token, Attempt.Kind.NORMAL, true, null, now);
        }
        // The buffer, while the current drive lasts and the held events stay bounded.
        while (claimBudget > 0 && inFlight.size() < maxInFlight && retrying() < maxHeld && rateReady(now)) {
            AnalyticsEvent e = store.claimForSync();
            if (e == null) {
                claimBudget = 0;
                return;
            }
            claimBudget--; // only LLM events are claimed: local ones stay in the store
            String token = tokenFor(e);
            if (pauses.holdIfPaused(token, e)) {
                ledger.inFlightToRetrying();
                continue;
            }
            send(e, token, Attempt.Kind.NORMAL, false, null, now);
        }
    }

    /** Whether the rate limit lets one more request go now; remembers when it did not. */
    private boolean rateReady(long now) {
        if (rate == null || rate.ready(now)) {
            return true;
        }
        rateBlocked = true;
        return false;
    }

    /** Sends an event that the ledger counts as in flight. */
    private void send(AnalyticsEvent e, String token, Attempt.Kind kind, boolean isRetry, String pausedKey,
                      long now) {
        byte[] body;
        try {
            body = EventJson.wireBody(e, token);
        } catch (RuntimeException ex) {
            // The event cannot be encoded, so no server will ever take it: a permanent rejection,
            // counted with its reason (retrying would block everything behind it forever).
            reject(e, "not encodable (" + ex.getClass().getSimpleName() + ")");
            if (kind == Attempt.Kind.AUTH_PROBE) {
                pauses.probeInconclusive(pausedKey, null);
            }
            return;
        }
        if (rate != null) {
            rate.take(now);
        }
        Attempt a = new Attempt(e, token, kind, isRetry, now, pausedKey);
        inFlight.add(a);
        if (kind == Attempt.Kind.BACKOFF_PROBE) {
            global.probeSent();
        }
        if (isRetry) {
            counters.retried();
        }
        try {
            a.future = transport.send(body);
            // Runs on the transport's thread: it only posts (the mailbox publishes the attempt
            // and the answer to the actor); the clock read stamps when the exchange ended.
            a.future.whenComplete((r, t) -> mailbox.post(new Msg.Completed(a, r, t, clock.nanoTime())));
        } catch (RuntimeException ex) {
            mailbox.post(new Msg.Completed(a, null, ex, now));
        }
    }

    private String tokenFor(AnalyticsEvent e) {
        String agent = e.agentId().orElse(null);
        String token;
        try {
            token = AgentTokens.tokenFor(config, agent);
        } catch (Throwable ex) {
            // Everything the user's function throws, Errors included (a StackOverflowError or an
            // AssertionError from its code): the caller has already claimed the event, so letting
            // it escape would kill the actor with the event counted in flight forever. The
            // function failing is handled as documented: the configuration's token is used.
            report.tokenFunctionFailed(ex);
            return AgentTokens.tokenFor(config, null);
        }
        secrets.add(token);
        return token;
    }

    // ------------------------------------------------------------------ outcomes

    private void completed(Msg.Completed c, long now) {
        SyncAttempt attempt = settle(c, now);
        if (attempt != null) {
            report.attempt(attempt);
        }
    }

    /**
     * Takes an outcome into the ledger, the counters and the queues; the observer is told apart
     * (by the caller), so that {@link #finish} can tell an observer's failure from a lost event.
     *
     * @return the attempt to report, or null if it was already cancelled (and its event given back)
     */
    private SyncAttempt settle(Msg.Completed c, long now) {
        Attempt a = c.attempt();
        if (a.done) {
            return null; // cancelled by stop: already given back
        }
        a.done = true;
        inFlight.remove(a);
        // The one place where server-provided text enters the actor: redacted and clipped here,
        // so lastError, lastRejection, the status, the observer, logs, JMX and JFR only ever see
        // the clean form.
        Verdict raw = Verdict.of(c.response(), c.error(), backoff, clock.wallTime().toEpochMilli());
        Verdict v = raw.withDetail(ServerText.clean(raw.detail(), secrets));
        switch (v.outcome()) {
            case DELIVERED, DUPLICATE -> delivered(a, v.outcome() == Outcome.DUPLICATE);
            case REJECTED -> rejected(a, v);
            case AUTH_FAILED -> authFailed(a, v, now);
            case RATE_LIMITED, RETRY, CANCELLED -> transientFailure(a, v, now);
        }
        return new SyncAttempt(v.statusCode(), Duration.ofNanos(Math.max(0, c.endNanos() - a.startNanos)),
                v.outcome(), a.retry, v.detail());
    }

    private void delivered(Attempt a, boolean duplicate) {
        ledger.inFlightToDelivered(a.event, duplicate);
        EventStates.delivered(a.event);
        counters.delivered(duplicate, clock.wallTime().truncatedTo(ChronoUnit.MILLIS));
        if (global.delivered(a.kind == Attempt.Kind.BACKOFF_PROBE)) {
            demand();
        }
        resume(a.token);
        if (a.pausedKey != null) {
            resume(a.pausedKey); // the token was rotated: the old one's events go with the new
        }
    }

    private void rejected(Attempt a, Verdict v) {
        reject(a.event, v.detail());
        if (global.answered(a.kind == Attempt.Kind.BACKOFF_PROBE)) {
            demand(); // the server answers: it is up
        } else if (a.kind == Attempt.Kind.AUTH_PROBE) {
            pauses.probeInconclusive(a.pausedKey, null); // says nothing about the token: probe again
        }
    }

    /** An in-flight event leaves for good, refused; counted with the reason (already clean). */
    private void reject(AnalyticsEvent e, String reason) {
        ledger.inFlightToRejected(e);
        counters.rejected(reason);
        report.rejected(reason);
    }

    private void authFailed(Attempt a, Verdict v, long now) {
        ledger.inFlightToRetrying();
        counters.failed(v.detail());
        if (global.answered(a.kind == Attempt.Kind.BACKOFF_PROBE)) {
            demand(); // the server answers; the trouble is this token, paused below
        }
        boolean probe = a.kind == Attempt.Kind.AUTH_PROBE;
        pauses.refused(probe ? a.pausedKey : a.token, a.event, probe, now, backoff);
    }

    private void transientFailure(Attempt a, Verdict v, long now) {
        ledger.inFlightToRetrying();
        counters.failed(v.detail());
        if (a.kind == Attempt.Kind.AUTH_PROBE && pauses.probeInconclusive(a.pausedKey, a.event)) {
            // the token question is still open: the event stays with its pause
        } else if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            retry.addFirst(a.event);
        } else {
            retry.addLast(a.event);
        }
        global.failed(a.kind == Attempt.Kind.BACKOFF_PROBE, v.retryAfterNanos(), now);
    }

    private void endBackoff() {
        global.end();
        demand();
    }

    /** The server accepted this token again: its held events go to the retry queue, in order. */
    private void resume(String token) {
        List<AnalyticsEvent> held = pauses.resume(token);
        if (!held.isEmpty()) {
            retry.addAll(held);
            demand();
        }
    }

    private long retrying() {
        return retry.size() + pauses.held();
    }

    // ------------------------------------------------------------------ state, cycles

    private void updateState(long now) {
        SyncState next = finalResult != null ? SyncState.STOPPED
                : global.active() ? SyncState.BACKING_OFF
                : !pauses.isEmpty() ? SyncState.PAUSED_AUTH
                : SyncState.RUNNING;
        report.state(next, counters.lastError(), global.failures(), global.delayMillis(now), retrying());
    }

    /**
     * Whether nothing more can happen before the deadline: nothing in flight, nothing the pump
     * could send, and no back-off or rate-limit wait that ends before the deadline. A paused
     * token's back-off is not waited for (a refused token seldom heals within seconds).
     */
    private boolean settled(long deadlineNanos) {
        if (!inFlight.isEmpty()) {
            return false;
        }
        if (global.waiting() && global.untilNanos() - deadlineNanos <= 0) {
            return false;
        }
        return !(rateBlocked && rate.nextFreeNanos() - deadlineNanos <= 0);
    }

    private void answerCycles(long now) {
        long left = -1;
        for (int i = cycles.size() - 1; i >= 0; i--) {
            Cycle c = cycles.get(i);
            if (settled(c.deadlineNanos()) || now - c.deadlineNanos() >= 0) {
                if (left < 0) {
                    left = store.unsyncedCount(); // in flight, held for retry and buffered LLM events
                }
                c.reply().complete(counters.since(c.mark(), left));
                cycles.remove(i);
            }
        }
    }

    // ------------------------------------------------------------------ the one way a run ends

    /** What {@link #giveEverythingBack} did: for the stop's log line and the observer. */
    private record GivenBack(List<Attempt> cancelled, long heldBack, long dropped, Throwable failure) { }

    /**
     * Ends the run, whatever ended it: a stop that settled or reached its deadline, or the actor's
     * own failure. Takes the outcomes already queued, cancels the rest, gives every held event
     * back, closes the transport, publishes STOPPED and the final snapshot, then tells the observer,
     * answers every waiter ({@code syncNow()} cycles, stops) and runs {@code onFinish} exactly once,
     * even if a part of this fails. Idempotent, so each part runs at most once: no part may keep the
     * later ones from running, and nothing escapes (a failure is logged; an observer's
     * {@link VirtualMachineError} included: the run it would end is ending here anyway).
     *
     * @param cause why the actor failed, or null for a stop
     */
    void finish(long now, Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        if (cause != null) {
            logQuietly(Level.ERROR, "sync actor failed; giving every held event back to the store", cause);
        }
        GivenBack back = null;
        Throwable failure; // the give-back failed: the waiters are told so
        try {
            back = giveEverythingBack(now);
            failure = back.failure();
        } catch (Throwable ex) {
            failure = ex;
        }
        if (failure != null) {
            logQuietly(Level.ERROR, "sync actor could not finish cleanly", failure);
        }
        Throwable noResult = publishEnd(now, back);
        if (failure == null) {
            failure = noResult;
        }
        if (back != null) {
            // After the end is published: nothing the observer does (or throws) can hide it.
            reportCancelled(now, back.cancelled());
        }
        answerWaiters(failure);
    }

    /**
     * The cleaning part of {@link #finish}: whatever fails, every event still held is given back
     * and the transport closed. A failure while taking a queued outcome is remembered in the
     * result (it may have lost that event) and the rest is still given back; a failure of the
     * give-back itself is thrown, after the transport is closed.
     */
    private GivenBack giveEverythingBack(long now) {
        Throwable failure;
        List<Attempt> cancelled;
        long heldBack;
        long dropped = 0;
        try {
            if (trigger != null) {
                store.bufferListener(null);
            }
            failure = takeQueued(now);
            // Every event back first, the observer told after (by finish): nothing it does (or
            // throws) can leave an event in flight.
            cancelled = List.copyOf(inFlight);
            for (Attempt a : cancelled) {
                a.done = true;
                if (a.future != null) {
                    a.future.cancel(true);
                }
                if (!store.giveBack(a.event, false)) {
                    dropped++;
                }
            }
            inFlight.clear();
            heldBack = retrying();
            for (AnalyticsEvent e; (e = retry.pollFirst()) != null; ) {
                if (!store.giveBack(e, true)) {
                    dropped++;
                }
            }
            long[] notHeld = {0};
            pauses.drain(e -> {
                if (!store.giveBack(e, true)) {
                    notHeld[0]++;
                }
            });
            dropped += notHeld[0];
            global.end();
        } finally {
            closeTransport(); // always: its threads must not outlive the run
        }
        return new GivenBack(cancelled, heldBack, dropped, failure);
    }

    /**
     * Takes the messages still queued: outcomes that arrived before the end count, late waiters
     * are answered with the others. Each outcome on its own, so that one failing cannot keep the
     * others (and the give-back after them) from happening.
     *
     * @return the first failure to settle an outcome (the give-back failed), or null
     */
    private Throwable takeQueued(long now) {
        Throwable failure = null;
        for (Msg m; (m = mailbox.poll()) != null; ) {
            switch (m) {
                case Msg.Completed c -> {
                    SyncAttempt attempt = null;
                    try {
                        attempt = settle(c, now);
                    } catch (Throwable ex) {
                        failure = failure == null ? ex : failure;
                    }
                    if (attempt != null) {
                        tellObserver(attempt); // its failure loses no event: the give-back goes on
                    }
                }
                case Msg.SyncNow s -> cycles.add(new Cycle(s.deadlineNanos(), s.reply(), counters.mark()));
                case Msg.Stop s -> stopReplies.add(s.reply());
                case Msg.Threshold t -> { }
            }
        }
        return failure;
    }

    private void closeTransport() {
        try {
            transport.close();
        } catch (RuntimeException ex) {
            logQuietly(Level.DEBUG, "sync: closing the transport failed", ex);
        }
    }

    /**
     * Publishes the end, whatever failed before (the run is over either way): the run's result,
     * STOPPED, the final snapshot, and the stop's log line (if the give-back completed).
     *
     * @return why there is no result to answer the stops with, or null
     */
    private Throwable publishEnd(long now, GivenBack back) {
        try {
            finalResult = counters.total(store.unsyncedCount()); // in flight, held for retry, buffered
        } catch (Throwable ex) {
            logQuietly(Level.ERROR, "sync actor could not finish cleanly", ex);
            return ex;
        }
        try {
            updateState(now); // moves to STOPPED, then tells the observer, which may throw
        } catch (Throwable ex) {
            observerFailed(ex);
        }
        try {
            status = snapshot(now);
        } catch (Throwable ex) {
            logQuietly(Level.ERROR, "sync actor could not publish its final status", ex);
        }
        if (back != null) {
            logQuietly(back.dropped() > 0 ? Level.WARNING : Level.INFO,
                    "sync to {0} stopped: {1} delivered, {2} duplicates, {3} rejected, {4} left in the store "
                            + "({5} cancelled at the deadline, {6} held events given back, {7} dropped: buffer full)",
                    config.serverUrl(), counters.delivered(), counters.duplicates(), counters.rejected(),
                    finalResult.remaining(), back.cancelled().size(), back.heldBack(), back.dropped());
        }
        return null;
    }

    private void reportCancelled(long now, List<Attempt> cancelled) {
        for (Attempt a : cancelled) {
            tellObserver(new SyncAttempt(-1, Duration.ofNanos(now - a.startNanos), Outcome.CANCELLED, a.retry,
                    "stopped at the deadline"));
        }
    }

    /** Reports one attempt from {@link #finish}: a failure is logged and the next report still made. */
    private void tellObserver(SyncAttempt attempt) {
        try {
            report.attempt(attempt);
        } catch (Throwable ex) {
            observerFailed(ex);
        }
    }

    /**
     * What the reporter lets through (a {@link VirtualMachineError}, or its own log call failing)
     * would end the run; in {@link #finish} the run is ending anyway, so it is logged, not rethrown.
     */
    private static void observerFailed(Throwable ex) {
        logQuietly(Level.ERROR, "sync observer failed while the actor finished", ex);
    }

    /**
     * Answers the {@code syncNow()} cycles and the stops, and runs {@code onFinish}, each whatever
     * the others do: a caller left waiting, or a store slot never freed, would outlive the run.
     *
     * @param failure why the waiters get no result (the give-back failed), or null
     */
    private void answerWaiters(Throwable failure) {
        try {
            for (Cycle c : cycles) {
                if (failure == null) {
                    c.reply().complete(counters.since(c.mark(), finalResult.remaining()));
                } else {
                    c.reply().completeExceptionally(failure);
                }
            }
            cycles.clear();
        } catch (Throwable ex) {
            logQuietly(Level.ERROR, "sync actor could not finish cleanly", ex);
        }
        try {
            onFinish.run();
        } catch (Throwable ex) {
            logQuietly(Level.ERROR, "sync actor could not finish cleanly", ex);
        }
        for (CompletableFuture<SyncResult> r : stopReplies) {
            if (failure == null) {
                r.complete(finalResult);
            } else {
                r.completeExceptionally(failure);
            }
        }
    }

    /**
     * Logs from {@link #finish}. A logger can throw (a JUL filter or handler; see
     * {@code SyncRun.start}); here that must not keep the run from ending, and there is nowhere
     * left to report it, so it is dropped.
     */
    private static void logQuietly(Level level, String msg, Throwable thrown) {
        try {
            LOG.log(level, msg, thrown);
        } catch (Throwable ignored) {
            // the logger failed: see above
        }
    }

    /** As {@link #logQuietly(Level, String, Throwable)}, a formatted line. */
    private static void logQuietly(Level level, String format, Object... params) {
        try {
            LOG.log(level, format, params);
        } catch (Throwable ignored) {
            // the logger failed: see above
        }
    }

    // ------------------------------------------------------------------ status

    private ActorSnapshot snapshot(long now) {
        Instant nextAttempt = null;
        if (global.waiting()) {
            nextAttempt = clock.wallTime().plusNanos(Math.max(0, global.untilNanos() - now));
        } else if (pauses.probePending()) {
            nextAttempt = clock.wallTime().plusNanos(Math.max(0, pauses.nextProbeNanos() - now));
        }
        return new ActorSnapshot(report.state(), counters.delivered(), counters.duplicates(), counters.rejected(),
                counters.lastRejection(), counters.retries(), inFlight.size(), retrying(), pauses.size(),
                global.failures(), counters.lastError(), counters.lastSuccess(), nextAttempt);
    }

    static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }

    @Override
    public String toString() {
        return "SyncStateMachine[inFlight=" + inFlight.size() + ", retrying=" + retrying() + ", " + global + ", "
                + counters + (stopping ? ", stopping" : "") + (finished ? ", finished" : "") + "]";
    }
}
