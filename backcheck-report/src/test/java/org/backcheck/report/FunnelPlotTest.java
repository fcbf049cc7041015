package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.report.FunnelResult.Outlier;
import org.junit.jupiter.api.Test;

/**
 * Funnel plots against worked values computed independently with python3 (standard library only),
 * from the formulas in {@link FunnelPlot}'s documentation, by this script (saved as funnel_worked.py):
 *
 * <pre>
 * from math import asin, sqrt, sin, log, exp, floor
 * def q7(v, p):
 *     v = sorted(v); h = (len(v) - 1) * p; k = floor(h)
 *     return v[-1] if k >= len(v) - 1 else v[k] + (h - k) * (v[k + 1] - v[k])
 * def funnel(units, pr):
 *     th = asin(sqrt(sum(o for o, d in units) / sum(d for o, d in units))) if pr else 0.0
 *     y = [asin(sqrt(o / d)) if pr else log(o / d) for o, d in units]
 *     s = [1 / (2 * sqrt(d)) if pr else 1 / sqrt(d) for o, d in units]
 *     z = [(yi - th) / si for yi, si in zip(y, s)]
 *     lo, hi = q7(z, 0.1), q7(z, 0.9)
 *     n = len(z); phi = sum(min(hi, max(lo, zi)) ** 2 for zi in z) / n
 *     w = [1 / si ** 2 for si in s]
 *     tau2 = max(0.0, (n * phi - (n - 1)) / (sum(w) - sum(wi * wi for wi in w) / sum(w)))
 *     bt = (lambda t: sin(min(asin(1), max(0.0, t))) ** 2) if pr else exp
 *     sd = [sqrt(si ** 2 + tau2) for si in s]
 *     return dict(theta=th, phi=phi, tau2=tau2, z=z,
 *         l95=[(bt(th - 1.959964 * d), bt(th + 1.959964 * d)) for d in sd],
 *         l998=[(bt(th - 3.090232 * d), bt(th + 3.090232 * d)) for d in sd])
 * </pre>
 *
 * and then, per data set, {@code python3 -c "exec(open('funnel_worked.py').read()); r = funnel(U, PR);
 * print(repr(r['theta']), repr(r['phi']), repr(r['tau2'])); [print(repr(r['z'][i]), repr(r['l95'][i]),
 * repr(r['l998'][i])) for i in range(len(U))]"} with U the (numerator, denominator) pairs below and
 * PR True for proportions, False for ratios. Values are asserted to 1e-9 relative. The ratio funnels of
 * FunnelPlotR's own methods (trimming, exact Poisson limits) are checked against the package's code in
 * {@link FunnelPlotRTest}; the proportion funnels here agree with it, since both widen these limits (φ &gt; 1)
 * or find τ² = 0.
 */
class FunnelPlotTest {

    private static void close(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.max(1e-12, 1e-9 * Math.abs(expected))));
    }

    private static List<FunnelUnit> units(long[][] od) {
        List<FunnelUnit> u = new ArrayList<>();
        for (int i = 0; i < od.length; i++) {
            u.add(new FunnelUnit("R" + i, od[i][0], od[i][1]));
        }
        return u;
    }

    /** Each row: z, 95% lower, 95% upper, 99.8% lower, 99.8% upper. */
    private static void assertPoints(FunnelResult r, double[][] expected) {
        assertThat(r.points()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            FunnelResult.Point p = r.points().get(i);
            close(p.z(), expected[i][0]);
            close(p.limits95().lower(), expected[i][1]);
            close(p.limits95().upper(), expected[i][2]);
            close(p.limits998().lower(), expected[i][3]);
            close(p.limits998().upper(), expected[i][4]);
        }
    }

    @Test
    void proportionsWithOverdispersion() {
        // U = [(30,200),(45,250),(12,180),(80,300),(20,150),(55,400),(5,90),(70,220)], PR = True
        FunnelResult r = FunnelPlot.proportions(units(new long[][] {
            {30, 200}, {45, 250}, {12, 180}, {80, 300}, {20, 150}, {55, 400}, {5, 90}, {70, 220}}));
        close(r.target(), 317.0 / 1790);
        close(r.targetTransformed(), 0.43435626975009467);
        close(r.phi(), 8.597383467168994);
        close(r.tau2(), 0.01008909306344975);
        assertThat(r.adjusted()).isTrue();
        assertPoints(r, new double[][] {
            {-1.0368124202263063, 0.05005918823854088, 0.35957983839739227, 0.011045572860838104, 0.4780290866134096},
            {0.11993762855959011, 0.05107302871056605, 0.35736088964468044, 0.011821075011135504, 0.47438547115456026},
            {-4.647413064089283, 0.04950488305764723, 0.360803310939541, 0.010629542263663347, 0.48003648298583107},
            {3.751027349534097, 0.05176069554688382, 0.35586938357073233, 0.012357570707861988, 0.47193428739616244},
            {-1.4835112927667053, 0.048414894627077563, 0.3632309116853123, 0.00982832269634317, 0.4840160867553058},
            {-2.1790121398574858, 0.052633893051514904, 0.35399089893026087, 0.013050729230168336, 0.46884482734031097},
            {-3.7267153493933494, 0.04428835339423469, 0.3726982776544627, 0.0070100817719607866, 0.4994900139422424},
            {4.893434005296443, 0.05051743223485625, 0.3585739146746261, 0.011393780709698327, 0.47637777362892886}});
        // Unadjusted z-scores reach ±4.9, but once the between-provider spread is allowed for, nobody is out.
        assertThat(r.points()).allSatisfy(p -> assertThat(p.outlier95()).isEqualTo(Outlier.NONE));
    }

    @Test
    void proportionsWithoutOverdispersion() {
        // U = [(20,200),(26,250),(17,180),(31,300),(15,150),(40,400),(9,90),(22,220)], PR = True
        FunnelResult r = FunnelPlot.proportions(units(new long[][] {
            {20, 200}, {26, 250}, {17, 180}, {31, 300}, {15, 150}, {40, 400}, {9, 90}, {22, 220}}));
        close(r.targetTransformed(), 0.32268050056308456);
        close(r.phi(), 0.0085027339599605);
        assertThat(r.tau2()).isZero();
        assertThat(r.adjusted()).isFalse();
        assertPoints(r, new double[][] {
            {-0.02630284961719348, 0.06284176748382117, 0.14593546607848887, 0.044862519910910344, 0.17525142363185828},
            {0.17957568630975776, 0.06643914789871827, 0.140808065201163, 0.04975852297900283, 0.16656820296103406},
            {-0.2765655704754687, 0.061034781663024125, 0.14859203955848216, 0.04244762716511402, 0.17976771498425745},
            {0.1588348214167573, 0.06915421068927682, 0.1370724438453888, 0.05352646256332156, 0.1602720920409532},
            {-0.022778935960411348, 0.05773961634367604, 0.15358547255890911, 0.038126376234777624, 0.18828617251218743},
            {-0.03719784665769499, 0.07305000697073272, 0.13190033612200994, 0.05903360489748289, 0.15160095297445259},
            {-0.017644487923799683, 0.04736099780624451, 0.17074506946220536, 0.025322863489900878, 0.2178041152044031},
            {-0.027586661410601402, 0.06441603507588987, 0.14366585621550243, 0.04699102073874776, 0.17140220963071676}});
    }

    @Test
    void outliersAtBothLevelsIncludingAZeroProportionAndAnExcludedUnit() {
        // U = [(20,200),(26,250),(17,180),(31,300),(15,150),(40,400),(9,90),(22,220),(90,300),(0,40)], PR = True
        List<FunnelUnit> u = units(new long[][] {
            {20, 200}, {26, 250}, {17, 180}, {31, 300}, {15, 150}, {40, 400}, {9, 90}, {22, 220}, {90, 300}, {0, 40}});
        u.add(new FunnelUnit("EMPTY", 0, 0));
        FunnelResult r = FunnelPlot.proportions(u);
        assertThat(r.excluded()).extracting(FunnelUnit::org).containsExactly("EMPTY");
        close(r.targetTransformed(), 0.36402087271405403);
        close(r.phi(), 1.6319090347854963);
        close(r.tau2(), 0.0009789058145960637);
        FunnelResult.Point high = r.points().get(8);
        close(high.z(), 7.469256676793272);
        close(high.limits95().upper(), 0.18720730032518484);
        close(high.limits998().upper(), 0.2261345369499917);
        assertThat(high.outlier95()).isEqualTo(Outlier.HIGH);
        assertThat(high.outlier998()).isEqualTo(Outlier.HIGH);
        FunnelResult.Point zero = r.points().get(9);
        assertThat(zero.value()).isZero();
        assertThat(zero.transformed()).isZero();
        close(zero.z(), -4.604540294474601);
        close(zero.limits95().lower(), 0.038455134113953494);
        close(zero.limits998().lower(), 0.010222646087794501);
        assertThat(zero.outlier95()).isEqualTo(Outlier.LOW);
        assertThat(zero.outlier998()).isEqualTo(Outlier.LOW);
        assertThat(r.points().subList(0, 8)).allSatisfy(p -> assertThat(p.outlier95()).isEqualTo(Outlier.NONE));
    }

    @Test
    void ratioWithNoObservedEventsIsPlottedButLeftOutOfPhi() {
        List<FunnelUnit> base = List.of(new FunnelUnit("A", 12, 10.5), new FunnelUnit("B", 30, 25.2),
                new FunnelUnit("C", 8, 12.1), new FunnelUnit("D", 45, 30.0), new FunnelUnit("E", 20, 22.4),
                new FunnelUnit("F", 5, 9.8));
        List<FunnelUnit> withZero = new ArrayList<>(base);
        withZero.add(new FunnelUnit("NONE", 0, 4.0));
        FunnelResult r = FunnelPlot.ratios(withZero);
        close(r.phi(), FunnelPlot.ratios(base).phi());
        FunnelResult.Point p = r.points().get(6);
        assertThat(p.z()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(p.outlier998()).isEqualTo(Outlier.LOW);
    }

    @Test
    void percentileIsLinearBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        close(FunnelPlot.percentile(sorted, 0.1), 1.4); // h = 4 * 0.1 = 0.4
        close(FunnelPlot.percentile(sorted, 0.9), 4.6); // h = 3.6
        assertThat(FunnelPlot.percentile(sorted, 0)).isEqualTo(1);
        assertThat(FunnelPlot.percentile(sorted, 1)).isEqualTo(5);
        assertThat(FunnelPlot.percentile(new double[] {7}, 0.1)).isEqualTo(7);
        close(FunnelPlot.percentile(new double[] {0, 10}, 0.1), 1.0);
        assertThatThrownBy(() -> FunnelPlot.percentile(new double[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void winsorisingClampsBothTailsAndKeepsOrder() {
        double[] w = FunnelPlot.winsorise(new double[] {5, -100, 3, 1, 2, 100, 4, 0, -1, 6, 7}, 0.1);
        // sorted: -100,-1,0,1,2,3,4,5,6,7,100; h = 1 and 9, so Q(0.1) = -1 and Q(0.9) = 7
        assertThat(w).containsExactly(5, -1, 3, 1, 2, 7, 4, 0, -1, 6, 7);
    }

    @Test
    void tauSquaredIsZeroWhenPhiDoesNotExceedTheChanceLevel() {
        double[] s = {1 / Math.sqrt(100), 1 / Math.sqrt(200), 1 / Math.sqrt(300)};
        assertThat(FunnelPlot.tau2(2.0 / 3, s)).isZero(); // n·φ − (n − 1) = 0
        assertThat(FunnelPlot.tau2(0.5, s)).isZero();
        // (3·2 − 2) / (600 − 140000/600)
        close(FunnelPlot.tau2(2.0, s), 4.0 / (600 - 140000.0 / 600));
    }

    @Test
    void misuseAndEdgeCases() {
        assertThatThrownBy(() -> FunnelPlot.proportions(List.of(new FunnelUnit("A", 11, 10))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FunnelPlot.proportions(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunnelUnit("A", -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunnelUnit(" ", 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunnelUnit("A", 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        FunnelResult one = FunnelPlot.proportions(List.of(new FunnelUnit("A", 10, 10), new FunnelUnit("B", 0, 0)));
        assertThat(one.phi()).isNaN();
        assertThat(one.tau2()).isZero();
        assertThat(one.points().get(0).limits95().upper()).isEqualTo(1.0); // 100% handled, clipped at 1
        assertThat(one.excluded()).hasSize(1);
    }
}
