package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

/** The year-on-year comparison: its test statistic by a worked example, Holm's method, the periods, disclosure control. */
class YearOnYearTest {

    @Test
    void theTestStatisticFollowsTheWorkedExample() {
        // 30 of 10,000 before, 50 of 10,000 after. Pooled p = 80/20,000 = 0.004; SE = √(0.004 × 0.996 × 2/10,000)
        // = √(7.968e-7) = 0.000892636; z = (0.005 − 0.003) / 0.000892636 = 2.24055; two-sided p = erfc(z/√2) = 0.025055.
        TwoProportionTest t = TwoProportionTest.of(30, 10_000, 50, 10_000).orElseThrow();
        assertThat(t.z()).isCloseTo(2.2405535747, within(1e-9));
        assertThat(t.p()).isCloseTo(0.0250550068, within(1e-9));
        TwoProportionTest down = TwoProportionTest.of(50, 10_000, 30, 10_000).orElseThrow();
        assertThat(down.z()).isCloseTo(-2.2405535747, within(1e-9));
        assertThat(down.p()).isEqualTo(t.p());
    }

    @Test
    void tooFewForTheNormalApproximationIsNotTested() {
        // Pooled p = 8/20,000: expected counted 4 in each period, below 5.
        assertThat(TwoProportionTest.of(3, 10_000, 5, 10_000)).isEmpty();
        assertThat(TwoProportionTest.of(5, 10_000, 5, 10_000)).isPresent(); // expected 5
        assertThat(TwoProportionTest.of(0, 0, 5, 10)).isEmpty();
    }

    @Test
    void tailAreasAgreeWithPublishedValues() {
        // erfc values from Abramowitz and Stegun, table 7.1, and the 97.5% normal quantile.
        assertThat(StandardNormal.erfc(0)).isEqualTo(1.0);
        assertThat(StandardNormal.erfc(0.5)).isCloseTo(0.4795001221869535, within(1e-14));
        assertThat(StandardNormal.erfc(1)).isCloseTo(0.15729920705028513, within(1e-14));
        assertThat(StandardNormal.erfc(2)).isCloseTo(0.004677734981047265, within(1e-15));
        assertThat(StandardNormal.erfc(2.4999) / 0.0004071699003334514).isCloseTo(1, within(1e-10));
        assertThat(StandardNormal.erfc(2.5) / 0.0004069520174449589).isCloseTo(1, within(1e-12));
        assertThat(StandardNormal.erfc(3) / 2.2090496998585438e-05).isCloseTo(1, within(1e-12));
        assertThat(StandardNormal.erfc(6) / 2.1519736712498916e-17).isCloseTo(1, within(1e-12));
        assertThat(StandardNormal.twoSided(1.959963984540054)).isCloseTo(0.05, within(1e-12));
        assertThat(StandardNormal.twoSided(-3.090232306167813)).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void holmStepsDownAndStopsAtTheFirstPValueAboveItsLevel() {
        // m = 4: 0.005 ≤ 0.05/4, 0.01 ≤ 0.05/3, 0.03 > 0.05/2: stop.
        assertThat(YearOnYear.holm(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05)).containsExactly(true, false, false, true);
        // m = 2: 0.02 ≤ 0.025, then 0.03 ≤ 0.05 (Bonferroni, 0.025 for both, would flag only the first).
        assertThat(YearOnYear.holm(new double[] {0.03, 0.02}, 0.05)).containsExactly(true, true);
        // Rows without a test (NaN) are not in the family, so m = 2 here too.
        assertThat(YearOnYear.holm(new double[] {Double.NaN, 0.03, 0.02}, 0.05)).containsExactly(false, true, true);
        assertThat(YearOnYear.holm(new double[] {0.2, 0.01, 0.9}, 0.05)).containsExactly(false, true, false);
    }

    /** A: 30 of 10,000 in June 2023, 50 of 10,000 in June 2024; B: small; C: one record every month. */
    private static Activity activity(boolean withMay2023) {
        List<Activity.Cell> providers = new ArrayList<>();
        providers.add(cell("A", "2023-06", 30, 9_970));
        providers.add(cell("A", "2024-06", 50, 9_950));
        providers.add(cell("B", "2023-07", 5, 995));
        providers.add(cell("B", "2024-07", 20, 980));
        for (YearMonth m = YearMonth.of(2023, 4); !m.isAfter(YearMonth.of(2025, 3)); m = m.plusMonths(1)) {
            if (withMay2023 || !m.equals(YearMonth.of(2023, 5))) {
                providers.add(cell("C", m.toString(), 0, 1));
            }
        }
        providers.add(cell(ImagingReport.UNKNOWN, "2024-08", 9, 300));
        providers.add(cell("D", "2024-09", 10, 1000)); // a provider new in the later period
        List<Activity.Cell> commissioners = providers.stream()
                .map(c -> new Activity.Cell("X" + c.organisation(), c.month(), c.ageBand(), c.counted(), c.excluded(),
                        c.unmatched(), c.rejected())).toList();
        return new Activity(true, true, true, providers, commissioners);
    }

    private static Activity.Cell cell(String org, String month, long counted, long unmatched) {
        return new Activity.Cell(org, month, AgeBand.AGE_30_39, counted, 0, unmatched, 0);
    }

    private static ImagingReport report(Activity a, String period, Disclosure d) {
        long counted = a.providers().stream().mapToLong(Activity.Cell::counted).sum();
        long unmatched = a.providers().stream().mapToLong(Activity.Cell::unmatched).sum();
        AuditFigures f = new AuditFigures("m", "in.csv", NullPolicy.CLINICAL, ",", counted + unmatched, counted, 0, Map.of(),
                unmatched, 0, 0, 0, 0, 0, List.of(), 0, a, Map.of(), RunRecords.EXAMPLE);
        return ImagingReport.of(f, new ImagingReport.Options("t", false, d, Optional.empty(),
                Optional.of(ReportPeriod.parse(period))));
    }

    @Test
    void aFinancialYearIsComparedWithTheOneBefore() {
        ImagingReport r = report(activity(true), "2024/25", Disclosure.NONE);
        YearOnYear y = r.breakdowns().yearOnYear();
        assertThat(y.notHeld()).isEmpty();
        assertThat(y.previousLabel()).isEqualTo("2023/24 (April 2023 to March 2024)");
        Map<String, YearOnYear.Change> byUnit = y.providers().stream()
                .collect(Collectors.toMap(YearOnYear.Change::unit, c -> c));
        YearOnYear.Change a = byUnit.get("A");
        assertThat(List.of(a.countedBefore(), a.recordsBefore(), a.countedNow(), a.recordsNow()))
                .containsExactly(30L, 10_000L, 50L, 10_000L);
        assertThat(a.test().orElseThrow().z()).isCloseTo(2.2405535747, within(1e-9));
        assertThat(a.changePer1000()).isCloseTo(2.0, within(1e-12));
        // Family of A and B (C and D have too few or no earlier records; unknown is not an organisation):
        YearOnYear.Change b = byUnit.get("B");
        assertThat(b.test()).isPresent();
        double pb = b.test().get().p();
        double pa = a.test().get().p();
        boolean[] expected = YearOnYear.holm(new double[] {pa, pb}, 0.05);
        assertThat(a.verdict()).isEqualTo(expected[0] ? YearOnYear.Verdict.HIGHER : YearOnYear.Verdict.NO_EVIDENCE);
        assertThat(byUnit.get("C").verdict()).isEqualTo(YearOnYear.Verdict.NOT_TESTED);
        assertThat(byUnit.get("D").recordsBefore()).isZero();
        assertThat(YearOnYearTable.verdict(byUnit.get("D"))).isEqualTo("not tested: no records in one period");
        assertThat(y.providers().get(y.providers().size() - 1).unit()).isEqualTo(ImagingReport.UNKNOWN);
        assertThat(y.whole().orElseThrow().recordsBefore()).isEqualTo(10_000 + 1_000 + 12);
        assertThat(y.commissioners()).extracting(YearOnYear.Change::unit).contains("XA", "XB");
        assertThat(r.period().label()).isEqualTo("2024/25 (April 2024 to March 2025)");
    }

    @Test
    void organisationsAreNamedInTheYearOnYearTablesAsInTheOthers() {
        Activity a = activity(true);
        long counted = a.providers().stream().mapToLong(Activity.Cell::counted).sum();
        long unmatched = a.providers().stream().mapToLong(Activity.Cell::unmatched).sum();
        AuditFigures f = new AuditFigures("m", "in.csv", NullPolicy.CLINICAL, ",", counted + unmatched, counted, 0, Map.of(),
                unmatched, 0, 0, 0, 0, 0, List.of(), 0, a, Map.of(), RunRecords.EXAMPLE);
        Organisations names = Organisations.combine(List.of(new OrganisationsFile.Read("orgs.csv", OrganisationsLayout.BACKCHECK,
                List.of(new OrganisationsFile.Row("A", "Trust <A> & Co", "", "orgs.csv", 2),
                        new OrganisationsFile.Row("XA", "Sub-ICB \"A\"", "", "orgs.csv", 3)))));
        ImagingReport r = ImagingReport.of(f, new ImagingReport.Options("t", false, Disclosure.NONE, Optional.empty(),
                Optional.of(ReportPeriod.parse("2024/25")), names));
        String html = ReportHtml.render(r);
        String section = html.substring(html.indexOf("<section id=\"year-on-year\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section).contains("<th scope=\"row\">Trust &lt;A&gt; &amp; Co (A)</th>")
                .contains("<th scope=\"row\">Sub-ICB &quot;A&quot; (XA)</th>")
                .contains("<th scope=\"row\">B</th>")
                .doesNotContain("<th scope=\"row\">A</th>");
    }

    @Test
    void withoutTheEarlierPeriodInTheExtractThereIsNoComparisonAndTheReportSaysWhy() {
        YearOnYear none = report(activity(true), "2023/24", Disclosure.NONE).breakdowns().yearOnYear();
        assertThat(none.notHeld()).contains("the extract does not hold the earlier period 2022/23 (April 2022 to March 2023):"
                + " it has no records dated then");
        assertThat(none.providers()).isEmpty();
        YearOnYear gap = report(activity(false), "2024/25", Disclosure.NONE).breakdowns().yearOnYear();
        assertThat(gap.notHeld()).contains("the extract does not hold the earlier period 2023/24 (April 2023 to March 2024):"
                + " no records in 2023-05");
        String html = ReportHtml.render(report(activity(false), "2024/25", Disclosure.CONTROLLED));
        assertThat(html).contains("<section id=\"year-on-year\">").contains("No comparison: the extract does not hold");
    }

    @Test
    void aQuarterIsComparedWithTheQuarterBefore() {
        YearOnYear q = report(activity(true), "2024/25 Q1", Disclosure.NONE).breakdowns().yearOnYear();
        assertThat(q.previousLabel()).isEqualTo("January to March 2024 (financial 2023/24 Q4, calendar 2024Q1)");
        YearOnYear.Change a = q.providers().stream().filter(c -> c.unit().equals("A")).findFirst().orElseThrow();
        assertThat(a.recordsBefore()).isZero();
        assertThat(a.countedNow()).isEqualTo(50);
    }

    @Test
    void disclosureControlHidesEveryFigureThatWouldRevealASmallCount() {
        ImagingReport controlled = report(activity(true), "2024/25", Disclosure.CONTROLLED);
        List<String> header = YearOnYearTable.COLUMNS;
        for (List<String> row : YearOnYearTable.rows(controlled, new Shown(Disclosure.CONTROLLED))) {
            assertThat(row.get(header.indexOf("z"))).isEmpty();
            assertThat(row.get(header.indexOf("p_value"))).isEmpty();
            if (row.get(1).equals("B")) {
                // 5 counted before: count, rate, change and verdict hidden; the later figures are shown.
                assertThat(row.get(header.indexOf("counted_earlier"))).isEqualTo("*");
                assertThat(row.get(header.indexOf("counted_per_1000_records_earlier"))).isEqualTo("*");
                assertThat(row.get(header.indexOf("change_per_1000_records"))).isEqualTo("*");
                assertThat(row.get(header.indexOf("beyond_chance"))).isEqualTo("*");
                assertThat(row.get(header.indexOf("counted_later"))).isEqualTo("20");
                assertThat(row.get(header.indexOf("counted_per_1000_records_later"))).isEqualTo("20.00");
            }
            if (row.get(1).equals("A")) {
                assertThat(row.get(header.indexOf("records_earlier"))).isEqualTo("10000");
                assertThat(row.get(header.indexOf("counted_per_1000_records_earlier"))).isEqualTo("3.00");
                assertThat(row.get(header.indexOf("change_per_1000_records"))).isEqualTo("+2.00");
            }
        }
        List<String> c = YearOnYearTable.rows(controlled, new Shown(Disclosure.CONTROLLED)).stream()
                .filter(r -> r.get(1).equals("C")).findFirst().orElseThrow();
        // C: 12 records in each year, none counted: rates 0.00 shown; too few to test, said plainly.
        assertThat(c.get(header.indexOf("beyond_chance"))).isEqualTo("not tested: too few for the test");
        List<List<String>> open = YearOnYearTable.rows(report(activity(true), "2024/25", Disclosure.NONE),
                new Shown(Disclosure.NONE));
        List<String> a = open.stream().filter(r -> r.get(1).equals("A")).findFirst().orElseThrow();
        assertThat(a.get(header.indexOf("z"))).isEqualTo("2.241");
        assertThat(a.get(header.indexOf("p_value"))).isEqualTo("0.02506");
        assertThat(a.get(header.indexOf("counted_earlier"))).isEqualTo("30");
    }
}
