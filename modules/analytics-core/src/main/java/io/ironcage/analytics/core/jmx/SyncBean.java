package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.core.sync.SyncState;
import io.ironcage.analytics.core.sync.SyncStatus;
import io.ironcage.analytics.management.ManagementNames;
import io.ironcage.analytics.management.SyncMXBean;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * The {@link SyncMXBean} of one running sync client: each getter reads the client's published
 * {@link SyncStatus}; {@link #syncNow()} hands the request to the client and returns.
 */
final class SyncBean extends NotificationBroadcasterSupport implements SyncMXBean {
    private static final System.Logger LOG = System.getLogger(SyncMBeans.class.getName());

    /** The bean's notification info: a new array per bean (an array constant could be written to). */
    private static MBeanNotificationInfo[] notifications() {
        return new MBeanNotificationInfo[] {
            new MBeanNotificationInfo(new String[] {ManagementNames.SYNC_STATE_NOTIFICATION},
                    AttributeChangeNotification.class.getName(), "The sync client's State changed")
        };
    }

    private final String storeName;
    private final Supplier<SyncStatus> status;
    private final Runnable syncNow;
    private final Dispatcher dispatcher;
    private final AtomicLong sequence = new AtomicLong();
    private volatile ObjectName objectName;

    SyncBean(String storeName, Supplier<SyncStatus> status, Runnable syncNow) {
        super(notifications());
        this.storeName = storeName;
        this.status = Objects.requireNonNull(status, "status");
        this.syncNow = Objects.requireNonNull(syncNow, "syncNow");
        this.dispatcher = new Dispatcher("sync of store \"" + storeName + "\"");
    }

    void registeredAs(ObjectName on) {
        this.objectName = on;
    }

    void close() {
        dispatcher.shutdown();
    }

    /** Queues a State change notification; returns at once. */
    void stateChanged(SyncState from, SyncState to, String reason) {
        long now = System.currentTimeMillis();
        dispatcher.execute(() -> {
            ObjectName on = objectName;
            String message = "sync of store \"" + storeName + "\": " + from + " -> " + to
                    + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
            sendNotification(new AttributeChangeNotification(on != null ? on : this, sequence.incrementAndGet(), now,
                    message, "State", String.class.getName(), from.name(), to.name()));
        });
    }

    private SyncStatus status() {
        return status.get();
    }

    @Override
    public String getStoreName() {
        return storeName;
    }

    @Override
    public String getState() {
        return status().state().name();
    }

    @Override
    public long getDelivered() {
        return status().delivered();
    }

    @Override
    public long getDuplicates() {
        return status().duplicates();
    }

    @Override
    public long getRejected() {
        return status().rejected();
    }

    @Override
    public String getLastRejectionReason() {
        return Objects.requireNonNullElse(status().lastRejectionReason(), "");
    }

    @Override
    public long getRetries() {
        return status().retries();
    }

    @Override
    public int getInFlight() {
        return status().inFlight();
    }

    @Override
    public long getRetrying() {
        return status().retrying();
    }

    @Override
    public long getBacklog() {
        return status().backlog();
    }

    @Override
    public int getPausedTokens() {
        return status().pausedTokens();
    }

    @Override
    public int getConsecutiveFailures() {
        return status().consecutiveFailures();
    }

    @Override
    public String getLastError() {
        return Objects.requireNonNullElse(status().lastError(), "");
    }

    @Override
    public long getLastSuccessEpochMillis() {
        return millis(status().lastSuccess());
    }

    @Override
    public String getLastSuccess() {
        return text(status().lastSuccess());
    }

    @Override
    public long getNextAttemptEpochMillis() {
        return millis(status().nextAttempt());
    }

    @Override
    public String getNextAttempt() {
        return text(status().nextAttempt());
    }

    @Override
    public void syncNow() {
        // The request may wait for the client; the JMX caller must not.
        Thread.ofVirtual().name("ironcage-sync-now-" + storeName).start(() -> {
            try {
                syncNow.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: syncNow from JMX for store \""
                        + storeName + "\" failed: " + e);
            }
        });
    }

    private static long millis(Instant t) {
        return t == null ? 0 : t.toEpochMilli();
    }

    private static String text(Instant t) {
        return t == null ? "" : t.toString();
    }

    @Override
    public String toString() {
        return "SyncBean[" + objectName + "]";
    }
}
