package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPC rate series under disclosure control ({@link RateSeries}), worked by hand. */
class RateSeriesTest {

    private static Map<String, long[]> months(long[]... countedRecords) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (int i = 0; i < countedRecords.length; i++) {
            m.put(String.format("2024-%02d", i + 1), countedRecords[i]);
        }
        return m;
    }

    @Test
    void monthsWhoseRateTheTablesSuppressAreLeftOutAndListed() {
        // 20/2000 = 10 per 1,000; 3 counted (1 to 7) hidden; 0 counted shown as 0; 1995/2000 leaves 5 not counted: hidden;
        // a month with no records has no rate.
        Map<String, long[]> m = months(new long[] {20, 2000}, new long[] {3, 4000}, new long[] {0, 1000},
                new long[] {1995, 2000}, new long[] {0, 0}, new long[] {30, 1500}, new long[] {25, 2500}, new long[] {40, 4000});
        RateSeries controlled = RateSeries.of(m, new Shown(Disclosure.CONTROLLED));
        assertThat(controlled.hidden()).containsExactly("2024-02", "2024-04");
        assertThat(controlled.points()).extracting(SpcPoint::label)
                .containsExactly("2024-01", "2024-03", "2024-06", "2024-07", "2024-08");
        assertThat(controlled.points()).extracting(SpcPoint::value).containsExactly(10.0, 0.0, 20.0, 10.0, 10.0);
        assertThat(controlled.chartable()).isFalse(); // 2 of 7 months with records left out: more than a quarter
        assertThat(controlled.whyNotCharted()).startsWith("2 of 7 months");
        RateSeries open = RateSeries.of(m, new Shown(Disclosure.NONE));
        assertThat(open.hidden()).isEmpty();
        assertThat(open.points()).hasSize(7);
        assertThat(open.points().get(1).value()).isEqualTo(0.75);
        assertThat(open.chartable()).isTrue();
    }

    @Test
    void aQuarterOfTheMonthsMayBeLeftOutAndTheLimitsComeFromTheRestOnly() {
        Map<String, long[]> m = months(new long[] {20, 2000}, new long[] {3, 4000}, new long[] {24, 2000},
                new long[] {22, 2000});
        RateSeries s = RateSeries.of(m, new Shown(Disclosure.CONTROLLED));
        assertThat(s.chartable()).isTrue();
        SpcResult chart = SpcChart.of(s.points());
        // From the published counts: 20 of 2,000, 25 of 2,000 (24 rounded), 20 of 2,000 (22 rounded).
        assertThat(chart.limits().orElseThrow().mean()).isEqualTo((10.0 + 12.5 + 10.0) / 3);
        assertThat(chart.rows()).extracting(r -> r.point().label()).doesNotContain("2024-02");
    }
}
