package org.backcheck.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How counts and figures derived from counts are shown in a published report.
 *
 * <p>{@link #CONTROLLED} follows the small-number rules NHS Digital (now NHS England) has applied to
 * published Hospital Episode Statistics and Emergency Care Data Set figures since September 2018, as
 * set out in its HES Analysis Guide and disclosure control guidance for HES, in the spirit of the
 * Government Statistical Service / ONS guidance on disclosure control for tables from administrative
 * sources. Audit output may leave the organisation, and small numbers of patients could be identified
 * from it:
 * <ul>
 *   <li>a count of 0 is shown as {@code 0}: an absence identifies nobody;</li>
 *   <li>a count of 1 to 7 is shown as {@code *};</li>
 *   <li>any other count is rounded to the nearest 5. For whole numbers {@code n mod 5} is 0–4, so a
 *       tie (a remainder of exactly 2.5) cannot happen: 8 → 10, 12 → 10, 13 → 15;</li>
 *   <li>a derived figure (rate, proportion, ratio) whose numerator or denominator is 1 to 7 is shown as
 *       {@code *}, because the small count could be recovered from the figure and the other count.</li>
 * </ul>
 * Under control, a derived figure is computed from the counts as <em>published</em> (rounded), not the
 * exact ones: shown to two decimals, a rate of exact counts gives the exact numerator back, and exact
 * figures of a group and of all but one of its parts give the hidden part by subtraction (see
 * {@link #ratio}). The cost is a rounding error of at most 2.5 in each count.
 *
 * <p>{@link #NONE} shows every number as it is, for internal use only.
 *
 * <p>Errors: a negative count, or a non-finite derived value, is misuse and throws
 * {@link IllegalArgumentException}.
 */
public enum Disclosure {
    /** HES/ECDS rules: 0 kept, 1–7 suppressed, others rounded to the nearest 5. */
    CONTROLLED,
    /** No suppression or rounding; not for publication. */
    NONE;

    /** Shown in place of a suppressed count or figure. */
    public static final String SUPPRESSED = "*";

    /** Largest count that is suppressed under {@link #CONTROLLED}. */
    public static final long SMALL_COUNT_MAX = 7;

    /** Shows a count under this policy. */
    public String count(long n) {
        requireCount(n, "count");
        if (this == NONE || n == 0) {
            return Long.toString(n);
        }
        if (isSmall(n)) {
            return SUPPRESSED;
        }
        return Long.toString(roundToFive(n));
    }

    /**
     * Shows a figure derived from {@code numerator} and {@code denominator} (which the caller has
     * already divided, perhaps with a multiplier such as per 1,000), with {@code decimals} places,
     * rounding half up so the same figure always reads the same.
     */
    public String derived(double value, long numerator, long denominator, int decimals) {
        requireCount(numerator, "numerator");
        requireCount(denominator, "denominator");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("derived value must be finite: " + value);
        }
        if (decimals < 0 || decimals > 15) {
            throw new IllegalArgumentException("decimals must be 0..15: " + decimals);
        }
        if (this == CONTROLLED && (isSmall(numerator) || isSmall(denominator))) {
            return SUPPRESSED;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * Computes {@code multiplier × numerator / denominator} and shows it, e.g. {@code ratio(12, 400, 1000, 1)}
     * is 30.0 per 1,000 without control. Under control the ratio is computed from the counts as published
     * (each rounded to 5), not from the exact ones: a rate to two decimals of exact counts would give back
     * the exact numerator whenever the denominator is below about 100,000, and exact counts of a group and
     * of all but one of its parts (a trust and its sites, a whole extract and one year of it) give the
     * hidden part by subtraction. Computed from the published counts, a rate tells nothing they do not.
     * A zero denominator has no figure and is shown as {@code "-"} rather than thrown, because an empty
     * group is a normal row in a report.
     */
    public String ratio(long numerator, long denominator, double multiplier, int decimals) {
        requireCount(numerator, "numerator");
        requireCount(denominator, "denominator");
        if (denominator == 0) {
            return "-";
        }
        return derived(value(numerator, denominator, multiplier), numerator, denominator, decimals);
    }

    /**
     * The number {@link #ratio} shows, unformatted and never suppressed: from the published (rounded) counts
     * under control, the exact ones otherwise; 0 when the denominator is, or rounds to, 0.
     */
    public double value(long numerator, long denominator, double multiplier) {
        long d = this == CONTROLLED ? roundToFive(denominator) : denominator;
        return d == 0 ? 0 : multiplier * (this == CONTROLLED ? roundToFive(numerator) : numerator) / d;
    }

    /** Nearest multiple of 5; no ties exist for whole numbers, so no tie-breaking rule is needed. */
    public static long roundToFive(long n) {
        return Math.addExact(n, 2) / 5 * 5;
    }

    private static boolean isSmall(long n) {
        return n >= 1 && n <= SMALL_COUNT_MAX;
    }

    private static void requireCount(long n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + n);
        }
    }
}
