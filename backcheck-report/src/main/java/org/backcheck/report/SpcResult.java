package org.backcheck.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An XmR chart's numbers: the lines (per segment, when the chart is rebased) and, per point, the
 * special-cause signals it is part of, the one special cause NHSRplotthedots reports for it, and its
 * Making Data Count variation; with a target, the assurance.
 *
 * @param limits    the current lines: those of the last segment; empty when it has fewer than 2 points
 * @param rows      one row per input point, in input order
 * @param segments  the runs of points that share lines (one unless rebased), in order
 * @param assurance with a target, whether the process consistently passes, fails or hits and misses it
 * @param better    the improvement direction the variation and assurance are judged by
 */
public record SpcResult(Optional<Lines> limits, List<Row> rows, List<Segment> segments, Optional<Assurance> assurance,
                        Direction better) {
    public SpcResult {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(assurance, "assurance");
        Objects.requireNonNull(better, "better");
        rows = List.copyOf(rows);
        segments = List.copyOf(segments);
    }

    /** Why a chart has no limits, for the report; empty when it has them. */
    public Optional<String> note() {
        return limits.isPresent() ? Optional.empty()
                : Optional.of("fewer than 2 points: no moving range, so no process limits or signals");
    }

    /** The variation icon: the variation of the last point (NHSRplotthedots' {@code ptd_get_icons}). */
    public Variation variation() {
        return rows.isEmpty() ? Variation.COMMON_CAUSE : rows.get(rows.size() - 1).variation();
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

    /** The Making Data Count variation of a point, judged by the improvement direction. */
    public enum Variation { COMMON_CAUSE, IMPROVEMENT, CONCERN }

    /** The Making Data Count assurance against a target, from the current limits. */
    public enum Assurance { CONSISTENT_PASS, CONSISTENT_FAIL, HIT_AND_MISS }

    /** One rule firing in one direction at a point. */
    public record Signal(Rule rule, Direction direction) {
        public Signal {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(direction, "direction");
        }
    }

    /**
     * Points {@code first} to {@code first + size − 1} sharing one set of lines.
     *
     * @param lines     empty when the segment's baseline has fewer than 2 points
     * @param baseline  how many of its first points set the lines
     * @param rebased   whether it starts at a rebase (every segment but the first)
     */
    public record Segment(int first, int size, Optional<Lines> lines, int baseline, boolean rebased) {
        public Segment {
            Objects.requireNonNull(lines, "lines");
        }
    }

    /**
     * The chart lines.
     *
     * @param mean            centre line, the mean of the baseline points
     * @param meanMovingRange MR̄, the mean of the baseline's moving ranges after screening; 0 for a constant series
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
     * @param point        the input
     * @param movingRange  |x<sub>i</sub> − x<sub>i−1</sub>|, empty for the first point
     * @param signals      every rule that fires at this point and its direction
     * @param specialCause the one special cause NHSRplotthedots names for the point (outside the limits first,
     *                     then a trend, then 2 of 3, then a shift); empty for common cause
     * @param variation    the special cause judged by the improvement direction
     */
    public record Row(SpcPoint point, Optional<Double> movingRange, Set<Signal> signals, Optional<Signal> specialCause,
                      Variation variation) {
        public Row {
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(movingRange, "movingRange");
            Objects.requireNonNull(specialCause, "specialCause");
            Objects.requireNonNull(variation, "variation");
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
