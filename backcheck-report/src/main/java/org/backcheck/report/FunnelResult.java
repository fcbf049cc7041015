package org.backcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * A funnel plot's numbers: the target, the overdispersion estimate and, for every unit, its value,
 * z-score, limits and outlier flags. Limits are per unit because a funnel's width depends on the
 * unit's denominator.
 *
 * @param measure           proportion or ratio
 * @param target            the centre line on the natural scale (pooled proportion, or 1 for ratios)
 * @param targetTransformed the centre line on the transformed scale
 * @param phi               φ, the mean of the Winsorised squared z-scores; NaN with fewer than 2 usable units
 * @param tau2              τ², the between-unit variance added to every unit's s²; 0 when none is found
 * @param adjusted          whether the limits include τ² (exactly when τ² &gt; 0, see {@link FunnelPlot})
 * @param points            the units with a positive denominator, in input order
 * @param excluded          the units with a zero denominator, which have no value and are listed so
 *                          that the report accounts for every organisation
 */
public record FunnelResult(FunnelMeasure measure, double target, double targetTransformed, double phi,
        double tau2, boolean adjusted, List<Point> points, List<FunnelUnit> excluded) {

    public FunnelResult {
        Objects.requireNonNull(measure, "measure");
        if (tau2 < 0 || Double.isNaN(tau2)) {
            throw new IllegalArgumentException("tau2 must be a non-negative number: " + tau2);
        }
        if (adjusted != (tau2 > 0)) {
            throw new IllegalArgumentException("adjusted must be true exactly when tau2 > 0");
        }
        points = List.copyOf(points);
        excluded = List.copyOf(excluded);
    }

    /**
     * The limits for a unit with this denominator (attendances, or expected events), as drawn by the
     * funnel's curves; includes τ² exactly as the units' own limits do.
     */
    public Limits limitsAt(double denominator, double z) {
        if (!(denominator > 0)) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        double s = measure.standardError(denominator);
        return FunnelPlot.limits(measure, targetTransformed, Math.sqrt(s * s + tau2), z);
    }

    /** Where a unit lies relative to one pair of limits; on a limit is inside. */
    public enum Outlier { HIGH, LOW, NONE }

    /** Lower and upper control limit on the natural scale. */
    public record Limits(double lower, double upper) {
        public Limits {
            if (!(lower <= upper)) {
                throw new IllegalArgumentException("lower must not exceed upper: " + lower + " > " + upper);
            }
        }
    }

    /**
     * One unit on the plot.
     *
     * @param unit        the input
     * @param value       numerator / denominator (a proportion or O/E)
     * @param transformed y, the value on the transformed scale
     * @param s           the unit's standard error on the transformed scale
     * @param z           (y − target) / s, before any overdispersion adjustment; this is the z-score
     *                    that φ is estimated from (−∞ for a ratio with no observed events)
     * @param limits95    95% limits (z 1.959964)
     * @param limits998   99.8% limits (z 3.090232)
     * @param outlier95   position against the 95% limits
     * @param outlier998  position against the 99.8% limits
     */
    public record Point(FunnelUnit unit, double value, double transformed, double s, double z,
            Limits limits95, Limits limits998, Outlier outlier95, Outlier outlier998) {
        public Point {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(limits95, "limits95");
            Objects.requireNonNull(limits998, "limits998");
            Objects.requireNonNull(outlier95, "outlier95");
            Objects.requireNonNull(outlier998, "outlier998");
            if (!(s > 0)) {
                throw new IllegalArgumentException("s must be positive: " + s);
            }
        }
    }
}
