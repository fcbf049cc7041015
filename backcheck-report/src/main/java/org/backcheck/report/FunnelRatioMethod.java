package org.backcheck.report;

import java.util.Locale;

/**
 * How a funnel of indirectly standardised ratios estimates overdispersion, as FunnelPlotR 0.6.0
 * offers it ({@code sr_method} in {@code R/funnel_plot.R}, transforms in {@code R/od_adjustment.R},
 * limits in {@code R/calculate_limits.R}; github.com/nhs-r-community/FunnelPlotR at commit
 * 9020d4972873d863e10b8a16555975f0e322adfc, version 0.6.0).
 */
public enum FunnelRatioMethod {
    /**
     * FunnelPlotR's default, after NHS England's SHMI: the log scale (y = ln(O/E), s = 1/√E, with E
     * rounded to 2 decimals first), the top and bottom 10% of z-scores by rank left out (trimmed) before φ
     * and τ² are estimated, and limits exp(±z·√(1/E + τ²)).
     */
    SHMI,
    /**
     * The Care Quality Commission's variant as FunnelPlotR codes it: the square-root scale (y = √(O/E),
     * s = 1/(2√E), target 1), z-scores Winsorised 10% at each end, and limits 1 ± z·√(s² + τ²) on the
     * ratio scale (FunnelPlotR does not square them back).
     */
    CQC;

    /** The option's value as typed: {@code shmi} or {@code cqc}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The method named {@code value} ({@code shmi} or {@code cqc}, any case).
     *
     * @throws IllegalArgumentException naming the values it takes
     */
    public static FunnelRatioMethod parse(String value) {
        if (value != null) {
            for (FunnelRatioMethod m : values()) {
                if (m.id().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("--funnel-ratio-method takes shmi (FunnelPlotR's default: trimmed log-scale"
                + " z-scores) or cqc (Winsorised square-root scale), not '" + value + "'");
    }
}
