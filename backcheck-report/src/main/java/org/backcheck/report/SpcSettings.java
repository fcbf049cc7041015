package org.backcheck.report;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How an XmR chart is set up, as NHSRplotthedots 0.2.2's {@code ptd_spc} options name them
 * ({@code R/ptd_spc_options.R}).
 *
 * @param baseline  {@code fix_after_n_points}: the limits of each segment come from its first N points
 *                  (at least 12, as the package requires); empty to use every point
 * @param rebase    {@code rebase}: labels (months, {@code YYYY-MM}) at which new limits start; a label missing
 *                  from the chart starts them at the next point after it
 * @param target    a target value for the assurance icon; empty for none
 * @param better    the improvement direction: {@link SpcResult.Direction#LOW} for "lower is better"
 */
public record SpcSettings(OptionalInt baseline, List<String> rebase, OptionalDouble target, SpcResult.Direction better) {

    /** The fewest points NHSRplotthedots accepts for {@code fix_after_n_points}. */
    public static final int MIN_BASELINE = 12;

    /** Limits from every point, no rebasing, no target, lower is better. */
    public static final SpcSettings STANDARD = new SpcSettings(OptionalInt.empty(), List.of(), OptionalDouble.empty(),
            SpcResult.Direction.LOW);

    public SpcSettings {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(better, "better");
        rebase = List.copyOf(rebase);
        if (baseline.isPresent() && baseline.getAsInt() < MIN_BASELINE) {
            throw new IllegalArgumentException("a fixed baseline needs at least " + MIN_BASELINE + " points: " + baseline.getAsInt());
        }
        if (target.isPresent() && !Double.isFinite(target.getAsDouble())) {
            throw new IllegalArgumentException("target must be finite: " + target.getAsDouble());
        }
    }

    /** Whether a new segment starts at a point labelled {@code label}, the previous point being {@code previous}. */
    boolean rebasesBetween(String previous, String label) {
        return rebase.stream().anyMatch(r -> r.compareTo(previous) > 0 && r.compareTo(label) <= 0);
    }
}
