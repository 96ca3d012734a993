package io.ironcage.analytics.core.sync;

import io.ironcage.analytics.core.Assembly;
import static io.ironcage.analytics.core.sync.SyncFixtures.assertConservation;
import static io.ironcage.analytics.core.sync.SyncFixtures.bufferedIds;
import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.completed;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.record;
import static io.ironcage.analytics.core.sync.SyncFixtures.recordCompleted;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.AnalyticsEvent;
import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.core.sync.LoopbackServer.Reply;
import io.ironcage.analytics.core.sync.SyncAttempt.Outcome;
import io.ironcage.analytics.sync.SyncHandle;
import io.ironcage.analytics.sync.SyncResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Faults a real deployment meets, against a stateful loopback server: no event may be lost. */
@Timeout(30)
class SyncFaultTest {
    private LoopbackServer server;
    private SyncHandle handle;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
    }

    @AfterEach
    void tearDown() {
        if (handle != null) {
            handle.close();
        }
        server.close();
    }

    @Test
    void serverDownAtStartThenUp() throws Exception {
        server.down();
        DefaultEventStore store = store(1000);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()), obs);
        handle = client.start();
        Set<String> ids = recordCompleted(store, 5, "agent-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.BACKING_OFF);
        assertTrue(obs.attempts(Outcome.RETRY).stream().anyMatch(a -> "connection refused".equals(a.detail())),
                () -> "attempts: " + obs.attempts);
        assertEquals(0, store.accounting().delivered());
        assertEquals(5, store.unsyncedCount(), "every event is still buffered, in flight or retrying");

        server.up();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 5 && client.status().inFlight() == 0
                && client.status().retrying() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.RUNNING);
        assertEquals(ids, server.storedIds());
        assertConservation(store, 5, 5, 0, 0, 0, 0);
        assertEquals(0, client.status().consecutiveFailures());
        assertNotNull(client.status().lastSuccess());
    }

    @Test
    void serverErrorsForTheFirstRequestsThenAccepts() {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        server.respond((r, s) -> failuresLeft.getAndDecrement() > 0
                ? Reply.of(500, "{\"error\":\"DATABASE_ERROR\",\"message\":\"db down\"}") : s.real(r));
        DefaultEventStore store = store(1000);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()).withMaxInFlight(1), obs);
        handle = client.start();
        Set<String> ids = recordCompleted(store, 10, "agent-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 10
                && client.status().retrying() == 0 && client.status().inFlight() == 0);
        assertEquals(ids, server.storedIds());
        assertEquals(3, obs.attempts(Outcome.RETRY).size());
        assertTrue(obs.attempts(Outcome.RETRY).stream().allMatch(a -> a.statusCode() == 500));
        assertTrue(obs.entered(SyncState.BACKING_OFF));
        await().atMost(Duration.ofSeconds(2)).until(() -> client.status().state() == SyncState.RUNNING);
        assertEquals(3, client.status().retries(), "each failure is retried once more");
        assertEquals(10, client.status().delivered());
        assertEquals(0, client.status().duplicates());
        assertConservation(store, 10, 10, 0, 0, 0, 0);
    }

    @Test
    void unauthorizedPausesUntilTheTokenWorksAndLosesNothing() {
        AtomicBoolean tokenOk = new AtomicBoolean(false);
        server.respond((r, s) -> tokenOk.get() ? s.real(r)
                : Reply.of(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"Invalid or expired IC token\"}"));
        DefaultEventStore store = store(1000);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()), obs);
        handle = client.start();
        Set<String> ids = recordCompleted(store, 5, "agent-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.PAUSED_AUTH);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().retrying() == 5);
        SyncStatus paused = client.status();
        assertEquals(1, paused.pausedTokens());
        assertEquals(0, paused.delivered());
        assertEquals(0, paused.rejected(), "an auth failure never rejects an event");
        assertTrue(paused.lastError().contains("401"), paused.lastError());
        assertEquals(5, store.unsyncedCount());
        assertTrue(obs.entered(SyncState.PAUSED_AUTH));

        tokenOk.set(true);
        // inFlight too: the server stores an event before the client has taken its answer.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 5
                && client.status().state() == SyncState.RUNNING && client.status().retrying() == 0
                && client.status().inFlight() == 0);
        assertEquals(ids, server.storedIds());
        assertConservation(store, 5, 5, 0, 0, 0, 0);
    }

    @Test
    void aRefusedAgentTokenDoesNotHoldUpOtherAgents() {
        server.respond((r, s) -> "tok-bad".equals(r.token())
                ? Reply.of(400, "{\"error\":\"INVALID_TOKEN\",\"message\":\"Invalid agent_id format in token\"}")
                : s.real(r));
        DefaultEventStore store = store(1000);
        Map<String, String> tokens = Map.of("good", "tok-good", "bad", "tok-bad");
        ActorSyncClient client = client(store, config(server.url()).withTokenForAgent(tokens::get),
                SyncObserver.NONE);
        handle = client.start();
        Set<String> bad = recordCompleted(store, 3, "bad");
        Set<String> good = recordCompleted(store, 6, "good");

        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 6
                && client.status().retrying() == 3 && client.status().inFlight() == 0);
        assertEquals(good, server.storedIds());
        assertEquals(SyncState.PAUSED_AUTH, client.status().state());

        SyncResult stopped = handle.stop(Duration.ofSeconds(2));
        assertEquals(new SyncResult(6, 0, 0, 3), stopped);
        assertEquals(bad, bufferedIds(store), "the paused agent's events are back in the store");
        assertConservation(store, 9, 6, 3, 0, 0, 0);
    }

    @Test
    void aRotatedTokenReleasesTheEventsHeldForTheOldOne() {
        server.respond((r, s) -> "tok-old".equals(r.token())
                ? Reply.of(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"Invalid or expired IC token\"}")
                : s.real(r));
        DefaultEventStore store = store(1000);
        Map<String, String> tokens = new ConcurrentHashMap<>(Map.of("agent-1", "tok-old"));
        ActorSyncClient client = client(store, config(server.url()).withTokenForAgent(tokens::get),
                SyncObserver.NONE);
        handle = client.start();
        Set<String> ids = recordCompleted(store, 5, "agent-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.PAUSED_AUTH
                && client.status().retrying() == 5);

        tokens.put("agent-1", "tok-new");
        // inFlight too: the server stores an event before the client has taken its answer.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 5
                && client.status().state() == SyncState.RUNNING && client.status().retrying() == 0
                && client.status().inFlight() == 0);
        assertEquals(ids, server.storedIds());
        assertEquals(ids, server.storedIds("tok-new"), "delivered with the new token");
        assertConservation(store, 5, 5, 0, 0, 0, 0);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        AtomicBoolean limited = new AtomicBoolean(true);
        Map<String, Long> limitedAt = new ConcurrentHashMap<>();
        server.respond((r, s) -> {
            if (limited.getAndSet(false)) {
                limitedAt.put(r.eventId(), System.nanoTime());
                return Reply.of(429, "{\"error\":\"RATE_LIMITED\"}").header("Retry-After", "1");
            }
            return s.real(r);
        });
        DefaultEventStore store = store(1000);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()).withMaxInFlight(1), obs);
        handle = client.start();
        Set<String> ids = recordCompleted(store, 3, "agent-1");

        await().atMost(Duration.ofSeconds(2)).until(() -> client.status().state() == SyncState.BACKING_OFF);
        assertNotNull(client.status().nextAttempt());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 3);
        assertEquals(ids, server.storedIds());

        String first = limitedAt.keySet().iterator().next();
        long retriedAt = server.requests().stream().filter(r -> first.equals(r.eventId()))
                .mapToLong(LoopbackServer.Received::atNanos).max().orElseThrow();
        long waitedMs = (retriedAt - limitedAt.get(first)) / 1_000_000;
        assertTrue(waitedMs >= 950, "retried " + waitedMs + " ms after a 429 with Retry-After: 1");
        assertEquals(1, obs.attempts(Outcome.RATE_LIMITED).size());
        await().atMost(Duration.ofSeconds(2)).until(() -> client.status().retrying() == 0);
        assertConservation(store, 3, 3, 0, 0, 0, 0);
    }

    @Test
    void aTimeoutFollowedByADuplicateAnswerIsCountedOnce() {
        AtomicBoolean slow = new AtomicBoolean(true);
        server.respond((r, s) -> {
            Reply real = s.real(r); // the server stores it before it is slow to answer
            return slow.getAndSet(false) ? real.delayed(1500) : real;
        });
        DefaultEventStore store = store(1000);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()).withTimeout(Duration.ofMillis(300)), obs);
        handle = client.start();
        AnalyticsEvent e = completed("agent-1");
        store.record(e);

        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().duplicates() == 1);
        SyncStatus s = client.status();
        assertEquals(0, s.delivered(), "the server said duplicate: not a new delivery");
        assertEquals(1, obs.attempts(Outcome.RETRY).size());
        assertEquals("request timeout", obs.attempts(Outcome.RETRY).get(0).detail());
        assertEquals(2, server.posts.get(e.eventId().toString()).get(), "sent twice");
        assertEquals(Set.of(e.eventId().toString()), server.storedIds(), "stored once");
        assertTrue(e.isSynced());
        assertEquals(1, store.ledger().duplicates());
        await().atMost(Duration.ofSeconds(2)).until(() -> client.status().retrying() == 0);
        assertConservation(store, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void garbageBodiesNeverCrashTheActor() {
        // The first attempt of each event gets the answer its model names; later ones the real server's.
        Map<String, Reply> firstAnswer = Map.of(
                "html-202", Reply.of(202, "<html><body>Accepted</body></html>"),
                "junk-200", Reply.of(200, "\u0000\u0001 not json {"),
                "empty-200", Reply.of(200, ""),
                "html-400", Reply.of(400, "<html><body>400 Bad Request (nginx)</body></html>"),
                "json-400", Reply.of(400, "{\"error\":\"SOMETHING_NEW\"}"),
                "empty-500", Reply.of(500, ""),
                "array-503", Reply.of(503, "[1,2,3]"),
                "invalid", Reply.of(400, "{\"error\":\"VALIDATION_ERROR\",\"message\":\"model is not allowed\"}"),
                "huge-202", Reply.of(202, "x".repeat(1 << 20)));
        Set<String> firstSeen = ConcurrentHashMap.newKeySet();
        server.respond((r, s) -> {
            Reply special = firstAnswer.get(r.text("model"));
            if (special != null && firstSeen.add(r.eventId())) {
                if (special.status() >= 200 && special.status() < 300) {
                    s.real(r); // stored, but answered with garbage
                }
                return special;
            }
            return s.real(r);
        });
        DefaultEventStore store = store(1000);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()), obs);
        handle = client.start();
        Map<String, String> idByModel = new ConcurrentHashMap<>();
        for (String model : firstAnswer.keySet()) {
            AnalyticsEvent e = completed("agent-1", model, "openai");
            idByModel.put(model, e.eventId().toString());
            store.record(e);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().rejected() == 1
                && server.storedCount() == firstAnswer.size() - 1
                && client.status().retrying() == 0 && client.status().inFlight() == 0);
        SyncStatus s = client.status();
        assertEquals(firstAnswer.size() - 1, s.delivered() + s.duplicates());
        assertEquals(0, s.duplicates(), "a 2xx without a readable \"duplicate\" is a plain delivery");
        assertEquals("VALIDATION_ERROR: model is not allowed", s.lastRejectionReason());
        assertFalse(server.storedIds().contains(idByModel.get("invalid")));
        assertEquals(1, server.posts.get(idByModel.get("invalid")).get(), "a rejected event is never re-sent");
        for (String retried : List.of("html-400", "json-400", "empty-500", "array-503")) {
            assertEquals(2, server.posts.get(idByModel.get(retried)).get(), retried + " is retried once");
        }
        for (String once : List.of("html-202", "junk-200", "empty-200", "huge-202")) {
            assertEquals(1, server.posts.get(idByModel.get(once)).get(), once + " is delivered at once");
        }
        assertEquals(4, obs.attempts(Outcome.RETRY).size());
        assertConservation(store, firstAnswer.size(), firstAnswer.size() - 1, 0, 1, 0, 0);
    }

    @Test
    void stopDuringBackOffGivesEveryEventBack() {
        server.respond((r, s) -> Reply.of(503, "{\"error\":\"UNAVAILABLE\"}"));
        DefaultEventStore store = store(1000);
        SyncTuning slowBackoff = SyncTuning.DEFAULTS.withBackoff(Duration.ofSeconds(20), Duration.ofSeconds(60));
        ActorSyncClient client = (ActorSyncClient) Assembly.newSyncClient(store, config(server.url()), slowBackoff,
                SyncObserver.NONE);
        handle = client.start();
        Set<String> ids = recordCompleted(store, 8, "agent-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.BACKING_OFF
                && client.status().inFlight() == 0);
        assertTrue(client.status().retrying() > 0, "some events wait for the retry");

        long t0 = System.nanoTime();
        SyncResult result = handle.stop(Duration.ofSeconds(5));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(tookMs < 3000, "a back-off that ends after the deadline is not waited for (took " + tookMs + " ms)");
        assertEquals(new SyncResult(0, 0, 0, 8), result);
        assertEquals(SyncState.STOPPED, client.status().state());
        assertEquals(ids, bufferedIds(store), "every event is back, visible and unsynced");
        assertTrue(store.snapshotEvents().stream().noneMatch(AnalyticsEvent::isSynced));
        assertConservation(store, 8, 0, 8, 0, 0, 0);
    }

    @Test
    void bufferFillsWhileServerIsDownDropsAreCountedNothingElseIsLost() throws Exception {
        server.down();
        DefaultEventStore store = store(20);
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        handle = client.start();
        Set<String> ids = new HashSet<>(recordCompleted(store, 1, "agent-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().state() == SyncState.BACKING_OFF);
        ids.addAll(recordCompleted(store, 49, "agent-1"));
        long dropped = store.droppedCount();
        assertTrue(dropped >= 50 - 20 - 4, "the buffer holds 20, the actor at most 4: dropped " + dropped);

        server.up();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.storedCount() == 50 - dropped
                && client.status().retrying() == 0 && client.status().inFlight() == 0 && store.size() == 0);
        assertTrue(ids.containsAll(server.storedIds()));
        assertEquals(dropped, store.droppedCount(), "nothing dropped after the server came back");
        assertConservation(store, 50, 50 - dropped, 0, 0, 0, dropped);
    }

    @Test
    void serverMessagesNeverLeakTheToken() {
        server.respond((r, s) -> Reply.of(400, "{\"error\":\"VALIDATION_ERROR\",\"message\":\"bad event for token "
                + r.token() + "\"}"));
        DefaultEventStore store = store(100);
        RecordingObserver obs = new RecordingObserver();
        ActorSyncClient client = client(store, config(server.url()), obs);
        handle = client.start();
        record(store, List.of(completed("agent-1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().rejected() == 1);
        String reason = client.status().lastRejectionReason();
        assertEquals("VALIDATION_ERROR: bad event for token <redacted>", reason);
        assertTrue(obs.attempts.stream().noneMatch(a -> String.valueOf(a.detail()).contains(SyncFixtures.TOKEN)));
        assertFalse(client.status().toString().contains(SyncFixtures.TOKEN));
        assertFalse(client.toString().contains(SyncFixtures.TOKEN));
        assertFalse(handle.toString().contains(SyncFixtures.TOKEN));
    }

    /**
     * The per-agent token function throwing an Error (not a RuntimeException) after the actor
     * claimed the event: the event still goes, with the configuration's token, and the actor lives.
     */
    @Test
    void anErrorFromTheTokenFunctionLosesNoEvent() {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()).withTokenForAgent(agent -> switch (agent) {
            case "deep" -> throw new StackOverflowError();
            case "assert" -> throw new AssertionError("no token for " + agent);
            default -> null;
        }), SyncObserver.NONE);
        handle = client.start();
        Set<String> ids = record(store, List.of(completed("deep"), completed("assert"), completed("agent-1"),
                completed("deep")));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.storedIds(SyncFixtures.TOKEN).equals(ids)
                && client.status().inFlight() == 0);
        assertEquals(SyncState.RUNNING, client.status().state(), "the actor lives on");
        assertEquals(new SyncResult(4, 0, 0, 0), handle.stop(Duration.ofSeconds(2)));
        assertConservation(store, 4, 4, 0, 0, 0, 0);
    }
}
