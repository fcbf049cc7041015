package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report's words about its statistics: the method notes on the funnel plots, the SPC charts and the
 * comparators, and the caption of the whole-extract SPC chart. Each note says which method was used
 * (they depend on the options and on the data: φ decides whether limits are widened).
 */
final class StatsNotes {

    private StatsNotes() {
    }

    static List<String> methods(ImagingReport r) {
        List<String> out = new ArrayList<>();
        StatsOptions o = r.stats().options();
        out.add("Funnel plots are computed as FunnelPlotR 0.6.0 computes them with its defaults [FUNNELPLOTR,"
                + " SPIEGELHALTER-2005]: proportions on the arcsine square-root scale (standard error 1/(2√n)), with z-scores"
                + " Winsorised 10% at each end before the overdispersion φ (the mean squared z-score) is estimated; limits at z"
                + " 1.959964 (95%) and 3.090232 (99.8%). A between-unit variance τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)),"
                + " w = 1/s², widens the limits only when φ > 1; otherwise the limits are not widened."
                + r.providerFunnel().map(f -> " Providers: φ = " + Shown.plain(f.phi(), 2) + (f.adjusted()
                        ? ", limits widened." : ", limits not widened.")).orElse(""));
        if (r.population().isPresent()) {
            out.add("The commissioners' funnel of observed / expected ratios uses FunnelPlotR's " + o.ratioMethod().id().toUpperCase(
                    java.util.Locale.ROOT) + " method (--funnel-ratio-method): " + (o.ratioMethod() == FunnelRatioMethod.SHMI
                    ? "log scale (s = 1/√E, E rounded to 2 decimals), the top and bottom 10% of z-scores by rank left out"
                            + " (trimmed) before φ and τ² are estimated, limits exp(±z·√(1/E + τ²))"
                    : "square-root scale (s = 1/(2√E)), z-scores Winsorised 10% at each end, limits 1 ± z·√(s² + τ²) on the"
                            + " ratio scale as FunnelPlotR draws them") + ". Without overdispersion (φ ≤ 1) the limits are exact"
                    + " Poisson limits, χ²-quantiles divided by 2E." + r.commissionerFunnel().map(f -> " Here φ = "
                    + Shown.plain(f.phi(), 2) + (f.exactPoisson() ? ": exact Poisson limits." : ": limits widened.")).orElse(""));
        }
        out.add("Funnel x axes are logarithmic, so that small and large organisations spread out; organisations outside the 95%"
                + " or 99.8% limits are labelled with their code.");
        out.add("SPC follows Making Data Count as NHSRplotthedots 0.2.2 applies it [MDC, PLOTTHEDOTS], on the monthly rate of"
                + " counted imaging per 1,000 records: an XmR chart (individuals and moving range) of the rate. An XmR chart is"
                + " what NHSRplotthedots draws and what Making Data Count recommends for most NHS measures; its limits come from"
                + " the month-to-month variation actually seen, which also absorbs the modest changes in monthly records (a"
                + " p′-chart would be the alternative when denominators vary a lot; it is not used, so that the charts match"
                + " NHSRplotthedots). Limits at the mean ± 2.66 × the mean moving range, where moving ranges of 3.267 × the"
                + " mean or more are left out of that mean. Special cause: a point outside the limits; 7 or more points rising"
                + " or falling; 2 of 3 points in a row on the same side of the mean beyond 2 sigma (1.773 × the mean moving"
                + " range) but inside the limit; 7 or more points in a row on one side of the mean. A point in several signals"
                + " is named by the first of these. Improvement direction: lower is better, so special cause below the mean or"
                + " falling is improving (blue) and above or rising is concerning (orange). The variation icon is that of the"
                + " latest month; with --target the assurance icon says whether the target lies beyond the upper limit"
                + " (consistently passed), below the lower limit (consistently failed) or between them (hit and miss).");
        StringBuilder limits = new StringBuilder("SPC limits are computed from ");
        limits.append(o.spcBaseline().isPresent() ? "the first " + o.spcBaseline().getAsInt() + " months (--spc-baseline) of each"
                + " chart, or of each stretch after a rebase, and held fixed after them" : "every month charted");
        limits.append(o.rebase().isEmpty() ? "." : "; they are recalculated from " + o.rebase().stream().map(Object::toString)
                .collect(Collectors.joining(", ")) + " (--rebase; marked on the charts; a month missing from a chart starts the"
                + " new limits at the next month charted), and the rules are applied within each stretch.");
        limits.append(" Months are those with records; a month missing from the extract is not plotted as zero, and the"
                + " points either side are joined.");
        out.add(limits.toString());
        out.add("Comparators: every chart and table with rates shows the extract's pooled rate (counted imaging per 1,000 of all"
                + " records)." + (o.benchmarkPer1000().isPresent() ? " The benchmark given with --benchmark, "
                + Shown.plain(o.benchmarkPer1000().getAsDouble(), 2) + " per 1,000 records, is a line on the rate charts and a"
                + " column (rate minus benchmark) in the tables; aggregates.json gives both under \"comparators\"; in"
                + " aggregates.csv the pooled rate is the total row's counted_per_1000_records." : " A published rate can be"
                + " added with --benchmark RATE."));
        out.add("Disclosure control of the SPC charts: rates are computed from the published (rounded) counts, and a month whose rate the tables"
                + " would show as * (1 to 7 counted, or 1 to 7 records not counted) is left out of that chart altogether, so"
                + " that neither the points nor the limits depend on it; the months left out are listed under each chart. A"
                + " chart prints no counts, and its rates are the ones the tables publish.");
        return out;
    }

    /** The whole-extract chart's caption. */
    static String caption(SpcResult c, List<String> hidden) {
        StringBuilder b = new StringBuilder("XmR chart of counted imaging per 1,000 records by month. The dashed lines are the"
                + " process limits (mean ± 2.66 × mean moving range); the reference lines are the extract's pooled rate and,"
                + " when given, the benchmark and target. Points coloured blue are special cause improving (lower), orange"
                + " special cause concerning (higher). The icon at the top right is the Making Data Count variation of the"
                + " latest month");
        b.append(c.assurance().isPresent() ? ", with the assurance against the target beside it." : ".");
        c.note().ifPresent(n -> b.append(' ').append(n));
        if (!hidden.isEmpty()) {
            b.append(" Not charted under disclosure control (rate shown as *): ").append(String.join(", ", hidden)).append('.');
        }
        return b.toString();
    }
}
