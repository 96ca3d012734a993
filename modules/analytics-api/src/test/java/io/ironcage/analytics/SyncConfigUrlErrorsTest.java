package io.ironcage.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ironcage.analytics.sync.SyncConfig;
import org.junit.jupiter.api.Test;

/** D4: what the serverUrl errors say, and what they must not. */
class SyncConfigUrlErrorsTest {
    private static final String SECRET = "ic_secret_0123456789";

    @Test
    void userInfoIsRefusedFirstAndNeverQuoted() {
        for (String url : new String[] {"https://agent:" + SECRET + "@control.example.com",
                "ftp://" + SECRET + "@control.example.com/", "agent:" + SECRET + "@control.example.com"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyncConfig.of(url, "t"));
            assertEquals("serverUrl must not carry credentials (user info); pass the token with icToken",
                    e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void aQueryOrFragmentIsRefusedQuotingOnlySchemeHostPortAndPath() {
        for (String url : new String[] {"https://control.example.com:8443/ic?ic_token=" + SECRET,
                "https://control.example.com:8443/ic#" + SECRET}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyncConfig.of(url, "t"));
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertTrue(e.getMessage().contains("\"https://control.example.com:8443/ic\""), e.getMessage());
            assertTrue(e.getMessage().contains("query or fragment"), e.getMessage());
        }
    }

    @Test
    void otherUrlErrorsStillQuoteTheCredentialFreeUrl() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> SyncConfig.of("ftp://control.example.com/", "t"));
        assertTrue(scheme.getMessage().contains("\"ftp://control.example.com/\""), scheme.getMessage());
        IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class,
                () -> SyncConfig.of("https://control.example.com/a b?x=" + SECRET, "t"));
        assertTrue(syntax.getMessage().contains("\"https://control.example.com/a b\""), syntax.getMessage());
        assertFalse(syntax.getMessage().contains(SECRET), syntax.getMessage());
        assertNull(syntax.getCause(), "the JDK's exception quotes the whole input");
    }

    @Test
    void aPlainUrlIsAccepted() {
        assertEquals("https://control.example.com:8443/ic",
                SyncConfig.of("https://control.example.com:8443/ic", "t").serverUrl().toString());
    }
}
