package org.backcheck.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An XmR chart's numbers: the centre line and limits (absent with fewer than two points, since no
 * moving range exists) and, per point, the special-cause signals it is part of.
 *
 * @param limits the chart lines, empty when there are fewer than 2 points
 * @param rows   one row per input point, in input order
 */
public record SpcResult(Optional<Lines> limits, List<Row> rows) {
    public SpcResult {
        Objects.requireNonNull(limits, "limits");
        rows = List.copyOf(rows);
    }

    /** Why a chart has no limits, for the report; empty when it has them. */
    public Optional<String> note() {
        return limits.isPresent() ? Optional.empty()
                : Optional.of("fewer than 2 points: no moving range, so no process limits or signals");
    }

    /** The special-cause rules of NHS England's "Making Data Count" guidance (2019). */
    public enum Rule {
        /** A point outside the process limits (mean ± 2.66 × MR̄). */
        OUTSIDE_LIMITS,
        /** Part of a run of 7 or more consecutive points on the same side of the mean. */
        SHIFT,
        /** Part of 7 or more consecutive points each strictly higher (or lower) than the one before. */
        TREND,
        /** Beyond a 2σ line, with at least one other of 3 consecutive points beyond the same line. */
        TWO_OF_THREE
    }

    /** Which way a signal points: above/rising or below/falling. */
    public enum Direction { HIGH, LOW }

    /** One rule firing in one direction at a point. */
    public record Signal(Rule rule, Direction direction) {
        public Signal {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(direction, "direction");
        }
    }

    /**
     * The chart lines.
     *
     * @param mean            centre line, the mean of all points
     * @param meanMovingRange MR̄, the mean of |x<sub>i</sub> − x<sub>i−1</sub>|; 0 for a constant series
     * @param lower           mean − 2.66 × MR̄
     * @param upper           mean + 2.66 × MR̄
     * @param lower2Sigma     mean − 1.773 × MR̄
     * @param upper2Sigma     mean + 1.773 × MR̄
     */
    public record Lines(double mean, double meanMovingRange, double lower, double upper,
            double lower2Sigma, double upper2Sigma) {
        public Lines {
            if (!(meanMovingRange >= 0) || !(lower <= lower2Sigma && lower2Sigma <= mean
                    && mean <= upper2Sigma && upper2Sigma <= upper)) {
                throw new IllegalArgumentException("chart lines out of order: " + lower + ", " + lower2Sigma
                        + ", " + mean + ", " + upper2Sigma + ", " + upper);
            }
        }
    }

    /**
     * One point on the chart.
     *
     * @param point       the input
     * @param movingRange |x<sub>i</sub> − x<sub>i−1</sub>|, empty for the first point
     * @param signals     every rule that fires at this point and its direction
     */
    public record Row(SpcPoint point, Optional<Double> movingRange, Set<Signal> signals) {
        public Row {
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(movingRange, "movingRange");
            signals = Set.copyOf(signals);
        }

        /** The rules that fire here, whatever their direction. */
        public Set<Rule> rules() {
            return signals.isEmpty() ? Set.of()
                    : signals.stream().map(Signal::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        }

        /**
         * The single direction of this point's signals, or empty when it has none or they disagree
         * (possible: a falling trend can run while the points are still above the mean).
         */
        public Optional<Direction> direction() {
            Set<Direction> d = signals.stream().map(Signal::direction).collect(Collectors.toSet());
            return d.size() == 1 ? Optional.of(d.iterator().next()) : Optional.empty();
        }
    }
}
