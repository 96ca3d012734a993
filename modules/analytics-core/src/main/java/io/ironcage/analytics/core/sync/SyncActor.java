package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.LlmRequestCompleted;
import io.ironcage.analytics.LlmRequestFailed;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final System.Logger LOG = System.getLogger("io.ironcage.analytics.sync");
    private static final long MAX_PARK_NANOS = Duration.ofMinutes(10).toNanos();
    private static final Duration MAX_NANOS = Duration.ofDays(365 * 100);

    private final DefaultEventStore store;
    private final SyncLedger ledger;
    private final SyncConfig config;
    private final Mailbox<Msg> mailbox;
    private final ThresholdTrigger trigger;
    private final HttpSender http;
    private final Backoff backoff;
    private final SyncObserver observer;
    private final Runnable onFinish;
    private final long intervalNanos;
    private final int maxInFlight;
    private final int maxHeld;

    // ---- actor-owned state: read and written by the actor thread only
    private final List<Attempt> inFlight = new ArrayList<>();
    /** Events waiting for a retry, oldest failure first; sent before anything new. */
    private final ArrayDeque<AnalyticsEvent> retry = new ArrayDeque<>();
    /** Tokens the server refused, each with the events held for it (keyed by token; never printed). */
    private final Map<String, TokenPause> paused = new LinkedHashMap<>();
    private long heldInPauses;
    private final RateLimiter rate;
    private boolean rateBlocked;
    /** How many more events to claim from the buffer in the current drive. */
    private long claimBudget;
    private long nextTickNanos;
    private boolean backingOff;
    private boolean probing;
    private long backoffUntilNanos;
    private int failures;
    private SyncState state = SyncState.RUNNING;
    private final List<Cycle> cycles = new ArrayList<>();
    private long stopDeadlineNanos;
    private final List<CompletableFuture<SyncResult>> stopReplies = new ArrayList<>();
    private boolean stopping;
    private long delivered;
    private long duplicates;
    private long rejected;
    private long retries;
    private String lastRejection;
    private String lastError;
    private long lastSuccessMillis;
    private boolean rejectionLogged;
    private boolean tokenFunctionLogged;
    private boolean observerLogged;
    private SyncResult finalResult;
    private boolean onFinishRan;

    /** Read by any thread; written by the actor after each step. */
    private volatile SyncStatus status;

    /** A token the server refused, with the events held for it. */
    private static final class TokenPause {
        final ArrayDeque<AnalyticsEvent> held = new ArrayDeque<>();
        long untilNanos;
        int failures;
        boolean probing;
    }

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
        this.observer = observer;
        this.onFinish = onFinish;
        this.intervalNanos = nanos(config.syncInterval());
        this.maxInFlight = config.maxInFlight();
        this.maxHeld = Math.max(store.capacity(), config.maxInFlight());
        this.rate = RateLimiter.perMinute(config.rateLimitPerMinute(), System.nanoTime());
        this.status = snapshot(System.nanoTime());
    }

    /** The run's totals; set once the actor finished, read on the actor thread by {@code onFinish}. */
    SyncResult finalResult() {
        return finalResult;
    }

    SyncStatus status() {
        SyncStatus s = status;
        return s.withBacklog(store.size() + s.retrying());
    }

    // ------------------------------------------------------------------ the loop

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            nextTickNanos = now + intervalNanos;
            if (trigger != null && store.size() >= config.batchThreshold()) {
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
                answerCycles(now);
                if (stopping && (settled(stopDeadlineNanos) || now - stopDeadlineNanos >= 0)) {
                    finish();
                    return;
                }
                status = snapshot(now);
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
                }
            }
            case Msg.Completed c -> completed(c);
        }
    }

    /** Claim everything buffered now (the budget only grows, so pending demand is kept). */
    private void demand() {
        claimBudget = Math.max(claimBudget, store.size());
    }

    // ------------------------------------------------------------------ sending

    private void pump(long now) {
        rateBlocked = false;
        if (backingOff) {
            if (probing || now - backoffUntilNanos < 0 || inFlight.size() >= maxInFlight) {
                return;
            }
            AnalyticsEvent head = retry.peekFirst();
            if (head == null) {
                endBackoff(); // nothing left to retry (rejected or held for a token): resume
            } else {
                if (!rateReady(now)) {
                    return;
                }
                retry.pollFirst();
                ledger.retryingToInFlight();
                send(head, tokenFor(head), Attempt.Kind.BACKOFF_PROBE, true, null, now);
                return;
            }
        }
        // One probe per paused token whose back-off is over.
        for (Map.Entry<String, TokenPause> en : paused.entrySet()) {
            TokenPause p = en.getValue();
            if (p.probing || p.held.isEmpty() || now - p.untilNanos < 0) {
                continue;
            }
            if (inFlight.size() >= maxInFlight || !rateReady(now)) {
                return;
            }
            AnalyticsEvent e = p.held.pollFirst();
            heldInPauses--;
            ledger.retryingToInFlight();
            send(e, tokenFor(e), Attempt.Kind.AUTH_PROBE, true, en.getKey(), now);
        }
        // Retries first, in order.
        while (inFlight.size() < maxInFlight && !retry.isEmpty()) {
            AnalyticsEvent e = retry.peekFirst();
            String token = tokenFor(e);
            TokenPause p = paused.get(token);
            if (p != null) {
                retry.pollFirst();
                p.held.addLast(e);
                heldInPauses++;
                continue;
            }
            if (!rateReady(now)) {
                return;
            }
            retry.pollFirst();
            ledger.retryingToInFlight();
            send(e, token, Attempt.Kind.NORMAL, true, null, now);
        }
        // Then the buffer, while the current drive lasts and the held events stay bounded.
        while (claimBudget > 0 && inFlight.size() < maxInFlight && retrying() < maxHeld) {
            if (!rateReady(now)) {
                return;
            }
            AnalyticsEvent e = store.claimForSync();
            if (e == null) {
                claimBudget = 0;
                return;
            }
            claimBudget--;
            if (!(e.payload() instanceof LlmRequestCompleted || e.payload() instanceof LlmRequestFailed)) {
                ledger.inFlightToLocalOnly();
                continue;
            }
            String token = tokenFor(e);
            TokenPause p = paused.get(token);
            if (p != null) {
                ledger.inFlightToRetrying();
                p.held.addLast(e);
                heldInPauses++;
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

    private void send(AnalyticsEvent e, String token, Attempt.Kind kind, boolean isRetry, String pausedKey,
                      long now) {
        HttpRequest request;
        try {
            request = http.request(e, token);
        } catch (RuntimeException ex) {
            // The event cannot be encoded, so no server will ever take it: a permanent rejection,
            // counted with its reason (retrying would block everything behind it forever).
            rejected(new Attempt(e, token, kind, isRetry, now, pausedKey), new Verdict(Outcome.REJECTED, -1,
                    "not encodable (" + ex.getClass().getSimpleName() + ")", -1));
            return;
        }
        if (rate != null) {
            rate.take(now);
        }
        Attempt a = new Attempt(e, token, kind, isRetry, now, pausedKey);
        inFlight.add(a);
        if (kind == Attempt.Kind.BACKOFF_PROBE) {
            probing = true;
        } else if (kind == Attempt.Kind.AUTH_PROBE) {
            paused.get(pausedKey).probing = true;
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
        try {
            return config.tokenFor(agent);
        } catch (RuntimeException ex) {
            if (!tokenFunctionLogged) {
                tokenFunctionLogged = true;
                LOG.log(Level.WARNING, "sync: the per-agent token function threw {0}; events it fails for are "
                        + "sent with the configuration''s token", ex.getClass().getName());
            }
            return config.tokenFor(null);
        }
    }

    // ------------------------------------------------------------------ outcomes

    private void completed(Msg.Completed c) {
        Attempt a = c.attempt();
        if (a.done) {
            return; // cancelled by stop: already given back
        }
        a.done = true;
        inFlight.remove(a);
        Verdict v = Verdict.of(c.response(), c.error(), backoff);
        long now = System.nanoTime();
        switch (v.outcome()) {
            case DELIVERED, DUPLICATE -> delivered(a, v.outcome() == Outcome.DUPLICATE);
            case REJECTED -> rejected(a, v);
            case AUTH_FAILED -> authFailed(a, v, now);
            case RATE_LIMITED, RETRY, CANCELLED -> transientFailure(a, v, now);
        }
        notifyAttempt(new SyncAttempt(v.statusCode(), Duration.ofNanos(Math.max(0, c.endNanos() - a.startNanos)),
                v.outcome(), a.retry, redact(v.detail(), a.token)));
    }

    private void delivered(Attempt a, boolean duplicate) {
        ledger.inFlightToDelivered(duplicate);
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
            resume(a.pausedKey);
        }
    }

    private void rejected(Attempt a, Verdict v) {
        ledger.inFlightToRejected();
        rejected++;
        lastRejection = redact(v.detail(), a.token);
        if (!rejectionLogged) {
            rejectionLogged = true;
            LOG.log(Level.WARNING, "sync: the server rejected an event for good ({0}); further rejections are "
                    + "only counted in the sync status", lastRejection);
        }
        if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            endBackoff(); // the server answers: it is up
        } else if (a.kind == Attempt.Kind.AUTH_PROBE) {
            TokenPause p = paused.get(a.pausedKey);
            if (p != null) {
                p.probing = false; // inconclusive for the token: probe again with the next event
                if (p.held.isEmpty()) {
                    paused.remove(a.pausedKey); // nothing left to hold for it: the next event decides
                }
            }
        }
    }

    private void authFailed(Attempt a, Verdict v, long now) {
        ledger.inFlightToRetrying();
        lastError = v.detail();
        if (a.kind == Attempt.Kind.BACKOFF_PROBE) {
            endBackoff(); // the server answers; the trouble is this token, paused below
        }
        String key = a.kind == Attempt.Kind.AUTH_PROBE ? a.pausedKey : a.token;
        TokenPause p = paused.get(key);
        if (p == null) {
            p = new TokenPause();
            paused.put(key, p);
            p.failures = 1;
            p.untilNanos = now + backoff.delayNanos(1);
        } else if (a.kind == Attempt.Kind.AUTH_PROBE) {
            p.failures++;
            p.untilNanos = now + backoff.delayNanos(p.failures);
            p.probing = false;
        }
        if (a.kind == Attempt.Kind.AUTH_PROBE) {
            p.held.addFirst(a.event);
        } else {
            p.held.addLast(a.event);
        }
        heldInPauses++;
    }

    private void transientFailure(Attempt a, Verdict v, long now) {
        ledger.inFlightToRetrying();
        lastError = v.detail();
        TokenPause p = a.kind == Attempt.Kind.AUTH_PROBE ? paused.get(a.pausedKey) : null;
        if (p != null) {
            p.probing = false; // the token question is still open: keep the event with its pause
            p.held.addFirst(a.event);
            heldInPauses++;
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
        TokenPause p = paused.remove(token);
        if (p != null) {
            heldInPauses -= p.held.size();
            retry.addAll(p.held);
            demand();
        }
    }

    private long retrying() {
        return retry.size() + heldInPauses;
    }

    // ------------------------------------------------------------------ state, cycles, stop

    private void updateState() {
        SyncState next = stopping && finalResult != null ? SyncState.STOPPED
                : backingOff ? SyncState.BACKING_OFF
                : !paused.isEmpty() ? SyncState.PAUSED_AUTH
                : SyncState.RUNNING;
        changeState(next);
    }

    private void changeState(SyncState next) {
        if (next == state) {
            return;
        }
        SyncState from = state;
        state = next;
        String reason;
        switch (next) {
            case BACKING_OFF -> {
                reason = lastError == null ? "" : lastError;
                LOG.log(Level.WARNING, "sync to {0}: backing off after {1} (failure {2}); next attempt in {3} ms, "
                        + "{4} events held for retry", config.serverUrl(), reason, failures,
                        Math.max(0, (backoffUntilNanos - System.nanoTime()) / 1_000_000), retrying());
            }
            case PAUSED_AUTH -> {
                reason = lastError == null ? "" : lastError;
                LOG.log(Level.WARNING, "sync to {0}: the server refused a token ({1}); its events are held and "
                        + "retried with back-off, other tokens continue", config.serverUrl(), reason);
            }
            case RUNNING -> {
                reason = "recovered";
                LOG.log(Level.INFO, "sync to {0}: delivering again ({1} held events to retry)", config.serverUrl(),
                        retrying());
            }
            case STOPPED -> reason = "stopped";
            default -> throw new AssertionError(next);
        }
        try {
            observer.stateChanged(from, next, reason);
        } catch (RuntimeException ex) {
            observerFailed(ex);
        }
    }

    private void notifyAttempt(SyncAttempt attempt) {
        try {
            observer.attempt(attempt);
        } catch (RuntimeException ex) {
            observerFailed(ex);
        }
    }

    private void observerFailed(RuntimeException ex) {
        if (!observerLogged) {
            observerLogged = true;
            LOG.log(Level.WARNING, "sync observer threw; ignoring it (logged once)", ex);
        }
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
        if (cycles.isEmpty()) {
            return;
        }
        long left = -1;
        for (int i = cycles.size() - 1; i >= 0; i--) {
            Cycle c = cycles.get(i);
            if (settled(c.deadlineNanos()) || now - c.deadlineNanos() >= 0) {
                if (left < 0) {
                    left = remaining();
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

    /** LLM events not delivered: in flight, held for retry, and buffered (walks the buffer once). */
    private long remaining() {
        long n = inFlight.size() + retrying();
        for (AnalyticsEvent e : store.snapshotEvents()) {
            if (e.payload() instanceof LlmRequestCompleted || e.payload() instanceof LlmRequestFailed) {
                n++;
            }
        }
        return n;
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
        long cancelled = 0;
        long notReturned = 0;
        for (Attempt a : List.copyOf(inFlight)) {
            a.done = true;
            if (a.future != null) {
                a.future.cancel(true);
            }
            notifyAttempt(new SyncAttempt(-1, Duration.ofNanos(System.nanoTime() - a.startNanos), Outcome.CANCELLED,
                    a.retry, "stopped at the deadline"));
            cancelled++;
            if (!store.giveBack(a.event, false)) {
                notReturned++;
            }
        }
        inFlight.clear();
        long heldBack = 0;
        for (AnalyticsEvent e; (e = retry.pollFirst()) != null; ) {
            heldBack++;
            if (!store.giveBack(e, true)) {
                notReturned++;
            }
        }
        for (TokenPause p : paused.values()) {
            for (AnalyticsEvent e; (e = p.held.pollFirst()) != null; ) {
                heldBack++;
                if (!store.giveBack(e, true)) {
                    notReturned++;
                }
            }
        }
        paused.clear();
        heldInPauses = 0;
        backingOff = false;
        try {
            http.close();
        } catch (RuntimeException ex) {
            LOG.log(Level.DEBUG, "sync: closing the HTTP client failed", ex);
        }
        long left = remaining();
        finalResult = new SyncResult(delivered, duplicates, rejected, left);
        updateState();
        LOG.log(notReturned > 0 ? Level.WARNING : Level.INFO,
                "sync to {0} stopped: {1} delivered, {2} duplicates, {3} rejected, {4} left in the store "
                        + "({5} cancelled at the deadline, {6} held events given back, {7} dropped: buffer full)",
                config.serverUrl(), delivered, duplicates, rejected, left, cancelled, heldBack, notReturned);
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
        long next = 0;
        boolean hasNext = false;
        if (backingOff && !probing) {
            next = backoffUntilNanos;
            hasNext = true;
        } else {
            for (TokenPause p : paused.values()) {
                if (!p.probing && (!hasNext || p.untilNanos - next < 0)) {
                    next = p.untilNanos;
                    hasNext = true;
                }
            }
        }
        Instant nextAttempt = hasNext ? Instant.now().plusNanos(Math.max(0, next - now)) : null;
        long held = retrying();
        return new SyncStatus(state, delivered, duplicates, rejected, lastRejection, retries, inFlight.size(), held,
                held, paused.size(), failures, lastError,
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
        for (TokenPause p : paused.values()) {
            if (!p.probing && !p.held.isEmpty()) {
                wake = earlier(wake, p.untilNanos);
            }
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

    /** The server's message may echo what it was sent: never let the token through. */
    private static String redact(String text, String token) {
        if (text == null || token == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, "<redacted>");
    }
}
