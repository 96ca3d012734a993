package io.ironcage.analytics.sync;

import io.ironcage.analytics.internal.SharedSecrets;
import io.ironcage.analytics.internal.SyncConfigAccess;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where and how to deliver events. Immutable; each {@code with...} returns a copy and validates
 * its argument, naming the field in the error. A class rather than a record so that the token can
 * never leak through an accessor or {@link #toString()}.
 *
 * <p>An empty server URL disables sync without error, as in the original.
 */
public final class SyncConfig {
    private final URI serverUrl;
    private final String icToken;
    private final Duration syncInterval;
    private final int batchThreshold;
    private final Duration timeout;
    private final int maxInFlight;
    private final Duration shutdownTimeout;
    private final Function<String, String> agentToken;
    private final int rateLimitPerMinute;
    private final boolean shutdownHook;
    private final Duration retryBackoffInitial;
    private final Duration retryBackoffMax;

    /** The default first retry delay. */
    private static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(500);
    /** The default longest retry delay. */
    private static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
    /** The longest retry delay accepted: the longest {@code Retry-After} the client honours, too. */
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    static {
        // The tokens are for the implementation only: published to core, not to applications.
        SharedSecrets.setSyncConfigAccess(SyncConfig::tokenFor);
    }

    private SyncConfig(URI serverUrl, String icToken, Duration syncInterval, int batchThreshold,
                       Duration timeout, int maxInFlight, Duration shutdownTimeout,
                       Function<String, String> agentToken, int rateLimitPerMinute, boolean shutdownHook) {
        this(serverUrl, icToken, syncInterval, batchThreshold, timeout, maxInFlight, shutdownTimeout, agentToken,
                rateLimitPerMinute, shutdownHook, DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX);
    }

    private SyncConfig(URI serverUrl, String icToken, Duration syncInterval, int batchThreshold,
                       Duration timeout, int maxInFlight, Duration shutdownTimeout,
                       Function<String, String> agentToken, int rateLimitPerMinute, boolean shutdownHook,
                       Duration retryBackoffInitial, Duration retryBackoffMax) {
        this.retryBackoffInitial = retryBackoffInitial;
        this.retryBackoffMax = retryBackoffMax;
        this.serverUrl = serverUrl;
        this.icToken = icToken;
        this.syncInterval = syncInterval;
        this.batchThreshold = batchThreshold;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.shutdownTimeout = shutdownTimeout;
        this.agentToken = agentToken;
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.shutdownHook = shutdownHook;
    }

    /**
     * A configuration with the defaults: 30 s interval, batch threshold 10, 30 s request timeout,
     * 4 requests in flight, 10 s shutdown timeout, no rate limit, no shutdown hook, retry back-off
     * from 500 ms up to 60 s.
     *
     * @param serverUrl the Control API base URL, {@code http} or {@code https}, without user info,
     *                  query or fragment; empty disables sync
     * @param icToken   the IC token; not blank unless sync is disabled
     * @return the configuration
     * @throws IllegalArgumentException naming {@code serverUrl} or {@code icToken}
     */
    public static SyncConfig of(String serverUrl, String icToken) {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(icToken, "icToken");
        URI uri = null;
        if (!serverUrl.isBlank()) {
            uri = parseUrl(serverUrl.strip());
            if (icToken.isBlank()) {
                throw new IllegalArgumentException("icToken must not be blank when serverUrl is set");
            }
        }
        return new SyncConfig(uri, icToken, Duration.ofSeconds(30), 10, Duration.ofSeconds(30), 4,
                Duration.ofSeconds(10), null, 0, false);
    }

    /**
     * A disabled configuration: a client built from it never sends anything.
     *
     * @return the configuration
     */
    public static SyncConfig disabled() {
        return of("", "");
    }

    /**
     * Parses and checks the server URL. Secrets first: a URL with user info is refused before any
     * other check and never quoted; a query or fragment (never sent: requests go to
     * {@code {serverUrl}/api/v1/...}, and a token in it would be printed by {@code toString()} and
     * the sync log lines) is refused quoting only {@code scheme://host:port/path}. Other errors
     * quote the URL up to any query or fragment.
     */
    private static URI parseUrl(String url) {
        if (hasUserInfo(url)) {
            throw new IllegalArgumentException(
                    "serverUrl must not carry credentials (user info); pass the token with icToken");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // e.getMessage() (and so the JDK's own exception) quotes the whole input: not kept
            throw new IllegalArgumentException("serverUrl is not a valid URL: \"" + beforeQuery(url) + "\" ("
                    + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (uri.getRawUserInfo() != null) { // cannot happen after hasUserInfo; kept as a safety net
            throw new IllegalArgumentException(
                    "serverUrl must not carry credentials (user info); pass the token with icToken");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("serverUrl must be an http or https URL with a host but was \""
                    + beforeQuery(url) + "\"");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            String base = scheme + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
            throw new IllegalArgumentException("serverUrl must not have a query or fragment (it is not sent; pass "
                    + "the token with icToken) but \"" + base + "\" was followed by one");
        }
        return uri;
    }

    /**
     * Whether the authority of a URL (or, without {@code //}, anything before the first
     * {@code /}, {@code ?} or {@code #}) holds an {@code @}: user info, perhaps a token. Decided on
     * the raw text, so that a URL the JDK cannot parse, or parses as something else (a scheme
     * {@code user:token@host}), is never quoted either.
     */
    private static boolean hasUserInfo(String url) {
        int slashes = url.indexOf("//");
        int start = slashes >= 0 ? slashes + 2 : 0;
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return url.substring(start, end).indexOf('@') >= 0;
    }

    /** The URL up to (not including) its first {@code ?} or {@code #}. */
    private static String beforeQuery(String url) {
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        int end = q < 0 ? f : f < 0 ? q : Math.min(q, f);
        return end < 0 ? url : url.substring(0, end);
    }

    private static Duration positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + d);
        }
        return d;
    }

    private static int positive(String field, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(field + " must be > 0 but was " + n);
        }
        return n;
    }

    /**
     * Sets the interval.
     *
     * @param interval how often the actor syncs; positive
     * @return a copy with it
     */
    public SyncConfig withInterval(Duration interval) {
        return new SyncConfig(serverUrl, icToken, positive("syncInterval", interval), batchThreshold, timeout,
                maxInFlight, shutdownTimeout, agentToken, rateLimitPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the batch threshold.
     *
     * @param threshold unsynced events that trigger a sync at once; positive
     * @return a copy with it
     */
    public SyncConfig withBatchThreshold(int threshold) {
        return new SyncConfig(serverUrl, icToken, syncInterval, positive("batchThreshold", threshold), timeout,
                maxInFlight, shutdownTimeout, agentToken, rateLimitPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the timeout.
     *
     * @param timeout the limit for one HTTP exchange, from connecting to the last byte of the
     *                response body (a server that sends its headers and then goes quiet times out
     *                too); also the connect timeout and the longest a {@code syncNow()} waits; positive
     * @return a copy with it
     */
    public SyncConfig withTimeout(Duration timeout) {
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, positive("timeout", timeout),
                maxInFlight, shutdownTimeout, agentToken, rateLimitPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the max in flight.
     *
     * @param requests how many HTTP requests may be in flight at once; positive
     * @return a copy with it
     */
    public SyncConfig withMaxInFlight(int requests) {
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, timeout,
                positive("maxInFlight", requests), shutdownTimeout, agentToken, rateLimitPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the shutdown timeout.
     *
     * @param timeout how long {@link SyncHandle#close()} waits at most; positive
     * @return a copy with it
     */
    public SyncConfig withShutdownTimeout(Duration timeout) {
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, this.timeout, maxInFlight,
                positive("shutdownTimeout", timeout), agentToken, rateLimitPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sends each event with its agent's own token, so agents stay apart on the server (which
     * derives the agent from the token). Events without an agent, or for which the function
     * returns null or blank or throws (anything, {@code Error}s included), use the
     * configuration's token. Called on the sync actor's thread: it must be quick.
     *
     * @param agentToken agent id to IC token
     * @return a copy with it
     */
    public SyncConfig withTokenForAgent(Function<String, String> agentToken) {
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, timeout, maxInFlight,
                shutdownTimeout, Objects.requireNonNull(agentToken, "agentToken"), rateLimitPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the rate limit.
     *
     * @param eventsPerMinute most events sent per minute; 0 turns the limit off (the server
     *                        publishes 1000 per token per minute)
     * @return a copy with it
     */
    public SyncConfig withRateLimit(int eventsPerMinute) {
        if (eventsPerMinute < 0) {
            throw new IllegalArgumentException("rateLimit must be >= 0 (0 = off) but was " + eventsPerMinute);
        }
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, timeout, maxInFlight,
                shutdownTimeout, agentToken, eventsPerMinute, shutdownHook,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the shutdown hook.
     *
     * @param enabled whether a JVM shutdown hook stops the actor (flushing for at most the
     *                shutdown timeout) when the process exits
     * @return a copy with it
     */
    public SyncConfig withShutdownHook(boolean enabled) {
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, timeout, maxInFlight,
                shutdownTimeout, agentToken, rateLimitPerMinute, enabled,
                retryBackoffInitial, retryBackoffMax);
    }

    /**
     * Sets the retry back-off: after the n-th consecutive transient failure (5xx, timeout, connection
     * error, 429 without {@code Retry-After}, ...) nothing is sent for
     * {@code min(max, initial × 2^(n-1))}, jittered into its upper half; a refused token is paused on
     * the same schedule. Defaults: 500 ms and 60 s.
     *
     * @param initial the first delay; positive, at most {@code max}
     * @param max     the longest delay; at least {@code initial}, at most 15 minutes
     * @return a copy with it
     * @throws NullPointerException     naming the argument if one is null
     * @throws IllegalArgumentException naming the argument and its value if it is out of range
     */
    public SyncConfig withRetryBackoff(Duration initial, Duration max) {
        positive("retryBackoffInitial", initial);
        positive("retryBackoffMax", max);
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retryBackoffMax (" + max + ") must be >= retryBackoffInitial ("
                    + initial + ")");
        }
        if (max.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("retryBackoffMax must be at most " + MAX_BACKOFF + " but was " + max);
        }
        return new SyncConfig(serverUrl, icToken, syncInterval, batchThreshold, timeout, maxInFlight,
                shutdownTimeout, agentToken, rateLimitPerMinute, shutdownHook, initial, max);
    }

    /**
     * Returns the first retry delay (see {@link #withRetryBackoff}).
     *
     * @return the first retry delay
     */
    public Duration retryBackoffInitial() {
        return retryBackoffInitial;
    }

    /**
     * Returns the longest retry delay (see {@link #withRetryBackoff}).
     *
     * @return the longest retry delay
     */
    public Duration retryBackoffMax() {
        return retryBackoffMax;
    }

    /**
     * Returns whether sync is on (a server URL was given).
     *
     * @return whether sync is on (a server URL was given)
     */
    public boolean enabled() {
        return serverUrl != null;
    }

    /**
     * Returns the server URL, or null when sync is disabled.
     *
     * @return the server URL, or null when sync is disabled
     */
    public URI serverUrl() {
        return serverUrl;
    }

    /**
     * Returns how often the actor syncs.
     *
     * @return how often the actor syncs
     */
    public Duration syncInterval() {
        return syncInterval;
    }

    /**
     * Returns unsynced events that trigger a sync at once.
     *
     * @return unsynced events that trigger a sync at once
     */
    public int batchThreshold() {
        return batchThreshold;
    }

    /**
     * Returns the limit for one HTTP request.
     *
     * @return the limit for one HTTP request
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns HTTP requests in flight at most.
     *
     * @return HTTP requests in flight at most
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Returns how long {@link SyncHandle#close()} waits at most.
     *
     * @return how long {@link SyncHandle#close()} waits at most
     */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Returns events per minute at most; 0 = no limit.
     *
     * @return events per minute at most; 0 = no limit
     */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    /**
     * Returns whether a JVM shutdown hook stops the actor.
     *
     * @return whether a JVM shutdown hook stops the actor
     */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /**
     * The token to send an event of the given agent with; never logged. Reached by the
     * implementation only, through {@link SyncConfigAccess} (see the static initialiser).
     */
    private String tokenFor(String agentId) {
        if (agentId != null && agentToken != null) {
            String t = agentToken.apply(agentId);
            if (t != null && !t.isBlank()) {
                return t;
            }
        }
        return icToken;
    }

    /** Shows every setting but the tokens. */
    @Override
    public String toString() {
        return "SyncConfig[serverUrl=" + serverUrl + ", icToken=<redacted>, syncInterval=" + syncInterval
                + ", batchThreshold=" + batchThreshold + ", timeout=" + timeout + ", maxInFlight=" + maxInFlight
                + ", shutdownTimeout=" + shutdownTimeout + ", perAgentTokens=" + (agentToken != null)
                + ", rateLimitPerMinute=" + rateLimitPerMinute + ", shutdownHook=" + shutdownHook
                + ", retryBackoff=" + retryBackoffInitial + ".." + retryBackoffMax + "]";
    }
}
