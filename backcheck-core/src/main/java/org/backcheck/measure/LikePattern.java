package org.backcheck.measure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled T-SQL {@code LIKE} pattern, matched as NCDR's case-insensitive collation
 * ({@code Latin1_General_CI_AS}) matches it: over the whole field, ignoring case.
 *
 * <p>Supported: {@code %} (any run, including none), {@code _} (exactly one character),
 * {@code [abc]} (one of), {@code [a-z]} (a range), {@code [^...]} (none of), and {@code [%]},
 * {@code [_]}, {@code [[]} to match those characters literally. A {@code ]} outside a class is a
 * literal. As in SQL Server, trailing spaces of the matched text are not significant: the text
 * matches when it, or it less some of its trailing spaces, matches ({@code 'U054 ' LIKE 'U05[45]'}
 * is true, {@code 'U054' LIKE 'U054 '} is not). An unterminated {@code [} is a compile error (SQL Server would silently match nothing,
 * which would hide a typo in a measure definition).
 *
 * <p>Why not {@link java.util.regex}: the audit evaluates these patterns millions of times a
 * second. A pattern is split at {@code %} into fixed-width segments; the first is anchored at the
 * start, the last at the end, and each middle one is found leftmost, which is exact because every
 * segment element consumes exactly one character. Byte input that is pure ASCII is matched
 * without decoding; anything else falls back to the {@code char} path.
 *
 * <p>NOTE: ranges compare code points after case folding. SQL Server orders ranges by collation
 * sort order, which can differ for accented letters; codes in the measure are ASCII, so this
 * never changes a classification of a well-formed code.
 */
public final class LikePattern {

    private final String source;
    private final LikeElement[][] segments;
    private final int minLength;
    /** For a {@link #isContains() contains} pattern: per segment position, which ASCII characters match. */
    private final boolean[][] containsTables;

    private LikePattern(String source, LikeElement[][] segments) {
        this.source = source;
        this.segments = segments;
        if (isContains()) {
            LikeElement[] middle = segments[1];
            containsTables = new boolean[middle.length][128];
            for (int k = 0; k < middle.length; k++) {
                for (char c = 0; c < 128; c++) {
                    containsTables[k][c] = middle[k].test(c);
                }
            }
        } else {
            containsTables = null;
        }
        int min = 0;
        for (LikeElement[] s : segments) {
            min += s.length;
        }
        this.minLength = min;
    }

    /** Compiles a LIKE pattern; throws {@link IllegalArgumentException} for a malformed one. */
    public static LikePattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        // Split at '%': parts.get(0) is anchored at the start, the last part (when there is a '%')
        // at the end, and the parts between float. Consecutive '%' leave empty parts, dropped.
        List<List<LikeElement>> parts = new ArrayList<>();
        parts.add(new ArrayList<>());
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            List<LikeElement> current = parts.get(parts.size() - 1);
            if (c == '%') {
                parts.add(new ArrayList<>());
                i++;
            } else if (c == '_') {
                current.add(LikeElement.ANY);
                i++;
            } else if (c == '[') {
                int close = findClassEnd(pattern, i);
                current.add(LikeElement.charClass(pattern, i + 1, close));
                i = close + 1;
            } else {
                current.add(LikeElement.literal(c));
                i++;
            }
        }
        List<LikeElement[]> segments = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            boolean anchored = k == 0 || k == parts.size() - 1;
            if (anchored || !parts.get(k).isEmpty()) {
                segments.add(parts.get(k).toArray(LikeElement[]::new));
            }
        }
        return new LikePattern(pattern, segments.toArray(LikeElement[][]::new));
    }

    private static int findClassEnd(String pattern, int open) {
        // T-SQL: the first character after '[' (or after '[^') may be ']' only as "[]"... which
        // SQL Server treats as an empty, never-matching set; we require at least one member.
        int j = open + 1;
        if (j < pattern.length() && pattern.charAt(j) == '^') {
            j++;
        }
        if (j < pattern.length() && pattern.charAt(j) == ']') {
            throw new IllegalArgumentException("empty character class at position " + open + " in LIKE pattern '" + pattern + "'");
        }
        int close = pattern.indexOf(']', j);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated '[' at position " + open + " in LIKE pattern '" + pattern + "'");
        }
        return close;
    }

    /** The pattern as written. */
    public String source() {
        return source;
    }

    /**
     * True when the pattern is {@code %…%} with one fixed-width segment in between, the shape of
     * every pattern in the published measure. For such patterns {@link #findAll} reports codes.
     */
    public boolean isContains() {
        return segments.length == 3 && segments[0].length == 0 && segments[2].length == 0;
    }

    /** Whole-field match of a Java string, as T-SQL {@code field LIKE pattern}. */
    public boolean matches(CharSequence text) {
        return matchFrom(new CharText(text));
    }

    /**
     * Whole-field match of UTF-8 bytes. Pure ASCII input is matched in place; other input is
     * decoded first so that {@code _} consumes one character, not one byte.
     */
    public boolean matches(byte[] bytes, int offset, int length) {
        if (!isAscii(bytes, offset, length)) {
            return matches(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
        if (containsTables != null) {
            return containsAscii(bytes, offset, length);
        }
        return matchFrom(new AsciiText(bytes, offset, length));
    }

    /**
     * {@code %segment%} on ASCII bytes: one flat loop over table look-ups (the audit's hot path).
     * Trailing spaces need no special case: the final {@code %} absorbs them.
     */
    private boolean containsAscii(byte[] b, int offset, int length) {
        boolean[][] tables = containsTables;
        int width = tables.length;
        for (int i = offset, last = offset + length - width; i <= last; i++) {
            int k = 0;
            while (k < width && tables[k][b[i + k]]) {
                k++;
            }
            if (k == width) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a {@link #isContains() contains} pattern: every non-overlapping occurrence of the middle
     * segment, leftmost first, upper-cased. For other patterns: the whole field when it matches.
     */
    public List<String> findAll(CharSequence text) {
        List<String> found = new ArrayList<>();
        if (!isContains()) {
            if (matches(text)) {
                found.add(text.toString().toUpperCase(java.util.Locale.ROOT));
            }
            return found;
        }
        Text t = new CharText(text);
        LikeElement[] seg = segments[1];
        int pos = 0;
        while (true) {
            int at = find(t, seg, pos, t.length());
            if (at < 0) {
                return found;
            }
            found.add(text.subSequence(at, at + seg.length).toString().toUpperCase(java.util.Locale.ROOT));
            pos = at + seg.length;
        }
    }

    /**
     * The ASCII characters of which any matching text must contain at least one (case variants
     * included), or null when no such set can be told (e.g. {@code %}, or a segment that starts
     * with {@code _} or a negated class). Used to skip rows cheaply: a text of pure ASCII with none
     * of these characters cannot match. Non-ASCII members are not listed, so callers must not skip
     * text that holds non-ASCII bytes.
     */
    public boolean[] requiredAsciiChars() {
        for (LikeElement[] segment : segments) {
            if (segment.length > 0) {
                return segment[0].asciiMembersIfComplete();
            }
        }
        return null;
    }

    private boolean matchFrom(Text t) {
        int n = t.length();
        if (matchPrefix(t, n)) {
            return true;
        }
        while (n > 0 && t.charAt(n - 1) == ' ') {
            n--;
            if (matchPrefix(t, n)) {
                return true;
            }
        }
        return false;
    }

    /** Whole-pattern match against the first {@code n} characters of {@code t}. */
    private boolean matchPrefix(Text t, int n) {
        if (n < minLength) {
            return false;
        }
        LikeElement[] prefix = segments[0];
        if (segments.length == 1) {
            return n == prefix.length && matchesAt(t, prefix, 0);
        }
        LikeElement[] suffix = segments[segments.length - 1];
        if (!matchesAt(t, prefix, 0) || !matchesAt(t, suffix, n - suffix.length)) {
            return false;
        }
        int pos = prefix.length;
        int limit = n - suffix.length;
        for (int s = 1; s < segments.length - 1; s++) {
            LikeElement[] seg = segments[s];
            int at = find(t, seg, pos, limit);
            if (at < 0) {
                return false;
            }
            pos = at + seg.length;
        }
        return true;
    }

    /** Leftmost i in [from, limit - seg.length] where seg matches, or -1. */
    private static int find(Text t, LikeElement[] seg, int from, int limit) {
        int last = limit - seg.length;
        LikeElement first = seg[0];
        for (int i = from; i <= last; i++) {
            if (first.test(t.charAt(i)) && matchesAt(t, seg, i, 1)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(Text t, LikeElement[] seg, int at) {
        return matchesAt(t, seg, at, 0);
    }

    private static boolean matchesAt(Text t, LikeElement[] seg, int at, int fromLikeElement) {
        for (int k = fromLikeElement; k < seg.length; k++) {
            if (!seg[k].test(t.charAt(at + k))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAscii(byte[] bytes, int offset, int length) {
        int acc = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            acc |= bytes[i];
        }
        return (acc & 0x80) == 0;
    }

    @Override
    public String toString() {
        return "LIKE '" + source + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LikePattern other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** Character access without committing to String or byte[] storage. */
    private interface Text {
        int length();

        char charAt(int i);
    }

    private record CharText(CharSequence s) implements Text {
        public int length() {
            return s.length();
        }

        public char charAt(int i) {
            return s.charAt(i);
        }
    }

    private record AsciiText(byte[] b, int off, int len) implements Text {
        public int length() {
            return len;
        }

        public char charAt(int i) {
            return (char) b[off + i];
        }
    }
}
