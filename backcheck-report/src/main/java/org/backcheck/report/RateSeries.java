package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A monthly series of counted imaging per 1,000 records, as an SPC chart plots it, under disclosure
 * control.
 *
 * <p>The rule: each month's rate is computed from its counts as published (rounded to 5 under control,
 * exact without; see {@link Disclosure#ratio} for why not from the exact counts), and a month is left out of the chart
 * (neither drawn nor used for the limits, so that no line on the chart depends on it) when its rate would
 * be shown as * in the report's tables: counted 1 to 7, records 1 to 7, or records not counted 1 to 7
 * ({@link Shown#suppressesProportion}). What a chart then shows is a rate the tables publish anyway (to
 * 2 decimals), and lines computed from such rates; the counts themselves are not printed on the chart. A
 * month with no records has no rate and is not a point either. The months left out are listed under the
 * chart. Because the months left out are mostly those with few counted, leaving out many of them would
 * make the chart overstate the rate (and a chart of zeros between hidden months would mislead), so a series
 * is charted only when at most a quarter of its months are left out and some remain ({@link #chartable()});
 * otherwise the report says why it is not charted. (A chart of one month has no limits, and says so.) Without disclosure control every
 * month with records is charted.
 *
 * @param points the months charted, in order, each with its rate per 1,000 records
 * @param hidden the months left out under disclosure control, in order
 */
record RateSeries(List<SpcPoint> points, List<String> hidden) {

    /** Rates are per 1,000 records. */
    static final double PER = 1000;

    RateSeries {
        points = List.copyOf(points);
        hidden = List.copyOf(hidden);
    }

    /** Whether the series may be charted: some months shown and at most a quarter of the months left out. */
    boolean chartable() {
        return !points.isEmpty() && hidden.size() * 4 <= points.size() + hidden.size();
    }

    /** Why the series is not charted, for the report (when {@link #chartable()} is false). */
    String whyNotCharted() {
        return hidden.size() + " of " + (points.size() + hidden.size()) + " months have a rate that disclosure control does"
                + " not show (1 to 7 counted, or 1 to 7 not counted); a chart of the other months alone would mislead";
    }

    /**
     * @param byMonth counted and records per month label ({@code [counted, records]}), in month order
     */
    static RateSeries of(Map<String, long[]> byMonth, Shown shown) {
        List<SpcPoint> points = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        byMonth.forEach((month, c) -> {
            long counted = c[0];
            long records = c[1];
            if (records == 0) {
                return;
            }
            if (shown.suppressesProportion(counted, records)) {
                hidden.add(month);
            } else {
                points.add(new SpcPoint(month, shown.publishedRatio(counted, records, PER)));
            }
        });
        return new RateSeries(points, hidden);
    }
}
