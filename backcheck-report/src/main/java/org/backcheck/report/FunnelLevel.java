package org.backcheck.report;

/**
 * The two control limits a funnel draws, as FunnelPlotR 0.6.0 does ({@code R/calculate_limits.R}):
 * the two-sided normal quantile of each, and the tail probability its exact Poisson limits use.
 */
public enum FunnelLevel {
    /** 95%: z 1.959964; exact Poisson tail 0.025. */
    P95(1.959964, 0.025, "95%"),
    /** 99.8%: z 3.090232; exact Poisson tail 0.001. */
    P998(3.090232, 0.001, "99.8%");

    private final double z;
    private final double tail;
    private final String label;

    FunnelLevel(double z, double tail, String label) {
        this.z = z;
        this.tail = tail;
        this.label = label;
    }

    public double z() {
        return z;
    }

    /** Probability in each tail, for exact Poisson limits. */
    public double tail() {
        return tail;
    }

    /** As a chart labels it, e.g. {@code 99.8%}. */
    public String label() {
        return label;
    }

    /** The level whose z is {@code z} (1.959964 or 3.090232). */
    static FunnelLevel ofZ(double z) {
        for (FunnelLevel l : values()) {
            if (l.z == z) {
                return l;
            }
        }
        throw new IllegalArgumentException("funnel limits are drawn at z 1.959964 or 3.090232, not " + z);
    }
}
