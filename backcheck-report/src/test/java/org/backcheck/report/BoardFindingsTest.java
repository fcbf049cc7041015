package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

/**
 * The board summary's findings on a worked example: ten providers with 1,000 records a month through
 * 2024; P01–P09 count 10 a month; P10 counts 10 a month to May and 40 from June; P11 has 12 records
 * in January, 3 of them counted (a count disclosure control hides).
 */
class BoardFindingsTest {

    static AuditFigures example() {
        List<Activity.Cell> cells = new ArrayList<>();
        long counted = 0;
        long rows = 0;
        for (int p = 1; p <= 10; p++) {
            for (int m = 1; m <= 12; m++) {
                long c = p == 10 && m >= 6 ? 40 : 10;
                cells.add(new Activity.Cell(String.format("P%02d", p), String.format("2024-%02d", m), AgeBand.AGE_40_49,
                        c, 0, 1000 - c, 0));
                counted += c;
                rows += 1000;
            }
        }
        cells.add(new Activity.Cell("P11", "2024-01", AgeBand.AGE_40_49, 3, 0, 9, 0));
        counted += 3;
        rows += 12;
        Activity activity = new Activity(true, false, true, cells, List.of());
        return new AuditFigures("2S_lower_back_imaging", "opa.csv", NullPolicy.CLINICAL, "comma", rows, counted, 0, Map.of(),
                rows - counted, 0, 0, counted, 0, 0, List.of(), 0, activity, Map.of(), RunRecords.EXAMPLE);
    }

    static ImagingReport report(Disclosure disclosure) {
        return ImagingReport.of(example(), new ImagingReport.Options("t", false, disclosure, Optional.empty()));
    }

    @Test
    void underDisclosureControlEveryCountIsRoundedAndTheHiddenProviderIsNotNamed() {
        ImagingReport r = report(Disclosure.CONTROLLED);
        List<String> findings = new BoardFindings(r, new Shown(Disclosure.CONTROLLED)).all();
        // 1,413 counted of 120,012 records: rounded to 1,415 and 120,010; the rate is of those published counts
        // (11.79 per 1,000), not of the exact ones (11.77), which would give the exact count back.
        assertThat(findings.get(0)).isEqualTo("Period: 2024-01 to 2024-12 (12 months, found from the data).");
        assertThat(findings.get(1)).isEqualTo("Whole extract: 1,415 lumbar imaging procedures counted in 120,010 outpatient"
                + " records, 11.79 per 1,000 records.");
        assertThat(findings).contains("P10: 27.50 per 1,000 records, above the 99.8% limit.");
        assertThat(findings).contains("Every row accounted for: 120,010 read = 1,415 counted + 0 excluded + 118,600 not"
                + " selected + 0 rejected (checked on exact counts; shown rounded).");
        assertThat(String.join("\n", findings)).doesNotContain("P11");

        // Recounted from the funnel: the providers shown are those with no count of 1 to 7 (counted, records,
        // or records not counted), and the sentence counts those above and below the 99.8% limits.
        FunnelResult f = r.providerFunnel().orElseThrow();
        List<FunnelResult.Point> drawn = f.points().stream().filter(p -> {
            long c = p.unit().numerator();
            long n = Math.round(p.unit().denominator());
            return !small(c) && !small(n) && !small(n - c);
        }).toList();
        assertThat(drawn).hasSize(10);
        long high = drawn.stream().filter(p -> p.outlier998() == FunnelResult.Outlier.HIGH).count();
        long low = drawn.stream().filter(p -> p.outlier998() == FunnelResult.Outlier.LOW).count();
        assertThat(findings.get(2)).isEqualTo("Providers: " + high + " of 10 shown " + (high == 1 ? "is" : "are")
                + " above the 99.8% limit and " + low + " below it, at a pooled rate of "
                + Shown.plain(f.target() * 1000, 2) + " per 1,000 records; 1 not shown (small numbers).");
        assertThat(findings.stream().filter(s -> s.endsWith("the 99.8% limit.")).count()).isEqualTo(high + low);
    }

    @Test
    void theTrendFindingSaysSinceWhenTheLatestRunOfSpecialCauseHasLasted() {
        List<String> findings = new BoardFindings(report(Disclosure.CONTROLLED), new Shown(Disclosure.CONTROLLED)).all();
        // Whole extract: 100 a month to May, 130 from June (P11's 3 in January make it 103, rounded to 105 as charted).
        assertThat(findings).anySatisfy(s -> assertThat(s).startsWith("Whole extract: special cause, concerning (high, where lower is better) since 2024-06 ("));
        assertThat(findings).contains("P10: special cause, concerning (high, where lower is better) since 2024-06.");
        assertThat(findings).noneSatisfy(s -> assertThat(s).startsWith("P01: special cause"));
    }

    @Test
    void withoutDisclosureControlTheCountsAreExactAndTheSmallProviderIsShown() {
        List<String> findings = new BoardFindings(report(Disclosure.NONE), new Shown(Disclosure.NONE)).all();
        assertThat(findings.get(1)).isEqualTo("Whole extract: 1,413 lumbar imaging procedures counted in 120,012 outpatient"
                + " records, 11.77 per 1,000 records.");
        // P11 (3 of 12, 250 per 1,000) is shown, though inside its wide limits: only its count was hidden before.
        assertThat(findings.get(2)).startsWith("Providers: 1 of 11 shown is above the 99.8% limit").doesNotContain("not shown");
        assertThat(findings.get(findings.size() - 1)).endsWith("0 rejected.");
    }

    @Test
    void latestRunOfSpecialCauseWalksBackWhileTheDirectionHolds() {
        SpcResult chart = SpcChart.of(List.of(new SpcPoint("2024-01", 10), new SpcPoint("2024-02", 10),
                new SpcPoint("2024-03", 10), new SpcPoint("2024-04", 10), new SpcPoint("2024-05", 10),
                new SpcPoint("2024-06", 10), new SpcPoint("2024-07", 10), new SpcPoint("2024-08", 11)));
        // A constant series and one step up: the last point is outside the limits, alone.
        assertThat(BoardFindings.latest(chart)).contains("special cause, concerning (high, where lower is better) since 2024-08");
        SpcResult flat = SpcChart.of(List.of(new SpcPoint("2024-01", 10), new SpcPoint("2024-02", 12),
                new SpcPoint("2024-03", 10), new SpcPoint("2024-04", 12)));
        assertThat(BoardFindings.latest(flat)).isEmpty();
    }

    private static boolean small(long n) {
        return n >= 1 && n <= Disclosure.SMALL_COUNT_MAX;
    }
}
