package org.backcheck.report;

import java.util.Locale;

/**
 * A number written to one decimal place, character for character as {@code String.format(Locale.ROOT,
 * "%.1f", v)} writes it, without {@link java.util.Formatter}: the report writes a few thousand chart
 * coordinates, and in a fresh JVM the formatter's parsing of the pattern for each of them was most of
 * the report's CPU (bench/report-cold.sh).
 *
 * <p>The rule the formatter follows (java.util.Formatter, conversion {@code f}, on JDK 17): take the
 * shortest decimal digits that identify the double ({@link Double#toString(double)}), round them half
 * up at the first decimal, and keep a minus sign for any negative value, zero included ({@code -0.04}
 * and {@code -0.0} give {@code "-0.0"}). Values that {@link Double#toString(double)} writes in
 * scientific notation (below 10<sup>-3</sup> or from 10<sup>7</sup> in magnitude), NaN and the
 * infinities are left to the formatter itself: chart coordinates are pixels, so they are rare.
 */
final class Tenths {

    private Tenths() {
    }

    static String of(double v) {
        String s = Double.toString(v);
        int point = s.indexOf('.');
        if (point < 0 || s.indexOf('E') >= 0) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        int end = s.length();
        if (end - point <= 2) {
            return s; // already one decimal: Double.toString writes at least one
        }
        if (s.charAt(point + 2) < '5') {
            return s.substring(0, point + 2);
        }
        // Half up: add one tenth to the digits before the cut, carrying leftwards.
        char[] digits = s.substring(0, point + 2).toCharArray();
        int i = digits.length - 1;
        while (i >= 0) {
            char c = digits[i];
            if (c == '.') {
                i--;
                continue;
            }
            if (c == '-') {
                break;
            }
            if (c < '9') {
                digits[i] = (char) (c + 1);
                return new String(digits);
            }
            digits[i] = '0';
            i--;
        }
        // Every digit was a 9: one more digit in front, after the sign if any.
        int sign = digits[0] == '-' ? 1 : 0;
        return new StringBuilder(digits.length + 1).append(digits, 0, sign).append('1')
                .append(digits, sign, digits.length - sign).toString();
    }
}
