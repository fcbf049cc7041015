package org.backcheck.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An XmR (individuals and moving range) chart with the special-cause rules of NHS England and NHS
 * Improvement's "Making Data Count" guidance (2019), computed as the nhs-r-community NHSRplotthedots
 * package computes them (version 0.2.2, github.com/nhs-r-community/NHSRplotthedots at tag 0.2.2, commit
 * 050b07d7eacc011767532732f69b8fd7d6a28fd3: {@code R/ptd_spc_standard.R}, {@code R/ptd_calculate_point_type.R},
 * {@code R/ptd_calculate_assurance_type.R}); our own code, checked against numbers the package's own code
 * gives ({@code SpcRulesTest}).
 *
 * <p>Segments: the points are split at each rebase ({@link SpcSettings#rebase()}), and every segment gets
 * lines of its own from its first {@link SpcSettings#baseline()} points (all its points when none is
 * set); the rules are applied within a segment, never across a rebase.
 *
 * <p>Lines: mean x̄ of the baseline points; MR̄ the mean of their moving ranges |x<sub>i</sub> − x<sub>i−1</sub>|
 * after screening, as NHSRplotthedots does by default: moving ranges of 3.267·MR̄ or more (the upper
 * limit of a moving-range chart) are one-off jumps, not routine variation, so they are dropped and MR̄
 * is taken again over the rest. Process limits x̄ ± 2.66·MR̄ (2.66 = 3/d₂, d₂ = 1.128 for ranges of two);
 * 2σ lines x̄ ± (2/3)·2.66·MR̄ (1.773·MR̄), two thirds of the way out.
 *
 * <p>Rules, as the package applies them:
 * <ul>
 *   <li>{@link SpcResult.Rule#OUTSIDE_LIMITS}: strictly above the upper or below the lower limit; a
 *       point on a limit is inside.</li>
 *   <li>{@link SpcResult.Rule#SHIFT}: 7 or more consecutive points strictly above (or strictly below) the
 *       mean; every point of the run is flagged. A point exactly on the mean is on neither side and
 *       breaks the run.</li>
 *   <li>{@link SpcResult.Rule#TREND}: 7 or more consecutive points, each strictly greater (or strictly
 *       smaller) than the one before, i.e. 6 successive rises; every point of the run is flagged.
 *       Two equal neighbours are neither a rise nor a fall, so a tie ends the trend.</li>
 *   <li>{@link SpcResult.Rule#TWO_OF_THREE}: within any 3 consecutive points that all lie on the same side
 *       of the mean, 2 or more are close to the limit, i.e. strictly beyond the 2σ line but not outside
 *       the process limits; the close points are flagged.</li>
 * </ul>
 * Each point's one special cause and its variation and the chart's assurance are {@link SpcSpecialCause}'s.
 * With fewer than 2 baseline points there is no moving range, so there are no limits and no signals. A
 * constant baseline has MR̄ = 0 (where NHSRplotthedots' screening leaves no moving range and no limits):
 * all lines equal the mean and nothing signals.
 */
public final class SpcChart {
    /** Process limit multiplier of the mean moving range. */
    public static final double LIMIT_FACTOR = 2.66;
    /** 2σ line multiplier of the mean moving range. */
    public static final double TWO_SIGMA_FACTOR = 2 * 2.66 / 3;
    /** Moving ranges of this many times MR̄ or more are screened out before the limits are set. */
    public static final double SCREEN_FACTOR = 3.267;
    /** Points needed for a shift or a trend. */
    public static final int RUN_LENGTH = 7;

    private SpcChart() {
    }

    /** Computes the chart with {@link SpcSettings#STANDARD}; the list order is the time order. */
    public static SpcResult of(List<SpcPoint> points) {
        return of(points, SpcSettings.STANDARD);
    }

    /** Computes the chart; the list order is the time order. */
    public static SpcResult of(List<SpcPoint> points, SpcSettings settings) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(settings, "settings");
        int n = points.size();
        double[] all = points.stream().mapToDouble(SpcPoint::value).toArray();
        List<Set<SpcResult.Signal>> signals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            signals.add(new HashSet<>());
        }
        List<SpcResult.Segment> segments = new ArrayList<>();
        List<Optional<SpcResult.Signal>> causes = new ArrayList<>(n);
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || settings.rebasesBetween(points.get(i - 1).label(), points.get(i).label())) {
                double[] x = Arrays.copyOfRange(all, start, i);
                int baseline = Math.min(x.length, settings.baseline().orElse(Integer.MAX_VALUE));
                Optional<SpcResult.Lines> lines = lines(Arrays.copyOf(x, baseline));
                List<Set<SpcResult.Signal>> here = signals.subList(start, i);
                lines.ifPresent(l -> {
                    outsideLimits(x, l, here);
                    shifts(x, l.mean(), here);
                    trends(x, here);
                    twoOfThree(x, l, here);
                });
                causes.addAll(SpcSpecialCause.of(x, here));
                segments.add(new SpcResult.Segment(start, x.length, lines, baseline, start > 0));
                start = i;
            }
        }
        List<SpcResult.Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Optional<Double> mr = i == 0 ? Optional.empty() : Optional.of(Math.abs(all[i] - all[i - 1]));
            rows.add(new SpcResult.Row(points.get(i), mr, signals.get(i), causes.get(i),
                    SpcSpecialCause.variation(causes.get(i), settings.better())));
        }
        Optional<SpcResult.Lines> current = segments.isEmpty() ? Optional.empty() : segments.get(segments.size() - 1).lines();
        Optional<SpcResult.Assurance> assurance = settings.target().isPresent()
                ? current.map(l -> SpcSpecialCause.assurance(settings.target().getAsDouble(), l, settings.better()))
                : Optional.empty();
        return new SpcResult(current, rows, segments, assurance, settings.better());
    }

    /** The lines from baseline points; empty with fewer than 2. */
    static Optional<SpcResult.Lines> lines(double[] x) {
        int n = x.length;
        if (n < 2) {
            return Optional.empty();
        }
        double mrSum = 0;
        for (int i = 1; i < n; i++) {
            mrSum += Math.abs(x[i] - x[i - 1]);
        }
        double mrBar = screened(x, mrSum / (n - 1));
        double mean = mrBar == 0 ? x[0] : mean(x);
        return Optional.of(new SpcResult.Lines(mean, mrBar, mean - LIMIT_FACTOR * mrBar,
                mean + LIMIT_FACTOR * mrBar, mean - TWO_SIGMA_FACTOR * mrBar, mean + TWO_SIGMA_FACTOR * mrBar));
    }

    /** MR̄ over the moving ranges below {@link #SCREEN_FACTOR}·MR̄; MR̄ itself when none are (all zero). */
    private static double screened(double[] x, double mrBar) {
        double sum = 0;
        int kept = 0;
        for (int i = 1; i < x.length; i++) {
            double mr = Math.abs(x[i] - x[i - 1]);
            if (mr < SCREEN_FACTOR * mrBar) {
                sum += mr;
                kept++;
            }
        }
        return kept == 0 ? mrBar : sum / kept;
    }

    /** The mean in two passes, as R's {@code mean} refines its sum, so that rounding moves it as little as can be. */
    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double m = sum / x.length;
        double correction = 0;
        for (double v : x) {
            correction += v - m;
        }
        return m + correction / x.length;
    }

    private static void outsideLimits(double[] x, SpcResult.Lines l, List<Set<SpcResult.Signal>> out) {
        for (int i = 0; i < x.length; i++) {
            int side = x[i] > l.upper() ? 1 : x[i] < l.lower() ? -1 : 0;
            if (side != 0) {
                out.get(i).add(signal(SpcResult.Rule.OUTSIDE_LIMITS, side));
            }
        }
    }

    /** Side of the mean: +1 above, −1 below, 0 on it (which belongs to no run). */
    private static void shifts(double[] x, double mean, List<Set<SpcResult.Signal>> out) {
        int[] side = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            side[i] = x[i] > mean ? 1 : x[i] < mean ? -1 : 0;
        }
        flagRuns(side, 0, SpcResult.Rule.SHIFT, out);
    }

    /** Step into each point: +1 rise, −1 fall, 0 tie; a run of 6 equal non-zero steps spans 7 points. */
    private static void trends(double[] x, List<Set<SpcResult.Signal>> out) {
        if (x.length < 2) {
            return;
        }
        int[] step = new int[x.length - 1];
        for (int i = 1; i < x.length; i++) {
            step[i - 1] = x[i] > x[i - 1] ? 1 : x[i] < x[i - 1] ? -1 : 0;
        }
        flagRuns(step, 1, SpcResult.Rule.TREND, out);
    }

    /**
     * Flags maximal runs of equal non-zero codes whose span covers at least {@link #RUN_LENGTH} points.
     * {@code extra} is how many more points a run of codes covers than it has codes (steps sit between
     * points, so 6 steps cover 7 points); code index j covers points j .. j + extra.
     */
    private static void flagRuns(int[] code, int extra, SpcResult.Rule rule, List<Set<SpcResult.Signal>> out) {
        int start = 0;
        for (int i = 1; i <= code.length; i++) {
            if (i == code.length || code[i] != code[start]) {
                if (code[start] != 0 && i - start + extra >= RUN_LENGTH) {
                    for (int p = start; p < i + extra; p++) {
                        out.get(p).add(signal(rule, code[start]));
                    }
                }
                start = i;
            }
        }
    }

    private static void twoOfThree(double[] x, SpcResult.Lines l, List<Set<SpcResult.Signal>> out) {
        for (int side : new int[] {1, -1}) {
            for (int end = 2; end < x.length; end++) {
                int close = 0;
                boolean sameSide = true;
                for (int i = end - 2; i <= end; i++) {
                    close += closeToLimit(x[i], l, side) ? 1 : 0;
                    sameSide &= side > 0 ? x[i] > l.mean() : x[i] < l.mean();
                }
                if (close >= 2 && sameSide) {
                    for (int i = end - 2; i <= end; i++) {
                        if (closeToLimit(x[i], l, side)) {
                            out.get(i).add(signal(SpcResult.Rule.TWO_OF_THREE, side));
                        }
                    }
                }
            }
        }
    }

    /** Beyond the 2σ line on this side, but not outside the process limit. */
    private static boolean closeToLimit(double v, SpcResult.Lines l, int side) {
        return side > 0 ? v > l.upper2Sigma() && v <= l.upper() : v < l.lower2Sigma() && v >= l.lower();
    }

    private static SpcResult.Signal signal(SpcResult.Rule rule, int side) {
        return new SpcResult.Signal(rule, side > 0 ? SpcResult.Direction.HIGH : SpcResult.Direction.LOW);
    }
}
