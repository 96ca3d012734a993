package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.store.EventStates;
import io.ironcage.analytics.core.store.SyncLedger;
import io.ironcage.analytics.core.sync.SyncAttempt.Outcome;
import io.ironcage.analytics.sync.SyncConfig;
import io.ironcage.analytics.sync.SyncResult;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sync actor: the one thread that owns every piece of sync state (see the package
 * documentation). Nothing here is shared except through the {@link Mailbox} and the published
 * {@link #status()} snapshot, so nothing here is locked.
 *
 * <p>One loop step: handle every queued message, fire the timer if due, pump (send what may be
 * sent), recompute the state, answer settled cycles, then park until the next deadline or message.
 */
final class SyncActor implements Runnable {
    static final System.Logger LOG = SyncReporter.LOG;
    private static final long MAX_PARK_NANOS = Duration.ofMinutes(10).toNanos();
    private static final Duration MAX_NANOS = Duration.ofDays(365L * 100);

    private final DefaultEventStore store;
    private final SyncLedger ledger;
    private final SyncConfig config;
    private final Mailbox<Msg> mailbox;
    private final ThresholdTrigger trigger;
    private final HttpSender http;
    private final Backoff backoff;
    private final SyncReporter report;
    private final Runnable onFinish;
    private final long intervalNanos;
    private final int maxInFlight;
    private final int maxHeld;
    private final RateLimiter rate;

    // ---- actor-owned state: read and written by the actor thread only
    private final List<Attempt> inFlight = new ArrayList<>();
    /** Events waiting for a retry, oldest failure first; sent before anything new. */
    private final ArrayDeque<AnalyticsEvent> retry = new ArrayDeque<>();
    private final TokenPauses pauses = new TokenPauses();
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
    // the global back-off (server down or failing)
    private boolean backingOff;
    private boolean probing;
    private long backoffUntilNanos;
    private int failures;
    // stop
    private boolean stopping;
    private long stopDeadlineNanos;
    private SyncResult finalResult;
    private boolean onFinishRan;
    // counters of this run
    private long delivered;
    private long duplicates;
    private long rejected;
    private long retries;
    private String lastRejection;
    private String lastError;
    private long lastSuccessMillis;

    /** Read by any thread; written by the actor after each step. */
    private volatile SyncStatus status;

    /** A {@code syncNow()} waiting for its answer, with the counters as they were when it came. */
    private record Cycle(long deadlineNanos, CompletableFuture<SyncResult> reply, long delivered0,
                         long duplicates0, long rejected0) { }

    /**
     * @param trigger  the buffer listener to reset, or null for a run without triggers (a
     *                 temporary run for {@code syncNow()}: no timer, no threshold)
     * @param onFinish run on the actor thread after the last event was given back
     */
    SyncActor(DefaultEventStore store, SyncConfig config, SyncTuning tuning, Mailbox<Msg> mailbox,
              ThresholdTrigger trigger, HttpSender http, SyncObserver observer, Runnable onFinish) {
        this.store = store;
        this.ledger = store.ledger();
        this.config = config;
        this.mailbox = mailbox;
        this.trigger = trigger;
        this.http = http;
        this.backoff = new Backoff(tuning);
        this.report = new SyncReporter(config.serverUrl(), observer);
        this.onFinish = onFinish;
        this.intervalNanos = nanos(config.syncInterval());
        this.maxInFlight = config.maxInFlight();
        this.maxHeld = Math.max(store.capacity(), config.maxInFlight());
        this.rate = RateLimiter.perMinute(config.rateLimitPerMinute(), System.nanoTime());
        this.secrets.add(AgentTokens.tokenFor(config, null));
        this.status = snapshot(System.nanoTime());
    }

    /** The run's totals; set once the actor finished, read on the actor thread by {@code onFinish}. */
    SyncResult finalResult() {
        return finalResult;
    }

    SyncStatus status() {
        SyncStatus s = status;
        return s.withBacklog(store.bufferedForSync() + s.retrying());
    }

    // ------------------------------------------------------------------ the loop

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            nextTickNanos = now + intervalNanos;
            if (trigger != null && store.bufferedForSync() >= config.batchThreshold()) {
                demand();
            }
            while (true) {
                for (Msg m; (m = mailbox.poll()) != null; ) {
                    handle(m);
                }
                now = System.nanoTime();
                if (trigger != null && !stopping && now - nextTickNanos >= 0) {
                    demand();
                    nextTickNanos = now + intervalNanos;
                }
                pump(now);
                updateState();
                // Published (volatile store, release) before a cycle's reply completes: a caller
                // of syncNow() reads status() after the reply (acquire through the future) and
                // sees the counts its result reports.
                status = snapshot(now);
                answerCycles(now);
                if (stopping && (settled(stopDeadlineNanos) || now - stopDeadlineNanos >= 0)) {
                    finish();
                    return;
                }
                mailbox.awaitUntil(wakeAt(now));
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "sync actor failed; giving every held event back to the store", t);
            try {
                finish();
            } catch (Throwable again) {
                LOG.log(Level.ERROR, "sync actor could not finish cleanly", again);
                if (!onFinishRan) {
                    if (finalResult == null) {
                        finalResult = new SyncResult(delivered, duplicates, rejected, store.unsyncedCount());
                    }
                    onFinishRan = true;
                    onFinish.run();
                }
                stopReplies.forEach(r -> r.completeExceptionally(again));
                cycles.forEach(c -> c.reply().completeExceptionally(again));
            }
        }
    }

    private void handle(Msg m) {
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
                cycles.add(new Cycle(s.deadlineNanos(), s.reply(), delivered, duplicates, rejected));
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
            case Msg.Completed c -> completed(c);
        }
    }

    /** Claim everything buffered now (the budget only grows, so pending demand is kept). */
    private void demand() {
        claimBudget = Math.max(claimBudget, store.bufferedForSync());
    }

    // ------------------------------------------------------------------ sending

    /** Sends what may be sent now: the back-off probe, token probes, retries, then the buffer. */
    private void pump(long now) {
        rateBlocked = false;
        if (backingOff) {
            if (probing || now - backoffUntilNanos < 0 || inFlight.size() >= maxInFlight) {
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
        HttpRequest request;
        try {
            request = http.request(e, token);
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
            probing = true;
        }
        if (isRetry) {
            retries++;
        }
        try {
            a.future = http.send(request);
            a.future.whenComplete((r, t) -> mailbox.post(new Msg.Completed(a, r, t, System.nanoTime())));
        } catch (RuntimeException ex) {
            mailbox.post(new Msg.Completed(a, null, ex, System.nanoTime()));
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

    private void completed(Msg.Completed c) {
        Attempt a = c.attempt();
        if (a.done) {
            return; // cancelled by stop: already given back
        }
        a.done = true;
        inFlight.remove(a);
        // The one place where server-provided text enters the actor: redacted and clipped here,
        // so lastError, lastRejection, the status, the observer, logs, JMX and JFR only ever see
        // the clean form.
        Verdict raw = Verdict.of(c.response(), c.error(), backoff);
        Verdict v = raw.withDetail(ServerText.clean(raw.detail(), secrets));
        long now = System.nanoTime();
        switch (v.outcome()) {
            case DELIVERED, DUPLICATE -> delivered(a, v.outcome() == Outcome.DUPLICATE);
            case REJECTED -> rejected(a, v);
            case AUTH_FAILED -> authFailed(a, v, now);
            case RATE_LIMITED, RETRY, CANCELLED -> transientFailure(a, v, now);
        }
        report.attempt(new SyncAttempt(v.statusCode(), Duration.ofNanos(Math.max(0, c.endNanos() - a.startNanos)),
                v.outcome(), a.retry, v.detail()));
    }

    private void delivered(Attempt a, boolean duplicate) {
        ledger.inFlightToDelivered(a.event, duplicate);
        EventStates.delivered(a.event);
        if (duplicate) {
            duplicates++;
        } else {
            delivered++;
        }
        lastSuccessMillis = System.currentTimeMillis();
        if (!backingOff || a.kind == Attempt.Kind.BACKOFF_PROBE) {
            // A late success of a request sent before the back-off began does not end it: only
            // the probe decides, so the failure count stays meaningful until then.
            failures = 0;
        }
        if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            endBackoff();
        }
        resume(a.token);
        if (a.pausedKey != null) {
            resume(a.pausedKey); // the token was rotated: the old one's events go with the new
        }
    }

    private void rejected(Attempt a, Verdict v) {
        reject(a.event, v.detail());
        if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            endBackoff(); // the server answers: it is up
        } else if (a.kind == Attempt.Kind.AUTH_PROBE) {
            pauses.probeInconclusive(a.pausedKey, null); // says nothing about the token: probe again
        }
    }

    /** An in-flight event leaves for good, refused; counted with the reason (already clean). */
    private void reject(AnalyticsEvent e, String reason) {
        ledger.inFlightToRejected(e);
        rejected++;
        lastRejection = reason;
        report.rejected(lastRejection);
    }

    private void authFailed(Attempt a, Verdict v, long now) {
        ledger.inFlightToRetrying();
        lastError = v.detail();
        if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            endBackoff(); // the server answers; the trouble is this token, paused below
        }
        boolean probe = a.kind == Attempt.Kind.AUTH_PROBE;
        pauses.refused(probe ? a.pausedKey : a.token, a.event, probe, now, backoff);
    }

    private void transientFailure(Attempt a, Verdict v, long now) {
        ledger.inFlightToRetrying();
        lastError = v.detail();
        if (a.kind == Attempt.Kind.AUTH_PROBE && pauses.probeInconclusive(a.pausedKey, a.event)) {
            // the token question is still open: the event stays with its pause
        } else if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            retry.addFirst(a.event);
        } else {
            retry.addLast(a.event);
        }
        long hint = v.retryAfterNanos();
        if (!backingOff || a.kind == Attempt.Kind.BACKOFF_PROBE) {
            failures++;
            backingOff = true;
            probing = false;
            backoffUntilNanos = now + (hint >= 0 ? hint : backoff.delayNanos(failures));
        } else if (hint >= 0 && now + hint - backoffUntilNanos > 0) {
            backoffUntilNanos = now + hint; // a longer server hint wins
        }
    }

    private void endBackoff() {
        backingOff = false;
        probing = false;
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

    // ------------------------------------------------------------------ state, cycles, stop

    private void updateState() {
        SyncState next = finalResult != null ? SyncState.STOPPED
                : backingOff ? SyncState.BACKING_OFF
                : !pauses.isEmpty() ? SyncState.PAUSED_AUTH
                : SyncState.RUNNING;
        report.state(next, lastError, failures, Math.max(0, (backoffUntilNanos - System.nanoTime()) / 1_000_000),
                retrying());
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
        if (backingOff && !probing && backoffUntilNanos - deadlineNanos <= 0) {
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
                c.reply().complete(cycleResult(c, left));
                cycles.remove(i);
            }
        }
    }

    private SyncResult cycleResult(Cycle c, long remaining) {
        return new SyncResult(delivered - c.delivered0(), duplicates - c.duplicates0(), rejected - c.rejected0(),
                remaining);
    }

    /** Takes the outcomes already queued, cancels the rest, gives every held event back, answers. */
    private void finish() {
        if (trigger != null) {
            store.bufferListener(null);
        }
        for (Msg m; (m = mailbox.poll()) != null; ) {
            switch (m) {
                case Msg.Completed c -> completed(c);
                case Msg.SyncNow s -> cycles.add(new Cycle(s.deadlineNanos(), s.reply(), delivered, duplicates,
                        rejected));
                case Msg.Stop s -> stopReplies.add(s.reply());
                case Msg.Threshold t -> { }
            }
        }
        long[] notReturned = {0};
        long cancelled = inFlight.size();
        long heldBack;
        try {
            // Every event back first, the observer told after: nothing it does (or throws) can leave
            // an event in flight.
            List<Attempt> cancelledAttempts = List.copyOf(inFlight);
            long cancelledAt = System.nanoTime();
            for (Attempt a : cancelledAttempts) {
                a.done = true;
                if (a.future != null) {
                    a.future.cancel(true);
                }
                if (!store.giveBack(a.event, false)) {
                    notReturned[0]++;
                }
            }
            inFlight.clear();
            heldBack = retrying();
            for (AnalyticsEvent e; (e = retry.pollFirst()) != null; ) {
                if (!store.giveBack(e, true)) {
                    notReturned[0]++;
                }
            }
            pauses.drain(e -> {
                if (!store.giveBack(e, true)) {
                    notReturned[0]++;
                }
            });
            backingOff = false;
            for (Attempt a : cancelledAttempts) {
                report.attempt(new SyncAttempt(-1, Duration.ofNanos(cancelledAt - a.startNanos), Outcome.CANCELLED,
                        a.retry, "stopped at the deadline"));
            }
        } finally {
            try {
                http.close(); // always: its selector thread must not outlive the run
            } catch (RuntimeException ex) {
                LOG.log(Level.DEBUG, "sync: closing the HTTP client failed", ex);
            }
        }
        long left = store.unsyncedCount(); // in flight, held for retry and buffered LLM events
        finalResult = new SyncResult(delivered, duplicates, rejected, left);
        updateState();
        LOG.log(notReturned[0] > 0 ? Level.WARNING : Level.INFO,
                "sync to {0} stopped: {1} delivered, {2} duplicates, {3} rejected, {4} left in the store "
                        + "({5} cancelled at the deadline, {6} held events given back, {7} dropped: buffer full)",
                config.serverUrl(), delivered, duplicates, rejected, left, cancelled, heldBack, notReturned[0]);
        status = snapshot(System.nanoTime());
        for (Cycle c : cycles) {
            c.reply().complete(cycleResult(c, left));
        }
        cycles.clear();
        try {
            onFinishRan = true;
            onFinish.run();
        } finally {
            stopReplies.forEach(r -> r.complete(finalResult));
        }
    }

    // ------------------------------------------------------------------ status and timing

    private SyncStatus snapshot(long now) {
        Instant nextAttempt = null;
        if (backingOff && !probing) {
            nextAttempt = Instant.now().plusNanos(Math.max(0, backoffUntilNanos - now));
        } else if (pauses.probePending()) {
            nextAttempt = Instant.now().plusNanos(Math.max(0, pauses.nextProbeNanos() - now));
        }
        long held = retrying();
        return new SyncStatus(report.state(), delivered, duplicates, rejected, lastRejection, retries,
                inFlight.size(), held, held, pauses.size(), failures, lastError,
                lastSuccessMillis == 0 ? null : Instant.ofEpochMilli(lastSuccessMillis), nextAttempt);
    }

    private long wakeAt(long now) {
        long wake = now + MAX_PARK_NANOS;
        if (trigger != null && !stopping) {
            wake = earlier(wake, nextTickNanos);
        }
        if (backingOff && !probing) {
            wake = earlier(wake, backoffUntilNanos);
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

    /** A duration in nanoseconds, saturated far below overflow (intervals may be given in years). */
    static long nanos(Duration d) {
        return d.compareTo(MAX_NANOS) > 0 ? MAX_NANOS.toNanos() : d.toNanos();
    }

    private static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }
}
