package org.backcheck.report;

import java.util.Locale;

/**
 * Numbers written to a fixed number of decimals, character for character as {@link java.util.Formatter}
 * writes them ({@code %.1f} and {@code %.0f} in {@link Locale#ROOT}, {@code %,.0f} and {@code %,d} in
 * {@link Locale#UK}), without the formatter: the report writes a few thousand chart coordinates and
 * labels, and in a fresh JVM parsing the pattern and looking up the locale's symbols for each of them was
 * a large part of the report's CPU (bench/report-cold.sh).
 *
 * <p>The rule the formatter follows (conversion {@code f} on JDK 17): take the shortest decimal digits
 * that identify the double ({@link Double#toString(double)}), round them half up at the last decimal
 * kept, and keep a minus sign for any negative value, zero included ({@code -0.04} to one decimal and
 * {@code -0.0} give {@code "-0.0"}). Values that {@link Double#toString(double)} writes in scientific
 * notation (below 10<sup>-3</sup> or from 10<sup>7</sup> in magnitude), NaN and the infinities are left to
 * the formatter itself: chart coordinates are pixels, so they are rare. The UK locale groups digits in
 * threes with a comma.
 */
final class FixedPoint {

    private FixedPoint() {
    }

    /** {@code String.format(Locale.ROOT, "%.1f", v)}. */
    static String tenths(double v) {
        return of(v, 1);
    }

    /** {@code String.format(Locale.UK, "%,.0f", v)}. */
    static String wholeGrouped(double v) {
        return thousands(of(v, 0));
    }

    /**
     * {@code String.format(Locale.UK, "%,d", n)} applied to an integer's text: a comma every three
     * digits; text that is not an optional minus sign and digits comes back as it is.
     */
    static String thousands(String integer) {
        int sign = integer.startsWith("-") ? 1 : 0;
        int digits = integer.length() - sign;
        if (digits <= 3) {
            return integer;
        }
        for (int i = sign; i < integer.length(); i++) {
            char c = integer.charAt(i);
            if (c < '0' || c > '9') {
                return integer;
            }
        }
        StringBuilder out = new StringBuilder(integer.length() + digits / 3);
        int head = sign + (digits % 3 == 0 ? 3 : digits % 3);
        out.append(integer, 0, head);
        for (int i = head; i < integer.length(); i += 3) {
            out.append(',').append(integer, i, i + 3);
        }
        return out.toString();
    }

    /** {@code String.format(Locale.ROOT, "%." + places + "f", v)}, for 0 or 1 places. */
    static String of(double v, int places) {
        if (places < 0 || places > 1) {
            throw new IllegalArgumentException("0 or 1 decimal places, not " + places);
        }
        String s = Double.toString(v);
        int point = s.indexOf('.');
        if (point < 0 || s.indexOf('E') >= 0) {
            return String.format(Locale.ROOT, places == 0 ? "%.0f" : "%.1f", v);
        }
        // Double.toString writes at least one decimal, so the kept part never needs padding.
        int keep = places == 0 ? point : point + 1 + places;
        int firstDropped = places == 0 ? point + 1 : keep;
        if (firstDropped >= s.length() || s.charAt(firstDropped) < '5') {
            return s.substring(0, keep);
        }
        // Half up: add one in the last kept place, carrying leftwards over nines and the point.
        char[] kept = s.substring(0, keep).toCharArray();
        for (int i = kept.length - 1; i >= 0 && kept[i] != '-'; i--) {
            if (kept[i] == '.') {
                continue;
            }
            if (kept[i] < '9') {
                kept[i]++;
                return new String(kept);
            }
            kept[i] = '0';
        }
        // Every kept digit was a nine: one more digit in front, after the sign if any.
        int sign = kept[0] == '-' ? 1 : 0;
        return new StringBuilder(kept.length + 1).append(kept, 0, sign).append('1')
                .append(kept, sign, kept.length - sign).toString();
    }
}
