package org.backcheck.report;

/**
 * What a funnel plot compares, which fixes its transform, its standard error and its target
 * (Spiegelhalter, "Funnel plots for comparing institutional performance", Statistics in Medicine, 2005:
 * the arcsine square-root transform for proportions and the log for standardised ratios, as the
 * FunnelPlotR package also documents them).
 * The transforms make the sampling distribution close to normal with a standard error that depends
 * only on the denominator, so that one z-score scale serves every unit.
 */
public enum FunnelMeasure {
    /**
     * A proportion p = numerator / attendances: y = asin(√p), s = 1 / (2√n). The arcsine is defined at
     * p = 0 and p = 1, so organisations with none or all of their attendances imaged need no special case.
     * The target is the pooled proportion Σnumerators / Σdenominators, transformed.
     */
    PROPORTION,
    /**
     * An indirectly standardised ratio O / E: y = ln(O/E), s = 1 / √E, target ln 1 = 0.
     */
    RATIO;

    double transform(double value) {
        return this == PROPORTION ? Math.asin(Math.sqrt(value)) : Math.log(value);
    }

    /**
     * Back to the natural scale. For proportions t is first clipped to [0, π/2], where sin² rises
     * monotonically from 0 to 1; beyond that range sin² would fold back and a wide limit would shrink.
     */
    double backTransform(double t) {
        return this == PROPORTION ? Math.pow(Math.sin(Math.min(Math.PI / 2, Math.max(0, t))), 2) : Math.exp(t);
    }

    double standardError(double denominator) {
        return this == PROPORTION ? 1 / (2 * Math.sqrt(denominator)) : 1 / Math.sqrt(denominator);
    }
}
