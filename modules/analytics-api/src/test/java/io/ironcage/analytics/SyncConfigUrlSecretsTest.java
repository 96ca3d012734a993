package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ironcage.analytics.sync.SyncConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Review of the fix/sync merge: the IC token given inside {@code serverUrl}.
 *
 * <p>Project standard: secrets (IC tokens) never appear in logs, {@code toString()} or exceptions.
 * {@code SyncConfig.of} refuses a URL with user info ("must not carry credentials; pass the IC
 * token separately", a message that rightly omits the URL), but it checks that only after the
 * scheme and host checks, whose messages quote the whole URL; a URL the JDK cannot parse is
 * quoted too (and again in the {@code URISyntaxException} cause). And a URL whose query carries the
 * token is accepted (the query is even dropped on the wire by {@code HttpSender.endpoint}) and
 * printed whole by {@code toString()}, which the "sync started" INFO line and every state WARNING
 * ({@code SyncReporter}: "sync to {serverUrl}: ...") repeat.
 */
class SyncConfigUrlSecretsTest {
    private static final String TOKEN = "ic_secret_token_0123456789";

    /** A URL with credentials that fails an earlier check: the error must not quote them. */
    @Test
    void anInvalidUrlWithCredentialsIsRefusedWithoutQuotingThem() {
        for (String url : List.of("ftp://agent:" + TOKEN + "@control.example.com/", // wrong scheme
                "https://agent:" + TOKEN + "@control_example.com/", // no (server-based) host
                "https://agent:" + TOKEN + "@control.example.com/a b")) { // not a URI at all
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SyncConfig.of(url, TOKEN), url);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(TOKEN),
                        "the token shows in the exception: " + t);
            }
        }
    }

    /** The token in the URL's query: refused, or at least never printed. */
    @Test
    void aTokenInTheUrlQueryNeverShowsInToString() {
        String text;
        try {
            text = SyncConfig.of("https://control.example.com/?ic_token=" + TOKEN, TOKEN).toString();
        } catch (IllegalArgumentException refused) {
            assertFalse(String.valueOf(refused.getMessage()).contains(TOKEN), "refused, quoting it: " + refused);
            return;
        }
        assertFalse(text.contains(TOKEN), "toString shows the token: " + text);
    }
}
