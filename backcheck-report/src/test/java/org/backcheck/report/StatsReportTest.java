package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

/**
 * The statistics as the report shows them: rate SPC with icons, rebase marks and reference lines; the funnel's
 * outlier and limit labels; comparators in tables and aggregates.json; and a hostile organisation code escaped
 * wherever it reaches the page.
 */
class StatsReportTest {

    private static final String HOSTILE = "X<b>&\"Y";

    /** 14 months, 16 providers; RBB images three times as often as the others; from 2024-07 RAA halves its rate. */
    private static ImagingReport report(StatsOptions stats) {
        List<Activity.Cell> cells = new ArrayList<>();
        long[] totals = new long[2];
        for (int i = 0; i < 14; i++) {
            String month = YearMonth.of(2024, 1).plusMonths(i).toString();
            add(cells, totals, "RAA", month, i < 6 ? 20 + i % 3 : 20 + 5 * (i % 2), 2000);
            add(cells, totals, "RBB", month, 60 + i % 4, 2000);
            add(cells, totals, HOSTILE, month, 18 + i % 3, 1600);
            add(cells, totals, "RCC", month, 22 + i % 2, 2200);
            for (int k = 1; k <= 12; k++) {
                add(cells, totals, String.format("R%02d", k), month, 20 + (i + k) % 5, 1900 + 50 * k);
            }
        }
        Activity activity = new Activity(true, false, true, cells, List.of());
        AuditFigures f = new AuditFigures("2S_lower_back_imaging", "in.csv", NullPolicy.CLINICAL, "comma", totals[1], totals[0],
                0, Map.of(), totals[1] - totals[0], 0, 0, 0, 0, 0, List.of(), 0, activity, Map.of(), RunRecords.EXAMPLE);
        return ImagingReport.of(f, new ImagingReport.Options("t", false, Disclosure.CONTROLLED, Optional.empty(),
                Optional.empty(), stats));
    }

    private static void add(List<Activity.Cell> cells, long[] totals, String org, String month, long counted, long records) {
        cells.add(new Activity.Cell(org, month, AgeBand.AGE_40_49, counted, 0, records - counted, 0));
        totals[0] += counted;
        totals[1] += records;
    }

    @Test
    void ratesChartsIconsAndComparatorsReachThePage() {
        StatsOptions stats = new StatsOptions(OptionalDouble.of(9.25), OptionalDouble.of(3), OptionalInt.empty(),
                List.of(YearMonth.of(2024, 7)), FunnelRatioMethod.SHMI);
        ImagingReport r = report(stats);
        ImagingReport.ProviderSpc raa = r.providerSpc().stream().filter(p -> p.provider().equals("RAA")).findFirst().orElseThrow();
        // Rates per 1,000: 20/2000 = 10 in 2024-01; the chart is rebased at 2024-07 with limits of its own.
        assertThat(raa.chart().rows().get(0).point().value()).isEqualTo(10.0);
        assertThat(raa.chart().segments()).extracting(SpcResult.Segment::first).containsExactly(0, 6);
        assertThat(raa.chart().segments().get(1).lines().orElseThrow().mean()).isCloseTo(22.5 / 2, org.assertj.core.api.Assertions.within(0.01));
        // RAA's last segment: 20 and 25 of 2,000 alternating (published counts, as the chart uses under disclosure
        // control), so rates 10 and 12.5, mean 11.25, limits 11.25 ± 2.66 × 2.5 = 4.60 to 17.90. Target 3
        // per 1,000 lies below the lower limit: lower is better, so the process consistently fails it.
        assertThat(raa.chart().assurance()).contains(SpcResult.Assurance.CONSISTENT_FAIL);
        String html = ReportHtml.render(r);
        assertThat(html).contains("rebased 2024-07").contains("benchmark 9.25").contains("target 3.00")
                .contains("assurance: the process consistently fails the target")
                .contains("common cause variation").contains("Against benchmark")
                .contains("class=\"limitlabel limit95label\">95%</text>").contains(">99.8%</text>")
                .contains("(log scale)");
        // RBB is far above the others: outside the 99.8% limits and labelled on the funnel by its code.
        assertThat(r.providerFunnel().orElseThrow().points()).filteredOn(p -> p.unit().org().equals("RBB"))
                .extracting(FunnelResult.Point::outlier998).containsExactly(FunnelResult.Outlier.HIGH);
        assertThat(html).contains("class=\"ptlabel\">RBB</text>");
        // The hostile code is escaped wherever it appears, and never raw.
        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<b>&");
        assertThat(html).contains("X&lt;b&gt;&amp;&quot;Y");
        Map<String, Object> json = Aggregates.json(r);
        @SuppressWarnings("unchecked")
        Map<String, Object> comparators = (Map<String, Object>) json.get("comparators");
        assertThat(comparators).containsEntry("benchmark_per_1000_records", 9.25).containsEntry("target_per_1000_records", 3.0)
                .containsEntry("pooled_counted_per_1000_records",
                        Double.parseDouble(Shown.plain(1000.0 * r.summary().counted() / r.summary().rowsRead(), 2)));
        @SuppressWarnings("unchecked")
        Map<String, Object> monthly = (Map<String, Object>) json.get("monthly_spc");
        assertThat(monthly).containsEntry("value", "counted_per_1000_records").containsKey("segments").containsKey("variation");
    }

    @Test
    void withoutOptionsThereIsNoBenchmarkColumnNorAssurance() {
        ImagingReport r = report(StatsOptions.DEFAULT);
        String html = ReportHtml.render(r);
        assertThat(html).doesNotContain("Against benchmark").doesNotContain("icon assurance").contains("extract " + Shown.plain(1000.0 * r.summary().counted() / r.summary().rowsRead(), 2))
                .contains("The extract&#39;s pooled rate is");
        assertThat(r.monthlySpc().orElseThrow().assurance()).isEmpty();
        assertThat(r.stats().pooledPer1000()).isCloseTo(1000.0 * r.summary().counted() / r.summary().rowsRead(),
                org.assertj.core.api.Assertions.within(1e-12));
    }
}
