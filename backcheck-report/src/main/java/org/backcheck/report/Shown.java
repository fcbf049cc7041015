package org.backcheck.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One report's figures as they are published: every count and derived figure goes through here, so
 * the HTML, CSV and JSON show the same thing under the same {@link Disclosure}.
 */
final class Shown {

    private final Disclosure disclosure;

    Shown(Disclosure disclosure) {
        this.disclosure = disclosure;
    }

    Disclosure disclosure() {
        return disclosure;
    }

    boolean controlled() {
        return disclosure == Disclosure.CONTROLLED;
    }

    /** A count as text ("*" when suppressed). */
    String count(long n) {
        return disclosure.count(n);
    }

    /** A count for JSON: a number, or the string "*" when suppressed. */
    Object countValue(long n) {
        String s = disclosure.count(n);
        return s.equals(Disclosure.SUPPRESSED) ? s : (Object) Long.parseLong(s);
    }

    /** Whether a figure derived from these counts is suppressed. */
    boolean suppresses(long numerator, long denominator) {
        return controlled() && (small(numerator) || small(denominator));
    }

    static boolean small(long n) {
        return n >= 1 && n <= Disclosure.SMALL_COUNT_MAX;
    }

    /**
     * A proportion, multiplier × numerator / denominator, as text: "-" for a zero denominator, "*" when
     * suppressed. Besides the HES rule (numerator or denominator 1 to 7), a proportion is suppressed when
     * the rest of the denominator (denominator − numerator) is 1 to 7: the exact figure would otherwise
     * pin down that small remainder from the rounded counts beside it.
     */
    String rate(long numerator, long denominator, double multiplier, int decimals) {
        if (controlled() && denominator > 0 && small(denominator - numerator)) {
            return Disclosure.SUPPRESSED;
        }
        return disclosure.ratio(numerator, denominator, multiplier, decimals);
    }

    /** Whether a proportion's figures are suppressed (see {@link #rate}). */
    boolean suppressesProportion(long numerator, long denominator) {
        return suppresses(numerator, denominator) || controlled() && denominator > 0 && small(denominator - numerator);
    }

    /** The same for JSON: a number, "*", or null for a zero denominator. */
    Object rateValue(long numerator, long denominator, double multiplier, int decimals) {
        String s = rate(numerator, denominator, multiplier, decimals);
        return s.equals("-") ? null : s.equals(Disclosure.SUPPRESSED) ? s : (Object) Double.parseDouble(s);
    }

    /**
     * A figure proportional to {@code numerator} events (a rate per head, an observed-to-expected ratio),
     * suppressed when the events are 1 to 7. Under control it is rescaled to the published (rounded)
     * count of events, for the reason {@link Disclosure#ratio} gives: shown to three decimals, a ratio of
     * the exact count would give that count back.
     */
    String derived(double value, long numerator, int decimals) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        if (controlled() && small(numerator)) {
            return Disclosure.SUPPRESSED;
        }
        return plain(published(value, numerator), decimals);
    }

    /** A figure proportional to {@code numerator}, as published: rescaled to the rounded count under control. */
    double published(double value, long numerator) {
        return controlled() && numerator > 0 ? value * Disclosure.roundToFive(numerator) / numerator : value;
    }

    /** A funnel point's value where the chart draws it: its published figure (from rounded counts under control). */
    double drawnValue(FunnelResult f, FunnelResult.Point p) {
        long numerator = p.unit().numerator();
        return f.measure() == FunnelMeasure.PROPORTION
                ? publishedRatio(numerator, Math.round(p.unit().denominator()), 1)
                : published(p.value(), numerator);
    }

    /** A funnel point's denominator where the chart draws it: records as published for a proportion; expected as is. */
    double drawnDenominator(FunnelResult f, FunnelResult.Point p) {
        double d = p.unit().denominator();
        return f.measure() == FunnelMeasure.PROPORTION && controlled() ? Math.max(1, Disclosure.roundToFive(Math.round(d))) : d;
    }

    /** {@code multiplier × numerator / denominator} from the counts as published (rounded under control). */
    double publishedRatio(long numerator, long denominator, double multiplier) {
        return disclosure.value(numerator, denominator, multiplier);
    }

    Object derivedValue(double value, long numerator, int decimals) {
        String s = derived(value, numerator, decimals);
        return s.equals("-") ? null : s.equals(Disclosure.SUPPRESSED) ? s : (Object) Double.parseDouble(s);
    }

    /** A figure that is not built from patient counts (a population, a limit): plain, rounded half up. */
    static String plain(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    static Object plainValue(double value, int decimals) {
        return Double.isFinite(value) ? (Object) Double.parseDouble(plain(value, decimals)) : null;
    }
}
