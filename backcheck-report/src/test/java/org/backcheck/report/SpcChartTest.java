package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.backcheck.report.SpcResult.Direction;
import org.backcheck.report.SpcResult.Rule;
import org.backcheck.report.SpcResult.Signal;
import org.junit.jupiter.api.Test;

/**
 * Each rule on a constructed series. The series are built so that only the rule under test can fire;
 * the means and mean moving ranges quoted in comments were worked by hand (and checked with python3).
 */
class SpcChartTest {

    private static SpcResult chart(double... values) {
        List<SpcPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SpcPoint("m" + i, values[i]));
        }
        return SpcChart.of(points);
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] alternating(double a, double b, int pairs) {
        double[] x = new double[2 * pairs];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? a : b;
        }
        return x;
    }

    /** Indices of the points where {@code rule} fires in {@code direction}. */
    private static List<Integer> flagged(SpcResult r, Rule rule, Direction direction) {
        return IntStream.range(0, r.rows().size())
                .filter(i -> r.rows().get(i).signals().contains(new Signal(rule, direction)))
                .boxed().toList();
    }

    private static long signalCount(SpcResult r) {
        return r.rows().stream().mapToLong(row -> row.signals().size()).sum();
    }

    @Test
    void linesFollowTheXmrFormulas() {
        // mean 0.1333…, MR̄ = (10·3 + 6 + 1·6 + 6 + 10·2 + 2) / 14 = 5
        SpcResult r = chart(5, -5, 5, -5, 1, 2, 1, 2, 1, 2, 1, -5, 5, -5, -3);
        SpcResult.Lines l = r.limits().orElseThrow();
        assertThat(l.mean()).isCloseTo(2.0 / 15, within(1e-12));
        assertThat(l.meanMovingRange()).isCloseTo(5.0, within(1e-12));
        assertThat(l.upper()).isCloseTo(2.0 / 15 + 13.3, within(1e-12));
        assertThat(l.lower()).isCloseTo(2.0 / 15 - 13.3, within(1e-12));
        assertThat(l.upper2Sigma()).isCloseTo(2.0 / 15 + 2 * 13.3 / 3, within(1e-12));
        assertThat(l.lower2Sigma()).isCloseTo(2.0 / 15 - 2 * 13.3 / 3, within(1e-12));
        assertThat(r.rows().get(0).movingRange()).isEmpty();
        assertThat(r.rows().get(1).movingRange()).contains(10.0);
        assertThat(r.note()).isEmpty();
    }

    @Test
    void pointAboveTheUpperLimit() {
        // mean 270/21 = 12.857, MR̄ = (19·4 + 16) / 20 = 4.6; 16 ≥ 3.267·4.6 is screened out, so MR̄ = 4
        // and the upper limit is 12.857 + 10.64 = 23.50
        SpcResult r = chart(concat(alternating(10, 14, 10), new double[] {30}));
        assertThat(flagged(r, Rule.OUTSIDE_LIMITS, Direction.HIGH)).containsExactly(20);
        assertThat(signalCount(r)).isEqualTo(1);
        assertThat(r.rows().get(20).rules()).containsExactly(Rule.OUTSIDE_LIMITS);
        assertThat(r.rows().get(20).direction()).contains(Direction.HIGH);
        assertThat(r.rows().get(19).direction()).isEmpty();
    }

    @Test
    void pointBelowTheLowerLimit() {
        // mean 230/21 = 10.95, MR̄ = 5, lower limit −2.35
        SpcResult r = chart(concat(alternating(10, 14, 10), new double[] {-10}));
        assertThat(flagged(r, Rule.OUTSIDE_LIMITS, Direction.LOW)).containsExactly(20);
        assertThat(signalCount(r)).isEqualTo(1);
    }

    @Test
    void sevenPointsAboveTheMeanIsAShiftAndSixIsNot() {
        // mean 2/15: indices 4..10 (values 1 and 2) are 7 points above it
        SpcResult seven = chart(5, -5, 5, -5, 1, 2, 1, 2, 1, 2, 1, -5, 5, -5, -3);
        assertThat(flagged(seven, Rule.SHIFT, Direction.HIGH)).containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(signalCount(seven)).isEqualTo(7);
        // mean 1/14: indices 4..9 are only 6 points above it
        SpcResult six = chart(5, -5, 5, -5, 1, 2, 1, 2, 1, 2, -5, 5, -5, -3);
        assertThat(signalCount(six)).isZero();
    }

    @Test
    void sevenPointsBelowTheMeanIsALowShift() {
        SpcResult r = chart(-5, 5, -5, 5, -1, -2, -1, -2, -1, -2, -1, 5, -5, 5, 3);
        assertThat(flagged(r, Rule.SHIFT, Direction.LOW)).containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(signalCount(r)).isEqualTo(7);
    }

    @Test
    void aPointOnTheMeanBreaksTheRun() {
        // sum 0, so the mean is exactly 0; counting index 3 would make indices 0..6 a run of 7
        SpcResult r = chart(1, 1, 1, 0, 1, 1, 1, -1, -1, -1, -1, -1, -1, 0);
        assertThat(r.limits().orElseThrow().mean()).isZero();
        assertThat(flagged(r, Rule.SHIFT, Direction.HIGH)).isEmpty();
        assertThat(flagged(r, Rule.SHIFT, Direction.LOW)).isEmpty();
    }

    @Test
    void aRunThatCrossesTheMeanIsNotAShift() {
        // 4 above then 4 below the exact mean 0: eight consecutive points, but not on one side
        SpcResult r = chart(1, 2, 1, 2, -1, -2, -1, -2);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.rules()).doesNotContain(Rule.SHIFT));
    }

    @Test
    void sevenRisingPointsIsATrendAndSixIsNot() {
        // mean 43/14 = 3.07, MR̄ 3.23: no shift, nothing beyond the 2σ lines (8.80)
        SpcResult seven = chart(0, 5, 0, 5, 1, 2, 3, 4, 5, 6, 7, 0, 5, 0);
        assertThat(flagged(seven, Rule.TREND, Direction.HIGH)).containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(signalCount(seven)).isEqualTo(7);
        SpcResult six = chart(0, 5, 0, 5, 1, 2, 3, 4, 5, 6, 0, 5, 0);
        assertThat(signalCount(six)).isZero();
    }

    @Test
    void sevenFallingPointsIsALowTrend() {
        SpcResult r = chart(0, -5, 0, -5, -1, -2, -3, -4, -5, -6, -7, 0, -5, 0);
        assertThat(flagged(r, Rule.TREND, Direction.LOW)).containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(signalCount(r)).isEqualTo(7);
    }

    @Test
    void aTieBreaksTheTrend() {
        // 1,2,3 then 3,4,5,6: eight points with one flat step, so runs of 3 and 4
        SpcResult r = chart(0, 5, 0, 5, 1, 2, 3, 3, 4, 5, 6, 0, 5, 0);
        assertThat(signalCount(r)).isZero();
    }

    @Test
    void aboveTheUpperLimitAfterScreeningTheJump() {
        SpcResult r = chart(concat(alternating(10, 14, 10), new double[] {30}));
        SpcResult.Lines l = r.limits().orElseThrow();
        assertThat(l.meanMovingRange()).isCloseTo(4.0, within(1e-12));
        assertThat(l.upper()).isCloseTo(270.0 / 21 + 10.64, within(1e-9));
    }

    @Test
    void screeningMatchesTheNhsrPlotTheDotsVignette() {
        // The package's documentation gives UPL 4.60 and LPL -0.72 for this series with screen_outliers on
        // (the default): MR̄ 32/17 = 1.88 before screening; the jumps 8 and 9 are ≥ 3.267·1.88 = 6.15, so
        // MR̄ = 1 over the other 15, around the mean 35/18 = 1.944.
        SpcResult r = chart(1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1);
        SpcResult.Lines l = r.limits().orElseThrow();
        assertThat(l.meanMovingRange()).isCloseTo(1.0, within(1e-12));
        assertThat(l.upper()).isCloseTo(4.60, within(0.005));
        assertThat(l.lower()).isCloseTo(-0.72, within(0.005));
        assertThat(flagged(r, Rule.OUTSIDE_LIMITS, Direction.HIGH)).containsExactly(4);
    }

    @Test
    void twoOfThreeCloseToTheSameLimit() {
        // mean 0.593, MR̄ 2.615: 2σ line 5.23 < 7 ≤ 7.55 process limit; 7, 2, 7 all above the mean
        SpcResult r = chart(concat(alternating(-1, 1, 10), new double[] {7, 2, 7}, alternating(-1, 1, 2)));
        assertThat(flagged(r, Rule.TWO_OF_THREE, Direction.HIGH)).containsExactly(20, 22);
        assertThat(signalCount(r)).isEqualTo(2);
    }

    @Test
    void twoOfThreeNeedsAllThreeOnOneSideOfTheMean() {
        // mean 0.519, MR̄ 2.769: 7 and 7 are close to the limit (5.43 < 7 ≤ 7.88), but 0 is below the mean
        SpcResult r = chart(concat(alternating(-1, 1, 10), new double[] {7, 0, 7}, alternating(-1, 1, 2)));
        assertThat(signalCount(r)).isZero();
    }

    @Test
    void aPointOutsideTheLimitsDoesNotCountTowardsTwoOfThree() {
        // mean 1.444, MR̄ 2.292 after screening the jumps to and from 30: 7 is close (5.51 < 7 ≤ 7.54), 30 is outside
        SpcResult r = chart(concat(alternating(-1, 1, 10), new double[] {7, 2, 30}, alternating(-1, 1, 2)));
        assertThat(flagged(r, Rule.OUTSIDE_LIMITS, Direction.HIGH)).containsExactly(22);
        assertThat(flagged(r, Rule.TWO_OF_THREE, Direction.HIGH)).isEmpty();
    }

    @Test
    void twoOfThreeOnOppositeSidesIsNotASignal() {
        // mean 0, MR̄ 2.692: ±7 are beyond ±4.77 (2σ) but inside ±7.16 (limits), on opposite sides
        SpcResult r = chart(concat(alternating(-1, 1, 10), new double[] {7, 0, -7}, alternating(-1, 1, 2)));
        assertThat(signalCount(r)).isZero();
    }

    @Test
    void constantSeriesHasZeroMovingRangeAndNoSignals() {
        SpcResult r = chart(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        SpcResult.Lines l = r.limits().orElseThrow();
        assertThat(l.meanMovingRange()).isZero();
        assertThat(l.mean()).isEqualTo(0.1);
        assertThat(l.upper()).isEqualTo(0.1);
        assertThat(l.lower()).isEqualTo(0.1);
        assertThat(signalCount(r)).isZero();
    }

    @Test
    void fewerThanTwoPointsHaveNoLimits() {
        SpcResult none = chart();
        assertThat(none.limits()).isEmpty();
        assertThat(none.rows()).isEmpty();
        assertThat(none.note()).hasValueSatisfying(n -> assertThat(n).contains("fewer than 2 points"));
        SpcResult one = chart(42);
        assertThat(one.limits()).isEmpty();
        assertThat(one.rows()).singleElement().satisfies(row -> {
            assertThat(row.point().value()).isEqualTo(42);
            assertThat(row.signals()).isEmpty();
            assertThat(row.movingRange()).isEmpty();
        });
        assertThat(chart(1, 2).limits()).isPresent();
    }

    @Test
    void aPointCanCarrySignalsInBothDirections() {
        // a falling trend whose points are all still above the mean
        SpcResult r = chart(concat(new double[] {20, 19, 18, 17, 16, 15, 14}, alternating(0, 1, 4)));
        assertThat(r.rows().get(0).rules()).contains(Rule.SHIFT, Rule.TREND);
        assertThat(r.rows().get(0).signals()).contains(new Signal(Rule.SHIFT, Direction.HIGH),
                new Signal(Rule.TREND, Direction.LOW));
        assertThat(r.rows().get(0).direction()).isEmpty();
    }

    @Test
    void misuseIsRefused() {
        assertThatThrownBy(() -> new SpcPoint("m", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpcPoint(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SpcChart.of(null)).isInstanceOf(NullPointerException.class);
    }
}
