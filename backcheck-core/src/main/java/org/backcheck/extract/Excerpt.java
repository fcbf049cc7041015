package org.backcheck.extract;

/**
 * Text from an input file as an error message may quote it: at most {@link #MAX} characters, with
 * every control character (ESC, CR, LF, the C1 controls, and the Unicode bidirectional and line
 * separators that can reorder or break a terminal line) shown as a {@code \}{@code uXXXX} escape,
 * so that a header cannot move the cursor, recolour the terminal or forge a line of output (CWE-150,
 * improper neutralisation of escape and control sequences), and a message cannot carry more of a
 * file than a short excerpt (the OWASP Logging Cheat Sheet lists personal data among what is not to
 * be recorded, and asks for untrusted data to be sanitised, CR and LF included, before it is).
 *
 * <p>Error messages quote excerpts of headers and of file names; they never quote data rows, which
 * carry pseudonymised identifiers (a rejected row is named by its number, in rejected.csv).
 */
public final class Excerpt {

    /** Characters of the input kept in an excerpt. */
    public static final int MAX = 80;

    private Excerpt() {
    }

    /** Characters of one name kept in {@link #ofNames}, and of the whole list. */
    public static final int MAX_NAME = 40;
    public static final int MAX_NAMES = 400;

    /** {@code text}, cut to {@link #MAX} characters and escaped. */
    public static String of(String text) {
        return of(text, MAX);
    }

    /**
     * Column names as a message lists them, {@code [a, b, c]}: each cut to {@link #MAX_NAME}
     * characters and escaped, the list cut to {@link #MAX_NAMES}, so that the names found can be
     * compared with those needed while a line that is not a header cannot be quoted whole.
     */
    public static String ofNames(java.util.List<String> names) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            String next = (i > 0 ? ", " : "") + of(names.get(i), MAX_NAME);
            if (b.length() + next.length() > MAX_NAMES) {
                return b.append(", ... ").append(names.size() - i).append(" more]").toString();
            }
            b.append(next);
        }
        return b.append(']').toString();
    }

    private static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        int keep = Math.min(text.length(), max);
        if (keep < text.length() && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        StringBuilder b = new StringBuilder(keep + 16);
        escapeInto(b, text, keep);
        if (keep < text.length()) {
            b.append("... (").append(text.length()).append(" characters)");
        }
        return b.toString();
    }

    /**
     * A whole message escaped but not cut: line feeds kept (messages list problems one per line),
     * every other control character shown as an escape.
     */
    public static String escapeMessage(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                b.append(c);
            } else {
                escapeInto(b, String.valueOf(c), 1);
            }
        }
        return b.toString();
    }

    private static void escapeInto(StringBuilder b, String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }
}
