package io.ironcage.analytics.core.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Makes a text that came from the server (or was built from what it sent) safe to keep: every
 * known token replaced by {@code <redacted>}, control characters turned into spaces (one log
 * line stays one line), and the result clipped to {@link #MAX_CHARS} with a marker. The sync
 * actor passes each verdict's text through here once, as it takes the verdict, so nothing
 * downstream (lastError, lastRejection, the status, the observer, logs, JMX, JFR) ever sees the
 * raw text. Redaction comes before clipping: clipping first could cut a token in two and leave
 * its first half behind. Stateless; any thread.
 */
final class ServerText {
    /** The longest text kept, before the marker. */
    static final int MAX_CHARS = 200;
    /** Appended to a clipped text. */
    static final String CLIPPED = "...[clipped]";
    static final String REDACTED = "<redacted>";

    private ServerText() { }

    /**
     * The safe form of a server text.
     *
     * @param text    the text, or null
     * @param secrets tokens to redact (null or empty entries are ignored)
     * @return the text redacted, on one line and clipped; null for null
     */
    static String clean(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String s = text;
        // Longest first: a token that contains another is replaced whole, not around the shorter one.
        List<String> sorted = new ArrayList<>(secrets.size());
        for (String t : secrets) {
            if (t != null && !t.isEmpty()) {
                sorted.add(t);
            }
        }
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        for (String t : sorted) {
            s = s.replace(t, REDACTED);
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS + CLIPPED.length()));
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                if (!space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            if (out.length() >= MAX_CHARS) {
                return out.append(CLIPPED).toString();
            }
            out.append(c);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }
}
