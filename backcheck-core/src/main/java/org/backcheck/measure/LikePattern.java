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
    private final Element[][] segments;
    private final int minLength;
    /** For a {@link #isContains() contains} pattern: per segment position, which ASCII characters match. */
    private final boolean[][] containsTables;

    private LikePattern(String source, Element[][] segments) {
        this.source = source;
        this.segments = segments;
        if (isContains()) {
            Element[] middle = segments[1];
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
        for (Element[] s : segments) {
            min += s.length;
        }
        this.minLength = min;
    }

    /** Compiles a LIKE pattern; throws {@link IllegalArgumentException} for a malformed one. */
    public static LikePattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        // Split at '%': parts.get(0) is anchored at the start, the last part (when there is a '%')
        // at the end, and the parts between float. Consecutive '%' leave empty parts, dropped.
        List<List<Element>> parts = new ArrayList<>();
        parts.add(new ArrayList<>());
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            List<Element> current = parts.get(parts.size() - 1);
            if (c == '%') {
                parts.add(new ArrayList<>());
                i++;
            } else if (c == '_') {
                current.add(Element.ANY);
                i++;
            } else if (c == '[') {
                int close = findClassEnd(pattern, i);
                current.add(Element.charClass(pattern, i + 1, close));
                i = close + 1;
            } else {
                current.add(Element.literal(c));
                i++;
            }
        }
        List<Element[]> segments = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            boolean anchored = k == 0 || k == parts.size() - 1;
            if (anchored || !parts.get(k).isEmpty()) {
                segments.add(parts.get(k).toArray(Element[]::new));
            }
        }
        return new LikePattern(pattern, segments.toArray(Element[][]::new));
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
        Element[] seg = segments[1];
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
        for (Element[] segment : segments) {
            if (segment.length > 0) {
                Element first = segment[0];
                if (first.any || first.negated || first.rangeHigh.length == 0) {
                    return null;
                }
                for (int k = 0; k < first.rangeLow.length; k++) {
                    if (first.rangeHigh[k] >= 128) {
                        return null; // a member outside ASCII: the set would not be complete
                    }
                }
                return first.ascii.clone();
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
        Element[] prefix = segments[0];
        if (segments.length == 1) {
            return n == prefix.length && matchesAt(t, prefix, 0);
        }
        Element[] suffix = segments[segments.length - 1];
        if (!matchesAt(t, prefix, 0) || !matchesAt(t, suffix, n - suffix.length)) {
            return false;
        }
        int pos = prefix.length;
        int limit = n - suffix.length;
        for (int s = 1; s < segments.length - 1; s++) {
            Element[] seg = segments[s];
            int at = find(t, seg, pos, limit);
            if (at < 0) {
                return false;
            }
            pos = at + seg.length;
        }
        return true;
    }

    /** Leftmost i in [from, limit - seg.length] where seg matches, or -1. */
    private static int find(Text t, Element[] seg, int from, int limit) {
        int last = limit - seg.length;
        Element first = seg[0];
        for (int i = from; i <= last; i++) {
            if (first.test(t.charAt(i)) && matchesAt(t, seg, i, 1)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(Text t, Element[] seg, int at) {
        return matchesAt(t, seg, at, 0);
    }

    private static boolean matchesAt(Text t, Element[] seg, int at, int fromElement) {
        for (int k = fromElement; k < seg.length; k++) {
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

    /** One position of a segment: a set of characters, tested with case folding. */
    private static final class Element {
        static final Element ANY = new Element(null, null, null, false, true);

        private final boolean[] ascii;      // members below 128, already case-folded
        private final int[] rangeLow;       // members at or above 128, as inclusive ranges
        private final int[] rangeHigh;
        private final boolean negated;
        private final boolean any;

        private Element(boolean[] ascii, int[] rangeLow, int[] rangeHigh, boolean negated, boolean any) {
            this.ascii = ascii;
            this.rangeLow = rangeLow;
            this.rangeHigh = rangeHigh;
            this.negated = negated;
            this.any = any;
        }

        static Element literal(char c) {
            return build(new int[] {c}, new int[] {c}, false);
        }

        static Element charClass(String pattern, int from, int to) {
            boolean negated = false;
            int i = from;
            if (pattern.charAt(i) == '^') {
                negated = true;
                i++;
            }
            List<int[]> ranges = new ArrayList<>();
            while (i < to) {
                char lo = pattern.charAt(i);
                if (i + 2 < to && pattern.charAt(i + 1) == '-') {
                    char hi = pattern.charAt(i + 2);
                    // T-SQL: a reversed range such as [z-a] matches nothing.
                    ranges.add(new int[] {lo, hi});
                    i += 3;
                } else {
                    ranges.add(new int[] {lo, lo});
                    i++;
                }
            }
            int[] low = new int[ranges.size()];
            int[] high = new int[ranges.size()];
            for (int k = 0; k < low.length; k++) {
                low[k] = ranges.get(k)[0];
                high[k] = ranges.get(k)[1];
            }
            return build(low, high, negated);
        }

        private static Element build(int[] low, int[] high, boolean negated) {
            boolean[] ascii = new boolean[128];
            for (int c = 0; c < 128; c++) {
                ascii[c] = inRanges(low, high, (char) c);
            }
            return new Element(ascii, low, high, negated, false);
        }

        /** Case-insensitive membership: the character or either of its case variants is in a range. */
        private static boolean inRanges(int[] low, int[] high, char c) {
            char upper = Character.toUpperCase(c);
            char lower = Character.toLowerCase(c);
            for (int k = 0; k < low.length; k++) {
                if (in(low[k], high[k], c) || in(low[k], high[k], upper) || in(low[k], high[k], lower)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean in(int lo, int hi, char c) {
            return c >= lo && c <= hi;
        }

        boolean test(char c) {
            if (any) {
                return true;
            }
            boolean member = c < 128 ? ascii[c] : inRanges(rangeLow, rangeHigh, c);
            return member != negated;
        }
    }
}
