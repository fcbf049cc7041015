package org.backcheck.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report's period against the period of the same length just before it (a financial year against
 * the one before; a quarter against the quarter before), for the whole extract and for each provider and
 * commissioner: counted imaging per 1,000 records in each, the change, and whether the change is beyond
 * chance.
 *
 * <p>Each change is tested with the two-proportion test ({@link TwoProportionTest}). With some forty
 * providers tested at once, about two would be flagged at the 5% level by chance alone, so the
 * organisations of each table are taken as one family and Holm's step-down method holds the chance of any
 * false flag in the family to 5% (Holm, "A simple sequentially rejective multiple test procedure",
 * Scandinavian Journal of Statistics 6(2):65–70, 1979): the p-values are ordered p₍₁₎ ≤ … ≤ p₍ₘ₎, and
 * the i-th smallest is beyond chance when it and every smaller one satisfy p₍ⱼ₎ ≤ 0.05 / (m − j + 1). The
 * whole extract is a family of one, tested at 5%. Rows without a test ("unknown" organisation, no records
 * in one of the periods, or too few for the test) are not in the family.
 *
 * <p>The comparison is made only when the extract holds the earlier period: every month of it must have
 * records, else {@link #notHeld} says which months are missing and there are no rows.
 *
 * @param previousFirst first month of the earlier period (empty without a period)
 * @param previousLast  last month of the earlier period
 * @param previousLabel the earlier period in words, as the report names periods
 * @param notHeld       why there is no comparison, when there is none
 * @param whole         the whole extract, when compared
 * @param providers     each provider with records in either period, "unknown" last
 * @param commissioners each commissioner with records in either period, "unknown" last
 */
public record YearOnYear(Optional<YearMonth> previousFirst, Optional<YearMonth> previousLast, String previousLabel,
                         Optional<String> notHeld, Optional<Change> whole, List<Change> providers,
                         List<Change> commissioners) {

    /** The family-wise error rate of each table, and the level of the whole extract's single test. */
    public static final double ALPHA = 0.05;

    public YearOnYear {
        providers = List.copyOf(providers);
        commissioners = List.copyOf(commissioners);
    }

    /** What the test says of a change. */
    public enum Verdict {
        /** Higher in the later period, beyond chance. */
        HIGHER,
        /** Lower in the later period, beyond chance. */
        LOWER,
        /** Tested; the change is within what chance would give. */
        NO_EVIDENCE,
        /** Not tested: unknown organisation, no records in a period, or too few for the test. */
        NOT_TESTED
    }

    /**
     * One unit's two periods.
     *
     * @param unit   organisation code, "unknown", or "whole extract"
     * @param test   the two-proportion test, when made
     * @param verdict the test's verdict after Holm's adjustment within the unit's table
     */
    public record Change(String unit, long countedBefore, long recordsBefore, long countedNow, long recordsNow,
                         Optional<TwoProportionTest> test, Verdict verdict) {
        /** Counted per 1,000 records in the later period minus the earlier, from exact counts. */
        public double changePer1000() {
            return 1000.0 * countedNow / recordsNow - 1000.0 * countedBefore / recordsBefore;
        }
    }

    /** The unit of the whole extract's row. */
    public static final String WHOLE = "whole extract";

    /** The comparison for a report's period and activity. */
    static YearOnYear of(ReportPeriod period, Activity activity) {
        Optional<YearMonth[]> previous = period.previous();
        if (previous.isEmpty() || !activity.hasDate()) {
            return new YearOnYear(Optional.empty(), Optional.empty(), "", Optional.of("no readable appointment dates,"
                    + " so no period to compare"), Optional.empty(), List.of(), List.of());
        }
        YearMonth before0 = previous.get()[0];
        YearMonth before1 = previous.get()[1];
        String label = PeriodText.describe(before0, before1);
        String[] now = {period.first().get().toString(), period.last().get().toString()};
        String[] before = {before0.toString(), before1.toString()};
        Map<String, long[]> months = new TreeMap<>();
        for (Activity.Cell c : activity.providers()) {
            months.computeIfAbsent(c.month(), m -> new long[1])[0] += c.rows();
        }
        List<String> missing = new ArrayList<>();
        for (YearMonth m = before0; !m.isAfter(before1); m = m.plusMonths(1)) {
            if (!months.containsKey(m.toString())) {
                missing.add(m.toString());
            }
        }
        if (!missing.isEmpty()) {
            String why = "the extract does not hold the earlier period " + label + ": "
                    + (missing.size() == period.spanMonths() ? "it has no records dated then"
                    : "no records in " + String.join(", ", missing));
            return new YearOnYear(Optional.of(before0), Optional.of(before1), label, Optional.of(why), Optional.empty(),
                    List.of(), List.of());
        }
        Map<String, long[]> wholeCounts = new TreeMap<>();
        activity.providers().forEach(c -> add(wholeCounts, WHOLE, c, now, before));
        Change whole = judged(List.of(change(WHOLE, wholeCounts.getOrDefault(WHOLE, new long[4])))).get(0);
        return new YearOnYear(Optional.of(before0), Optional.of(before1), label, Optional.empty(), Optional.of(whole),
                table(activity.providers(), now, before), activity.hasCommissioner()
                ? table(activity.commissioners(), now, before) : List.of());
    }

    /** Per organisation: counted and records before, counted and records now; then tested and judged as one family. */
    private static List<Change> table(List<Activity.Cell> cells, String[] now, String[] before) {
        Map<String, long[]> byOrg = new TreeMap<>();
        cells.forEach(c -> add(byOrg, c.organisation(), c, now, before));
        List<Change> out = new ArrayList<>();
        byOrg.forEach((org, c) -> {
            if (c[1] + c[3] > 0) {
                out.add(change(org, c));
            }
        });
        out.sort(Comparator.comparing((Change c) -> c.unit().equals(ImagingReport.UNKNOWN)));
        return judged(out);
    }

    private static void add(Map<String, long[]> into, String key, Activity.Cell c, String[] now, String[] before) {
        String m = c.month();
        int at = within(m, now) ? 2 : within(m, before) ? 0 : -1;
        if (at >= 0) {
            long[] v = into.computeIfAbsent(key, k -> new long[4]);
            v[at] += c.counted();
            v[at + 1] += c.rows();
        }
    }

    /** Whether a month label is within first..last; labels are yyyy-MM, so they order as text ("unknown" is in none). */
    private static boolean within(String month, String[] range) {
        return !month.equals(ImagingReport.UNKNOWN) && month.compareTo(range[0]) >= 0 && month.compareTo(range[1]) <= 0;
    }

    private static Change change(String unit, long[] c) {
        Optional<TwoProportionTest> test = unit.equals(ImagingReport.UNKNOWN) ? Optional.empty()
                : TwoProportionTest.of(c[0], c[1], c[2], c[3]);
        return new Change(unit, c[0], c[1], c[2], c[3], test, test.isPresent() ? Verdict.NO_EVIDENCE : Verdict.NOT_TESTED);
    }

    /** The family's verdicts by Holm's step-down method at {@link #ALPHA}. */
    private static List<Change> judged(List<Change> family) {
        boolean[] beyond = holm(family.stream().mapToDouble(c -> c.test().map(TwoProportionTest::p).orElse(Double.NaN))
                .toArray(), ALPHA);
        List<Change> out = new ArrayList<>(family.size());
        for (int i = 0; i < family.size(); i++) {
            Change c = family.get(i);
            Verdict v = c.verdict();
            if (beyond[i]) {
                v = c.test().get().z() > 0 ? Verdict.HIGHER : Verdict.LOWER;
            }
            out.add(new Change(c.unit(), c.countedBefore(), c.recordsBefore(), c.countedNow(), c.recordsNow(), c.test(), v));
        }
        return out;
    }

    /**
     * Holm's step-down method: which of the p-values (NaN for "not tested", not in the family) are beyond
     * chance with the family-wise error rate held to {@code alpha}.
     */
    static boolean[] holm(double[] p, double alpha) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] tested = Arrays.copyOf(order, m);
        Arrays.sort(tested, Comparator.comparingDouble((Integer i) -> p[i]).thenComparing(i -> i));
        boolean[] out = new boolean[p.length];
        for (int j = 0; j < m; j++) {
            if (p[tested[j]] > alpha / (m - j)) {
                break;
            }
            out[tested[j]] = true;
        }
        return out;
    }
}
