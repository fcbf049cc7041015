package org.backcheck.report;

/**
 * What a funnel plot compares, which fixes its target: a proportion against the pooled proportion,
 * or an indirectly standardised ratio against 1. The transform and standard error of each (and of a
 * ratio, by its {@link FunnelRatioMethod}) are in {@link FunnelPlot}.
 */
public enum FunnelMeasure {
    /** A proportion p = numerator / attendances, on the arcsine square-root scale. */
    PROPORTION,
    /** An indirectly standardised ratio O / E. */
    RATIO
}
