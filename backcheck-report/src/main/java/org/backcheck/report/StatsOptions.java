package org.backcheck.report;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The report's statistical options ({@code --benchmark}, {@code --target}, {@code --spc-baseline},
 * {@code --rebase}, {@code --funnel-ratio-method}) and the one check of each value, which both engines use
 * through {@link ReportOption}.
 *
 * @param benchmarkPer1000 a published (e.g. national) rate per 1,000 records, drawn on charts and compared in tables
 * @param targetPer1000    a target rate per 1,000 records, for the SPC assurance icon
 * @param spcBaseline      SPC limits fixed from the first N months of each segment (N ≥ 12)
 * @param rebase           months at which SPC limits are recalculated, in order
 * @param ratioMethod      how the commissioners' ratio funnel estimates overdispersion
 */
public record StatsOptions(OptionalDouble benchmarkPer1000, OptionalDouble targetPer1000, OptionalInt spcBaseline,
                           List<YearMonth> rebase, FunnelRatioMethod ratioMethod) {

    /** No comparator, no target, limits from every month, no rebasing, SHMI ratios (FunnelPlotR's default). */
    public static final StatsOptions DEFAULT = new StatsOptions(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalInt.empty(), List.of(), FunnelRatioMethod.SHMI);

    public StatsOptions {
        Objects.requireNonNull(benchmarkPer1000, "benchmarkPer1000");
        Objects.requireNonNull(targetPer1000, "targetPer1000");
        Objects.requireNonNull(spcBaseline, "spcBaseline");
        Objects.requireNonNull(ratioMethod, "ratioMethod");
        rebase = rebase.stream().sorted().distinct().toList();
    }

    /** The SPC settings these options give, lower being better. */
    public SpcSettings spc() {
        return new SpcSettings(spcBaseline, rebase.stream().map(YearMonth::toString).toList(), targetPer1000,
                SpcResult.Direction.LOW);
    }

    /**
     * A rate per 1,000 records: a number from 0 to 1,000.
     *
     * @throws IllegalArgumentException naming the option and what it takes
     */
    public static double rate(String option, String value) {
        try {
            double v = Double.parseDouble(value == null ? "" : value.trim());
            if (Double.isFinite(v) && v >= 0 && v <= 1000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + " takes a rate per 1,000 records, a number from 0 to 1000 such as"
                + " 12.5, not '" + value + "'");
    }

    /** The number of baseline months: a whole number of at least {@link SpcSettings#MIN_BASELINE}. */
    public static int baseline(String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= SpcSettings.MIN_BASELINE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--spc-baseline takes a whole number of months, at least "
                + SpcSettings.MIN_BASELINE + " (as NHSRplotthedots requires for fixed limits), not '" + value + "'");
    }

    /** A rebase month, {@code YYYY-MM}. */
    public static YearMonth month(String value) {
        try {
            return YearMonth.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--rebase takes a month as YYYY-MM, such as 2024-07, not '" + value + "'");
        }
    }

    /** The options from a request's values. */
    static StatsOptions of(ReportRequest r) {
        return new StatsOptions(
                r.value(ReportOption.BENCHMARK).stream().mapToDouble(v -> rate(ReportOption.BENCHMARK.optionName(), v)).findFirst(),
                r.value(ReportOption.TARGET).stream().mapToDouble(v -> rate(ReportOption.TARGET.optionName(), v)).findFirst(),
                r.value(ReportOption.SPC_BASELINE).stream().mapToInt(StatsOptions::baseline).findFirst(),
                r.values(ReportOption.REBASE).stream().map(StatsOptions::month).toList(),
                r.value(ReportOption.FUNNEL_RATIO_METHOD).map(FunnelRatioMethod::parse).orElse(FunnelRatioMethod.SHMI));
    }
}
