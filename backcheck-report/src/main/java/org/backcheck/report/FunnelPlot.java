package org.backcheck.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Funnel plot limits and outliers, computed as the nhs-r-community FunnelPlotR package computes them
 * with its defaults (version 0.6.0, github.com/nhs-r-community/FunnelPlotR at commit
 * 9020d4972873d863e10b8a16555975f0e322adfc; files named below are in its {@code R/} folder). The method
 * is Spiegelhalter's (Statistics in Medicine 24(8):1185–1202, 2005; JRSS A 175(1):1–47, 2012); the code
 * here is our own, written from those files' formulas and checked against numbers the package's own code
 * gives ({@code FunnelPlotTest}).
 *
 * <p>Steps, on the transformed scale of the {@link FunnelMeasure} ({@code od_adjustment.R}):
 * <ol>
 *   <li>y<sub>i</sub> and s<sub>i</sub> per unit; z<sub>i</sub> = (y<sub>i</sub> − θ) / s<sub>i</sub>.
 *       Proportions: y = asin(√p), s = 1/(2√n), θ the pooled proportion transformed. Ratios by
 *       {@link FunnelRatioMethod}: SHMI y = ln(O/E), s = 1/√E, θ = 0, with E rounded to 2 decimals first
 *       ({@code SHMI_rounding}); CQC y = √(O/E), s = 1/(2√E), θ = 1.</li>
 *   <li>Outlying z-scores are set aside before φ is estimated: proportions and CQC ratios are Winsorised
 *       10% at each end (values beyond R's type 7 10th and 90th percentiles are pulled in to them);
 *       SHMI ratios are trimmed: with ranks r (ties averaged) and n units, a unit is kept when
 *       ⌊10r/(n + 1)⌋ is between 1 and 8, so the top and bottom tenth by rank are left out.</li>
 *   <li>φ = mean of the kept squared z-scores over the n' kept; τ² = 0 when n'φ &lt; n' − 1, else
 *       max(0, (n'φ − (n' − 1)) / (Σw − Σw²/Σw)) with w = 1/s² of the kept units (DerSimonian–Laird).</li>
 *   <li>The limits are widened only when φ &gt; 1 ({@code funnel_plot.R}: "No overdispersion detected"
 *       otherwise). Widened: proportions sin²(θ ± z·√(s² + τ²)) clipped to [0, 1]; SHMI ratios
 *       exp(±z·√(1/E + τ²)); CQC ratios 1 ± z·√(s² + τ²). Not widened: proportions the same with τ² = 0;
 *       ratios exact Poisson limits ({@link ExactPoisson}). z is 1.959964 (95%) or 3.090232 (99.8%).</li>
 *   <li>A unit is an outlier when its value (numerator / denominator, with the unrounded E) is outside
 *       its limits; on a limit is inside ({@code outliers_func.R}).</li>
 * </ol>
 *
 * <p>Where FunnelPlotR gives no number, Backcheck's choices: a unit with a zero denominator has no value
 * and is listed in {@link FunnelResult#excluded()}; a SHMI ratio with no observed events has z = −∞,
 * takes the lowest rank and, if trimming keeps it, is still left out of φ and τ² (an infinite z would
 * make them infinite); with fewer than 2 units kept, φ is NaN and the limits are not widened. Misuse (a
 * proportion above 1, an empty list) throws {@link IllegalArgumentException}.
 */
public final class FunnelPlot {
    /** Two-sided 95% normal quantile, as FunnelPlotR uses it. */
    public static final double Z95 = FunnelLevel.P95.z();
    /** Two-sided 99.8% normal quantile, as FunnelPlotR uses it. */
    public static final double Z998 = FunnelLevel.P998.z();
    /** Fraction Winsorised, or trimmed, at each end of the z-scores ({@code trim_by}). */
    public static final double WINSOR_FRACTION = 0.1;
    /** Rank groups of the SHMI trimming: 1 / {@link #WINSOR_FRACTION}. */
    private static final int TRIM_GROUPS = 10;

    private FunnelPlot() {
    }

    /** A funnel of proportions (numerator / attendances) against the pooled proportion. */
    public static FunnelResult proportions(List<FunnelUnit> units) {
        return compute(FunnelMeasure.PROPORTION, Optional.empty(), units);
    }

    /** A funnel of indirectly standardised ratios (observed / expected) against 1, by FunnelPlotR's default (SHMI). */
    public static FunnelResult ratios(List<FunnelUnit> units) {
        return ratios(units, FunnelRatioMethod.SHMI);
    }

    /** A funnel of indirectly standardised ratios, overdispersion estimated by {@code method}. */
    public static FunnelResult ratios(List<FunnelUnit> units, FunnelRatioMethod method) {
        return compute(FunnelMeasure.RATIO, Optional.of(method), units);
    }

    static FunnelResult compute(FunnelMeasure measure, Optional<FunnelRatioMethod> method, List<FunnelUnit> units) {
        Objects.requireNonNull(units, "units");
        if (units.isEmpty()) {
            throw new IllegalArgumentException("a funnel plot needs at least one unit");
        }
        boolean shmi = method.equals(Optional.of(FunnelRatioMethod.SHMI));
        List<FunnelUnit> included = new ArrayList<>();
        List<FunnelUnit> excluded = new ArrayList<>();
        double sumNum = 0;
        double sumDen = 0;
        for (FunnelUnit u : units) {
            if (measure == FunnelMeasure.PROPORTION && u.numerator() > u.denominator()) {
                throw new IllegalArgumentException("a proportion's numerator exceeds its denominator: " + u);
            }
            if (denominatorUsed(u.denominator(), shmi) == 0) {
                excluded.add(u);
            } else {
                included.add(u);
                sumNum += u.numerator();
                sumDen += u.denominator();
            }
        }
        double target = included.isEmpty() ? Double.NaN
                : measure == FunnelMeasure.PROPORTION ? sumNum / sumDen : 1.0;
        double theta = transform(measure, method, target);

        int n = included.size();
        double[] y = new double[n];
        double[] s = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            FunnelUnit u = included.get(i);
            double den = denominatorUsed(u.denominator(), shmi);
            y[i] = transform(measure, method, u.numerator() / den);
            s[i] = standardError(measure, method, den);
            z[i] = (y[i] - theta) / s[i];
        }
        boolean[] kept = shmi ? trimmed(z) : finite(z);
        double[] zKept = shmi ? select(z, kept) : winsorise(select(z, kept), WINSOR_FRACTION);
        double[] sKept = select(s, kept);
        double phi = Double.NaN;
        double tau2 = 0;
        if (zKept.length >= 2) {
            phi = phi(zKept);
            tau2 = tau2(phi, sKept);
        }
        FunnelResult shape = new FunnelResult(measure, target, theta, phi, tau2, phi > 1, List.of(), excluded, method);
        List<FunnelResult.Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FunnelUnit u = included.get(i);
            double value = u.numerator() / u.denominator();
            FunnelResult.Limits l95 = limits(shape, u.denominator(), FunnelLevel.P95);
            FunnelResult.Limits l998 = limits(shape, u.denominator(), FunnelLevel.P998);
            points.add(new FunnelResult.Point(u, value, y[i], s[i], z[i], l95, l998, l95.of(value), l998.of(value)));
        }
        return new FunnelResult(measure, target, theta, phi, tau2, phi > 1, points, excluded, method);
    }

    /** The denominator the statistics use: E rounded to 2 decimals for SHMI ratios (FunnelPlotR's SHMI_rounding). */
    static double denominatorUsed(double denominator, boolean shmi) {
        return shmi ? Math.round(denominator * 100) / 100.0 : denominator;
    }

    static double transform(FunnelMeasure m, Optional<FunnelRatioMethod> method, double value) {
        if (m == FunnelMeasure.PROPORTION) {
            return Math.asin(Math.sqrt(value));
        }
        return method.orElseThrow() == FunnelRatioMethod.SHMI ? Math.log(value) : Math.sqrt(value);
    }

    static double standardError(FunnelMeasure m, Optional<FunnelRatioMethod> method, double denominator) {
        boolean log = m == FunnelMeasure.RATIO && method.orElseThrow() == FunnelRatioMethod.SHMI;
        return log ? 1 / Math.sqrt(denominator) : 1 / (2 * Math.sqrt(denominator));
    }

    /** A funnel's limits at a denominator ({@code calculate_limits.R}). */
    static FunnelResult.Limits limits(FunnelResult f, double denominator, FunnelLevel level) {
        Optional<FunnelRatioMethod> method = f.ratioMethod();
        boolean shmi = method.equals(Optional.of(FunnelRatioMethod.SHMI));
        double den = denominatorUsed(denominator, shmi);
        if (f.exactPoisson()) {
            return new FunnelResult.Limits(f.target() * ExactPoisson.lower(den, level.tail()),
                    f.target() * ExactPoisson.upper(den, level.tail()));
        }
        double s = standardError(f.measure(), method, den);
        double half = level.z() * Math.sqrt(s * s + f.appliedTau2());
        if (f.measure() == FunnelMeasure.PROPORTION) {
            return new FunnelResult.Limits(sinSquared(f.targetTransformed() - half), sinSquared(f.targetTransformed() + half));
        }
        return shmi ? new FunnelResult.Limits(Math.exp(-half), Math.exp(half)) : new FunnelResult.Limits(1 - half, 1 + half);
    }

    /**
     * sin² of t clipped to [0, π/2], where sin² rises from 0 to 1: beyond that range it would fold back
     * and a wide limit would shrink (FunnelPlotR truncates the folded part to 0 and 1 likewise).
     */
    private static double sinSquared(double t) {
        return Math.pow(Math.sin(Math.min(Math.PI / 2, Math.max(0, t))), 2);
    }

    /** φ: the mean of the squared z-scores given (already Winsorised or trimmed). */
    static double phi(double[] z) {
        double sum = 0;
        for (double v : z) {
            sum += v * v;
        }
        return sum / z.length;
    }

    /**
     * τ² ({@code tau_func} in {@code od_adjustment.R}): 0 when nφ &lt; n − 1, else
     * max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)) with w = 1/s²; needs at least two units.
     */
    static double tau2(double phi, double[] s) {
        int n = s.length;
        if (n < 2) {
            throw new IllegalArgumentException("tau2 needs at least two units: " + n);
        }
        if (n * phi < n - 1) {
            return 0;
        }
        double sw = 0;
        double sw2 = 0;
        for (double v : s) {
            double w = 1 / (v * v);
            sw += w;
            sw2 += w * w;
        }
        return Math.max(0, (n * phi - (n - 1)) / (sw - sw2 / sw));
    }

    /**
     * The SHMI trimming ({@code truncation} in {@code od_adjustment.R}): rank r with ties averaged,
     * group ⌊10r/(n + 1)⌋, kept when the group is 1 to 8; of those, only finite z-scores are used.
     */
    static boolean[] trimmed(double[] z) {
        int n = z.length;
        double[] rank = averageRanks(z);
        boolean[] kept = new boolean[n];
        for (int i = 0; i < n; i++) {
            double group = Math.floor(rank[i] * TRIM_GROUPS / (n + 1));
            kept[i] = group > 0 && group < TRIM_GROUPS - 1 && Double.isFinite(z[i]);
        }
        return kept;
    }

    /** Ranks 1..n of the values, tied values sharing the mean of their ranks (R's rank, ties "average"). */
    static double[] averageRanks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] rank = new double[v.length];
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mean;
            }
            i = j + 1;
        }
        return rank;
    }

    private static boolean[] finite(double[] z) {
        boolean[] kept = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            kept[i] = Double.isFinite(z[i]);
        }
        return kept;
    }

    private static double[] select(double[] v, boolean[] kept) {
        double[] out = new double[v.length];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            if (kept[i]) {
                out[k++] = v[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Copies {@code values}, clamping them to [Q(fraction), Q(1 − fraction)]; order is kept. */
    static double[] winsorise(double[] values, double fraction) {
        if (values.length == 0) {
            return values;
        }
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

    /**
     * Type 7 percentile of already sorted values (R's default {@code quantile}), p in [0, 1]: for sorted
     * x<sub>0..n−1</sub> and h = (n − 1)p, Q(p) = x<sub>⌊h⌋</sub> + (h − ⌊h⌋)(x<sub>⌊h⌋+1</sub> − x<sub>⌊h⌋</sub>).
     */
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
}
