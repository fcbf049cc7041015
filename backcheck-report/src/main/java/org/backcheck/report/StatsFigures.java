package org.backcheck.report;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The report's comparators and SPC context, beside its funnel and SPC results: the extract's pooled rate
 * (every chart and table compares with it), the benchmark when one was given, and the months left out of
 * the whole-extract chart.
 *
 * @param options           the statistical options the report was made with
 * @param pooledPer1000     counted imaging per 1,000 records over the whole extract; NaN with no records
 * @param monthlyHidden     months left out of the whole-extract SPC chart under disclosure control
 */
public record StatsFigures(StatsOptions options, double pooledPer1000, List<String> monthlyHidden) {

    public StatsFigures {
        Objects.requireNonNull(options, "options");
        monthlyHidden = List.copyOf(monthlyHidden);
    }

    /** The benchmark rate per 1,000 records, when given. */
    public OptionalDouble benchmarkPer1000() {
        return options.benchmarkPer1000();
    }

    /** The target rate per 1,000 records, when given. */
    public OptionalDouble targetPer1000() {
        return options.targetPer1000();
    }
}
