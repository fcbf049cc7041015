package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Making Data Count reading of an XmR chart, as NHSRplotthedots 0.2.2 makes it: each point's one
 * special cause ({@code ptd_special_cause_type} in {@code R/ptd_calculate_point_type.R}), its variation
 * judged by the improvement direction ({@code ptd_point_type}), and the chart's assurance against a
 * target ({@code R/ptd_calculate_assurance_type.R}).
 *
 * <p>A point can be part of several signals; the package names one, in this order: outside the limits
 * (high or low by its side of the mean), part of a trend (rising or falling: the step to the next point
 * when that point is in the trend too, else the step from the previous point), 2 of 3 close to a limit,
 * then 7 on one side of the mean. A high cause is improvement when higher is better and concern when lower
 * is better, and the other way round for a low cause.
 *
 * <p>Assurance, from the current (last segment's) limits: when lower is better, a target above the upper
 * limit is consistently passed, one below the lower limit consistently failed, and one between them is hit
 * and miss; the other way round when higher is better.
 */
final class SpcSpecialCause {

    private SpcSpecialCause() {
    }

    /** The one special cause of each point of a segment, from the signals found in it. */
    static List<Optional<SpcResult.Signal>> of(double[] x, List<Set<SpcResult.Signal>> signals) {
        int n = x.length;
        boolean[] trend = new boolean[n];
        for (int i = 0; i < n; i++) {
            trend[i] = has(signals.get(i), SpcResult.Rule.TREND).isPresent();
        }
        List<Optional<SpcResult.Signal>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Set<SpcResult.Signal> s = signals.get(i);
            Optional<SpcResult.Signal> cause = has(s, SpcResult.Rule.OUTSIDE_LIMITS);
            if (cause.isEmpty() && trend[i]) {
                double step = i + 1 < n && trend[i + 1] ? x[i + 1] - x[i] : i > 0 ? x[i] - x[i - 1] : 0;
                cause = Optional.of(new SpcResult.Signal(SpcResult.Rule.TREND,
                        step > 0 ? SpcResult.Direction.HIGH : SpcResult.Direction.LOW));
            }
            if (cause.isEmpty()) {
                cause = has(s, SpcResult.Rule.TWO_OF_THREE);
            }
            if (cause.isEmpty()) {
                cause = has(s, SpcResult.Rule.SHIFT);
            }
            out.add(cause);
        }
        return out;
    }

    private static Optional<SpcResult.Signal> has(Set<SpcResult.Signal> signals, SpcResult.Rule rule) {
        return signals.stream().filter(s -> s.rule() == rule).findFirst();
    }

    static SpcResult.Variation variation(Optional<SpcResult.Signal> cause, SpcResult.Direction better) {
        return cause.map(c -> c.direction() == better ? SpcResult.Variation.IMPROVEMENT : SpcResult.Variation.CONCERN)
                .orElse(SpcResult.Variation.COMMON_CAUSE);
    }

    static SpcResult.Assurance assurance(double target, SpcResult.Lines lines, SpcResult.Direction better) {
        boolean lowerIsBetter = better == SpcResult.Direction.LOW;
        if (target > lines.upper()) {
            return lowerIsBetter ? SpcResult.Assurance.CONSISTENT_PASS : SpcResult.Assurance.CONSISTENT_FAIL;
        }
        if (target < lines.lower()) {
            return lowerIsBetter ? SpcResult.Assurance.CONSISTENT_FAIL : SpcResult.Assurance.CONSISTENT_PASS;
        }
        return SpcResult.Assurance.HIT_AND_MISS;
    }
}
