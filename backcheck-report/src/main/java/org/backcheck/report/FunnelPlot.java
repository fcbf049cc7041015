package org.backcheck.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Funnel plot limits and outliers. The method is Spiegelhalter's: D. J. Spiegelhalter, "Funnel plots for
 * comparing institutional performance", Statistics in Medicine 24(8):1185–1202, 2005, with the
 * over-dispersion treatment of Spiegelhalter et al., "Statistical methods for healthcare regulation:
 * rating, screening and surveillance", JRSS A 175(1):1–47, 2012 (Winsorised z-scores, an additive
 * random-effects variance τ²). It is the method the nhs-r-community FunnelPlotR package documents for
 * its over-dispersed limits, so that Backcheck's funnels can be compared with FunnelPlotR's; the code
 * here is written from the published formulas below, not from that package.
 *
 * <p>Steps, on the transformed scale of the {@link FunnelMeasure}:
 * <ol>
 *   <li>y<sub>i</sub> and s<sub>i</sub> per unit; z<sub>i</sub> = (y<sub>i</sub> − θ) / s<sub>i</sub>.</li>
 *   <li>The z-scores are Winsorised 10% at each end: values below the 10th percentile become the 10th
 *       percentile, values above the 90th become the 90th. Percentiles use linear interpolation
 *       between order statistics (Hyndman–Fan type 7, R's and NumPy's default): for sorted
 *       x<sub>0..n−1</sub> and h = (n − 1)p, Q(p) = x<sub>⌊h⌋</sub> + (h − ⌊h⌋)(x<sub>⌊h⌋+1</sub> − x<sub>⌊h⌋</sub>).
 *       Winsorising stops a few genuine outliers from inflating the dispersion estimate that is
 *       meant to describe everyone else.</li>
 *   <li>φ = mean(z<sub>w</sub>²); with w = 1/s², τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw))
 *       (DerSimonian–Laird).</li>
 *   <li>Limits θ ± z·√(s² + τ²) at z 1.959964 (95%) and 3.090232 (99.8%), back-transformed.</li>
 * </ol>
 *
 * <p>When the adjustment is applied: Backcheck widens the limits exactly when the DerSimonian–Laird
 * estimate τ² is above 0, with no separate test that φ &gt; 1 (a choice made here, not a rule taken
 * from FunnelPlotR). Note that τ² &gt; 0
 * means φ &gt; (n − 1)/n, slightly below 1: a small n can give a small adjustment at φ just under 1.
 * {@link FunnelResult#phi()} and {@link FunnelResult#tau2()} are reported so a reader can judge.
 *
 * <p>Data handling: a unit with a zero denominator has no value and is listed in
 * {@link FunnelResult#excluded()}. A ratio with no observed events has ln 0 = −∞; it is plotted
 * (value 0, below every lower limit, flagged LOW) but left out of φ and τ², whose averages an
 * infinite z would destroy. Misuse (a proportion above 1, an empty list) throws
 * {@link IllegalArgumentException}.
 */
public final class FunnelPlot {
    /** Two-sided 95% normal quantile, as FunnelPlotR uses it. */
    public static final double Z95 = 1.959964;
    /** Two-sided 99.8% normal quantile, as FunnelPlotR uses it. */
    public static final double Z998 = 3.090232;
    /** Fraction Winsorised at each end of the z-scores. */
    public static final double WINSOR_FRACTION = 0.1;

    private FunnelPlot() {
    }

    /** A funnel of proportions (numerator / attendances) against the pooled proportion. */
    public static FunnelResult proportions(List<FunnelUnit> units) {
        return compute(FunnelMeasure.PROPORTION, units);
    }

    /** A funnel of indirectly standardised ratios (observed / expected) against 1. */
    public static FunnelResult ratios(List<FunnelUnit> units) {
        return compute(FunnelMeasure.RATIO, units);
    }

    static FunnelResult compute(FunnelMeasure measure, List<FunnelUnit> units) {
        Objects.requireNonNull(units, "units");
        if (units.isEmpty()) {
            throw new IllegalArgumentException("a funnel plot needs at least one unit");
        }
        List<FunnelUnit> included = new ArrayList<>();
        List<FunnelUnit> excluded = new ArrayList<>();
        double sumNum = 0;
        double sumDen = 0;
        for (FunnelUnit u : units) {
            if (measure == FunnelMeasure.PROPORTION && u.numerator() > u.denominator()) {
                throw new IllegalArgumentException("a proportion's numerator exceeds its denominator: " + u);
            }
            if (u.denominator() == 0) {
                excluded.add(u);
            } else {
                included.add(u);
                sumNum += u.numerator();
                sumDen += u.denominator();
            }
        }
        double target = included.isEmpty() ? Double.NaN
                : measure == FunnelMeasure.PROPORTION ? sumNum / sumDen : 1.0;
        double theta = measure.transform(target);

        int n = included.size();
        double[] y = new double[n];
        double[] s = new double[n];
        double[] z = new double[n];
        List<Double> finiteZ = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FunnelUnit u = included.get(i);
            y[i] = measure.transform(u.numerator() / u.denominator());
            s[i] = measure.standardError(u.denominator());
            z[i] = (y[i] - theta) / s[i];
            if (Double.isFinite(z[i])) {
                finiteZ.add(z[i]);
                weights.add(1 / (s[i] * s[i]));
            }
        }
        double phi = Double.NaN;
        double tau2 = 0;
        if (finiteZ.size() >= 2) {
            phi = phi(finiteZ.stream().mapToDouble(Double::doubleValue).toArray());
            tau2 = tau2(phi, weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
        List<FunnelResult.Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FunnelUnit u = included.get(i);
            double sd = Math.sqrt(s[i] * s[i] + tau2);
            points.add(new FunnelResult.Point(u, u.numerator() / u.denominator(), y[i], s[i], z[i],
                    limits(measure, theta, sd, Z95), limits(measure, theta, sd, Z998),
                    outlier(y[i], theta, sd, Z95), outlier(y[i], theta, sd, Z998)));
        }
        return new FunnelResult(measure, target, theta, phi, tau2, tau2 > 0, points, excluded);
    }

    /** φ: the mean of the squared z-scores after Winsorising {@link #WINSOR_FRACTION} at each end. */
    static double phi(double[] z) {
        double sum = 0;
        for (double v : winsorise(z, WINSOR_FRACTION)) {
            sum += v * v;
        }
        return sum / z.length;
    }

    /** τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)); needs at least two weights. */
    static double tau2(double phi, double[] w) {
        int n = w.length;
        if (n < 2) {
            throw new IllegalArgumentException("tau2 needs at least two units: " + n);
        }
        double sw = 0;
        double sw2 = 0;
        for (double v : w) {
            sw += v;
            sw2 += v * v;
        }
        return Math.max(0, (n * phi - (n - 1)) / (sw - sw2 / sw));
    }

    /** Copies {@code values}, clamping them to [Q(fraction), Q(1 − fraction)]; order is kept. */
    static double[] winsorise(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = percentile(sorted, fraction);
        double hi = percentile(sorted, 1 - fraction);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(hi, Math.max(lo, values[i]));
        }
        return out;
    }

    /** Type 7 percentile of already sorted values (see the class comment), p in [0, 1]. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("need values and p in [0,1]: n=" + sorted.length + ", p=" + p);
        }
        double h = (sorted.length - 1) * p;
        int k = (int) Math.floor(h);
        if (k >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]);
    }

    static FunnelResult.Limits limits(FunnelMeasure m, double theta, double sd, double zq) {
        return new FunnelResult.Limits(m.backTransform(theta - zq * sd), m.backTransform(theta + zq * sd));
    }

    /** Compared on the transformed scale, where the limits are symmetric; a unit on a limit is inside. */
    private static FunnelResult.Outlier outlier(double y, double theta, double sd, double zq) {
        if (y > theta + zq * sd) {
            return FunnelResult.Outlier.HIGH;
        }
        if (y < theta - zq * sd) {
            return FunnelResult.Outlier.LOW;
        }
        return FunnelResult.Outlier.NONE;
    }
}
