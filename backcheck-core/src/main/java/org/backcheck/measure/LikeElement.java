package org.backcheck.measure;

import java.util.ArrayList;
import java.util.List;

/** One position of a segment: a set of characters, tested with case folding. */
final class LikeElement {
    static final LikeElement ANY = new LikeElement(null, null, null, false, true);

    private final boolean[] ascii;      // members below 128, already case-folded
    private final int[] rangeLow;       // members at or above 128, as inclusive ranges
    private final int[] rangeHigh;
    private final boolean negated;
    private final boolean any;

    private LikeElement(boolean[] ascii, int[] rangeLow, int[] rangeHigh, boolean negated, boolean any) {
        this.ascii = ascii;
        this.rangeLow = rangeLow;
        this.rangeHigh = rangeHigh;
        this.negated = negated;
        this.any = any;
    }

    static LikeElement literal(char c) {
        return build(new int[] {c}, new int[] {c}, false);
    }

    static LikeElement charClass(String pattern, int from, int to) {
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

    private static LikeElement build(int[] low, int[] high, boolean negated) {
        boolean[] ascii = new boolean[128];
        for (int c = 0; c < 128; c++) {
            ascii[c] = inRanges(low, high, (char) c);
        }
        return new LikeElement(ascii, low, high, negated, false);
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

    /**
     * The ASCII characters this element matches, when they are all it can match: null for
     * {@code _}, a negated class, or a class with members outside ASCII.
     */
    boolean[] asciiMembersIfComplete() {
        if (any || negated || rangeHigh.length == 0) {
            return null;
        }
        for (int high : rangeHigh) {
            if (high >= 128) {
                return null;
            }
        }
        return ascii.clone();
    }

    boolean test(char c) {
        if (any) {
            return true;
        }
        boolean member = c < 128 ? ascii[c] : inRanges(rangeLow, rangeHigh, c);
        return member != negated;
    }
}
