package io.ironcage.analytics.core.sync;

import static io.ironcage.analytics.core.sync.SyncFixtures.client;
import static io.ironcage.analytics.core.sync.SyncFixtures.config;
import static io.ironcage.analytics.core.sync.SyncFixtures.store;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.ironcage.analytics.core.store.DefaultEventStore;
import io.ironcage.analytics.sync.SyncHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review of the fix/sync merge, issue item 5 ("A start() that fails part-way ... leaves the run
 * registered ...; a later start() blocks forever") and the promise that start() is all or nothing.
 *
 * <p>{@code SyncRun.start()} logs "sync started" after its all-or-nothing block, once the actor
 * thread runs; {@code ActorSyncClient.start()} publishes the run in {@code current} only after that.
 * If the log call throws (a JUL filter or handler that throws: {@code java.util.logging.Logger.log}
 * does not shield the caller from either), start() throws with the actor running, registered in
 * {@code ACTIVE}, and unreachable: no handle was returned, {@code current} does not know it. Every
 * later start() of that client then waits in {@code register()} for that run to end, which nothing
 * can ask it to do.
 */
@Timeout(30)
class SyncStartLogFailureTest {
    static {
        // The core module does not read java.logging (see SyncSecretsTest).
        SyncStartLogFailureTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    private final Logger syncLogger = Logger.getLogger("io.ironcage.analytics.sync");
    private LoopbackServer server;
    private Filter previousFilter;
    private Level previousLevel;

    @BeforeEach
    void setUp() throws Exception {
        server = LoopbackServer.start();
        previousFilter = syncLogger.getFilter();
        previousLevel = syncLogger.getLevel();
    }

    @AfterEach
    void tearDown() {
        syncLogger.setFilter(previousFilter);
        syncLogger.setLevel(previousLevel);
        server.close();
    }

    @Test
    void aStartWhoseLogLineFailsLeavesNoRunBehind() throws Exception {
        DefaultEventStore store = store(100);
        ActorSyncClient client = client(store, config(server.url()), SyncObserver.NONE);
        syncLogger.setLevel(Level.ALL);
        syncLogger.setFilter(r -> {
            if (r.getMessage() != null && r.getMessage().contains("started for store")) {
                throw new IllegalStateException("log handler failed");
            }
            return false;
        });
        assertThrows(RuntimeException.class, client::start);
        syncLogger.setFilter(r -> false);

        CompletableFuture<SyncHandle> later = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                later.complete(client.start());
            } catch (Throwable e) {
                later.completeExceptionally(e);
            }
        });
        try {
            later.get(3, TimeUnit.SECONDS).stop(Duration.ofSeconds(2));
        } catch (TimeoutException blocked) {
            boolean inRegister = java.util.Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("awaitTermination"));
            fail("a start() after a start() whose log line threw was still blocked after 3 s"
                    + (inRegister ? " in SyncRun.awaitTermination on the orphaned, still-running run" : ""));
        }
    }
}
