package org.backcheck.measure.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A T-SQL {@code LIKE} pattern as a regular expression that PostgreSQL (ARE), DuckDB (RE2) and Spark
 * (java.util.regex) read alike, matching the texts {@link org.backcheck.measure.LikePattern} matches.
 *
 * <ul>
 *   <li>Case: every position is written as the explicit set of characters the engine's case-folding
 *       test accepts ({@code U} becomes {@code [Uu]}, {@code k} becomes {@code [Kk]} plus the Kelvin sign U+212A), found by
 *       the same rule as the engine (the character, or its upper or lower case, is in the set). So the
 *       answer does not depend on an engine's own case-insensitive mode, whose handling of non-ASCII
 *       letters differs from one engine to the next.</li>
 *   <li>Whole field: T-SQL LIKE matches the whole text, ignoring its trailing spaces. A leading
 *       {@code %} drops the start anchor; a trailing {@code %} drops the end anchor (it would absorb
 *       trailing spaces anyway); otherwise the end is {@code " *"} then the end of the text.</li>
 *   <li>{@code _} and {@code %} match any character including a line break ({@code (?s)} where the
 *       engine needs it; PostgreSQL's default already does).</li>
 * </ul>
 *
 * <p>Known difference: the engine matches UTF-16 units, the regex engines code points, so a
 * {@code _} or a negated set facing a character outside the Basic Multilingual Plane (an emoji)
 * consumes two units in one and one in the other. No pattern of the EBI measure has either.
 */
final class LikeRegex {

    private static final String OUTSIDE_SET_SPECIAL = "\\^$.|?*+()[]{}";
    private static final String INSIDE_SET_SPECIAL = "\\]^-[&";
    private static final int SHORTEST_RANGE = 4;

    private enum Kind { ANY_RUN, ANY_CHARACTER, SET }

    /** One position of the pattern: {@code %}, {@code _}, or a set (a literal is a set of one). */
    private record Element(Kind kind, boolean negated, int[] low, int[] high) {
        static final Element ANY_RUN = new Element(Kind.ANY_RUN, false, null, null);
        static final Element ANY_CHARACTER = new Element(Kind.ANY_CHARACTER, false, null, null);

        static Element literal(char c) {
            return new Element(Kind.SET, false, new int[] {c}, new int[] {c});
        }
    }

    private LikeRegex() {
    }

    /** The regular expression for {@code like}, to be used with a "matches somewhere" test. */
    static String of(String like, SqlDialect dialect) {
        List<Element> elements = parse(like);
        boolean openStart = !elements.isEmpty() && elements.get(0) == Element.ANY_RUN;
        boolean openEnd = !elements.isEmpty() && elements.get(elements.size() - 1) == Element.ANY_RUN;
        int from = openStart ? 1 : 0;
        int to = openEnd ? elements.size() - 1 : elements.size();
        StringBuilder body = new StringBuilder();
        boolean anyCharacter = false;
        for (Element e : elements.subList(from, Math.max(from, to))) {
            switch (e.kind()) {
                case ANY_RUN -> body.append(".*");
                case ANY_CHARACTER -> body.append('.');
                case SET -> body.append(set(e, like, dialect));
            }
            anyCharacter |= e.kind() != Kind.SET;
        }
        StringBuilder regex = new StringBuilder();
        if (anyCharacter && dialect != SqlDialect.POSTGRES) {
            regex.append("(?s)");
        }
        if (!openStart) {
            regex.append('^');
        }
        regex.append(body);
        if (!openEnd) {
            regex.append(" *").append(endOfText(dialect));
        }
        return regex.toString();
    }

    /**
     * A whole-text comparison as T-SQL's {@code =} under a case-insensitive collation: the value's
     * characters in order, each in any case, then only spaces.
     */
    static String equalIgnoringCase(String value, SqlDialect dialect) {
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < value.length(); i++) {
            regex.append(set(Element.literal(value.charAt(i)), value, dialect));
        }
        return regex.append(" *").append(endOfText(dialect)).toString();
    }

    /** True when no character of {@code value} has another case: comparing as written is exact. */
    static boolean isCaseless(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (members(Element.literal(value.charAt(i))).size() != 1) {
                return false;
            }
        }
        return true;
    }

    /** The end of the whole text: Java's {@code $} would also match before a final line break. */
    private static String endOfText(SqlDialect dialect) {
        return dialect == SqlDialect.SPARK ? "\\z" : "$";
    }

    // ------------------------------------------------------------------ reading the pattern

    /** The pattern's positions, by the rules of {@code LikePattern.compile}; runs of % count as one. */
    private static List<Element> parse(String like) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < like.length()) {
            char c = like.charAt(i);
            if (c == '%') {
                if (out.isEmpty() || out.get(out.size() - 1) != Element.ANY_RUN) {
                    out.add(Element.ANY_RUN);
                }
                i++;
            } else if (c == '_') {
                out.add(Element.ANY_CHARACTER);
                i++;
            } else if (c == '[') {
                int close = setEnd(like, i);
                out.add(setElement(like, i + 1, close));
                i = close + 1;
            } else {
                out.add(Element.literal(c));
                i++;
            }
        }
        return out;
    }

    private static int setEnd(String like, int open) {
        int j = open + 1;
        if (j < like.length() && like.charAt(j) == '^') {
            j++;
        }
        int close = j < like.length() && like.charAt(j) != ']' ? like.indexOf(']', j) : -1;
        if (close < 0) {
            throw new IllegalArgumentException("LIKE pattern '" + like + "' has an empty or unterminated '[' at position " + open);
        }
        return close;
    }

    private static Element setElement(String like, int from, int to) {
        boolean negated = like.charAt(from) == '^';
        int i = negated ? from + 1 : from;
        List<int[]> ranges = new ArrayList<>();
        while (i < to) {
            char low = like.charAt(i);
            if (i + 2 < to && like.charAt(i + 1) == '-') {
                ranges.add(new int[] {low, like.charAt(i + 2)});
                i += 3;
            } else {
                ranges.add(new int[] {low, low});
                i++;
            }
        }
        return new Element(Kind.SET, negated, ranges.stream().mapToInt(r -> r[0]).toArray(),
                ranges.stream().mapToInt(r -> r[1]).toArray());
    }

    // ------------------------------------------------------------------ writing the regex

    /** Every character (surrogate halves aside) the set accepts before negation, in order. */
    private static List<Character> members(Element e) {
        BitSet member = new BitSet();
        for (int k = 0; k < e.low().length; k++) {
            for (int c = e.low()[k]; c <= e.high()[k]; c++) {
                member.set(c);
                for (char folded : FoldedFrom.TABLE[c]) {
                    member.set(folded);
                }
            }
        }
        List<Character> out = new ArrayList<>();
        for (int c = member.nextSetBit(0); c >= 0; c = member.nextSetBit(c + 1)) {
            if (!Character.isSurrogate((char) c)) {
                out.add((char) c);
            }
        }
        return out;
    }

    /** For each character t, the characters whose upper or lower case is t: the engine's test, read backwards. */
    private static final class FoldedFrom {
        static final char[][] TABLE = build();

        private static char[][] build() {
            int[] counts = new int[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                char upper = Character.toUpperCase((char) c);
                char lower = Character.toLowerCase((char) c);
                counts[upper]++;
                if (lower != upper) {
                    counts[lower]++;
                }
            }
            char[][] table = new char[Character.MAX_VALUE + 1][];
            for (int t = 0; t <= Character.MAX_VALUE; t++) {
                table[t] = new char[counts[t]];
                counts[t] = 0;
            }
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                char upper = Character.toUpperCase((char) c);
                char lower = Character.toLowerCase((char) c);
                table[upper][counts[upper]++] = (char) c;
                if (lower != upper) {
                    table[lower][counts[lower]++] = (char) c;
                }
            }
            return table;
        }
    }

    private static String set(Element e, String source, SqlDialect dialect) {
        List<Character> members = members(e);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("LIKE pattern '" + source + "' has a set that matches no character");
        }
        if (!e.negated() && members.size() == 1) {
            return outsideSet(members.get(0), dialect);
        }
        StringBuilder sb = new StringBuilder(e.negated() ? "[^" : "[");
        int i = 0;
        while (i < members.size()) {
            int j = i;
            while (j + 1 < members.size() && members.get(j + 1) == members.get(j) + 1) {
                j++;
            }
            if (j - i + 1 >= SHORTEST_RANGE) {
                sb.append(insideSet(members.get(i), dialect)).append('-').append(insideSet(members.get(j), dialect));
            } else {
                for (int k = i; k <= j; k++) {
                    sb.append(insideSet(members.get(k), dialect));
                }
            }
            i = j + 1;
        }
        return sb.append(']').toString();
    }

    private static String outsideSet(char c, SqlDialect dialect) {
        if (OUTSIDE_SET_SPECIAL.indexOf(c) >= 0) {
            return "\\" + c;
        }
        return isPrintableAscii(c) ? String.valueOf(c) : codeEscape(c, dialect);
    }

    private static String insideSet(char c, SqlDialect dialect) {
        if (INSIDE_SET_SPECIAL.indexOf(c) >= 0) {
            return "\\" + c;
        }
        return isPrintableAscii(c) ? String.valueOf(c) : codeEscape(c, dialect);
    }

    private static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c < 0x7f;
    }

    /** A character by its hexadecimal code: backslash-u and four digits for PostgreSQL, backslash-x{...} for RE2 and Java. */
    private static String codeEscape(char c, SqlDialect dialect) {
        return dialect == SqlDialect.POSTGRES
                ? String.format(Locale.ROOT, "\\u%04X", (int) c)
                : String.format(Locale.ROOT, "\\x{%04X}", (int) c);
    }
}
