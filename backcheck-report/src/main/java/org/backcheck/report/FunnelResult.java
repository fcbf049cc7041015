package org.backcheck.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A funnel plot's numbers: the target, the overdispersion estimate and, for every unit, its value,
 * z-score, limits and outlier flags. Limits are per unit because a funnel's width depends on the
 * unit's denominator.
 *
 * @param measure           proportion or ratio
 * @param target            the centre line on the natural scale (pooled proportion, or 1 for ratios)
 * @param targetTransformed the centre line on the transformed scale
 * @param phi               φ, the mean of the squared z-scores after Winsorising (proportions, CQC ratios) or
 *                          trimming (SHMI ratios); NaN with fewer than 2 usable units
 * @param tau2              τ², the between-unit variance as estimated (reported even when not applied)
 * @param adjusted          whether the limits include τ²: exactly when φ &gt; 1, as in FunnelPlotR
 * @param points            the units with a positive denominator, in input order
 * @param excluded          the units with a zero denominator, which have no value and are listed so
 *                          that the report accounts for every organisation
 * @param ratioMethod       for a ratio funnel, how overdispersion is estimated; empty for proportions
 */
public record FunnelResult(FunnelMeasure measure, double target, double targetTransformed, double phi,
        double tau2, boolean adjusted, List<Point> points, List<FunnelUnit> excluded,
        Optional<FunnelRatioMethod> ratioMethod) {

    public FunnelResult {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(ratioMethod, "ratioMethod");
        if (tau2 < 0 || Double.isNaN(tau2)) {
            throw new IllegalArgumentException("tau2 must be a non-negative number: " + tau2);
        }
        if (adjusted && !(phi > 1)) {
            throw new IllegalArgumentException("limits are adjusted only when phi > 1: " + phi);
        }
        if (ratioMethod.isPresent() != (measure == FunnelMeasure.RATIO)) {
            throw new IllegalArgumentException("a ratio method goes with a ratio funnel, and only there");
        }
        points = List.copyOf(points);
        excluded = List.copyOf(excluded);
    }

    /** τ² as the limits use it: the estimate when they are adjusted, else 0. */
    public double appliedTau2() {
        return adjusted ? tau2 : 0;
    }

    /** Whether the limits are exact Poisson limits (a ratio funnel without overdispersion). */
    public boolean exactPoisson() {
        return measure == FunnelMeasure.RATIO && !adjusted;
    }

    /**
     * The limits for a unit with this denominator (attendances, or expected events), as drawn by the
     * funnel's curves and used for the units' own flags.
     */
    public Limits limitsAt(double denominator, FunnelLevel level) {
        if (!(denominator > 0)) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        return FunnelPlot.limits(this, denominator, level);
    }

    /** As {@link #limitsAt(double, FunnelLevel)}, the level given by its z (1.959964 or 3.090232). */
    public Limits limitsAt(double denominator, double z) {
        return limitsAt(denominator, FunnelLevel.ofZ(z));
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

        /** HIGH above the upper limit, LOW below the lower, NONE on or between them. */
        public Outlier of(double value) {
            return value > upper ? Outlier.HIGH : value < lower ? Outlier.LOW : Outlier.NONE;
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
     *                    that φ is estimated from (−∞ for a SHMI ratio with no observed events)
     * @param limits95    95% limits
     * @param limits998   99.8% limits
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

        /** The label the chart gives this point: its organisation code. */
        public String label() {
            return unit.org();
        }
    }
}
