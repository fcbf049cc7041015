package org.backcheck.report;

import static org.backcheck.report.ReportHtml.esc;
import static org.backcheck.report.ReportHtml.grouped;
import static org.backcheck.report.ReportHtml.num;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report's sections on organisations: the providers' funnel plot, league table and monthly
 * charts, and the commissioners with their rates per head. Writes into the page {@link ReportHtml}
 * is building, under the same disclosure policy.
 */
final class OrganisationsHtml {

    private final ImagingReport r;
    private final Shown shown;
    private final StringBuilder h;
    private final Comparators comparators;

    OrganisationsHtml(ImagingReport r, Shown shown, StringBuilder h) {
        this.r = r;
        this.shown = shown;
        this.h = h;
        this.comparators = new Comparators(r, shown);
    }

    /** The headings of {@link #rateCells}. */
    static final String RATE_HEADINGS = "<th scope=\"col\">Person-years</th><th scope=\"col\">Counted in the period</th>"
            + "<th scope=\"col\">Expected</th><th scope=\"col\">Observed / expected</th>"
            + "<th scope=\"col\">Per 100,000 per year</th><th scope=\"col\">Funnel 99.8%</th>";

    void providerFunnel() {
        h.append("<section id=\"provider-funnel\"><h2>Providers compared: funnel plot</h2>");
        if (r.providerFunnel().isEmpty()) {
            h.append("<p>No funnel plot: the extract has no Der_Provider_Code column, or no provider has records.</p></section>\n");
            return;
        }
        FunnelResult f = r.providerFunnel().get();
        List<String> hidden = new ArrayList<>();
        f.points().stream().filter(this::hiddenProvider).forEach(p -> hidden.add(r.label(p.unit().org())));
        String svg = FunnelChart.svg("funnel-providers", f, 1000, "Counted imaging per 1,000 records by provider",
                "Outpatient records in the extract", "Counted per 1,000 records",
                this::hiddenProvider, p -> providerHover(p), comparators.benchmarkLines(), p -> r.chartLabel(p.unit().org()), shown);
        h.append("<figure>").append(svg).append("<figcaption>Each point is a provider: its counted imaging per 1,000 outpatient"
                + " records against its number of records. The target is the rate of all providers together (")
                .append(Shown.plain(f.target() * 1000, 2)).append(" per 1,000). A provider outside the 99.8% limits differs"
                        + " from the rest by more than chance and the usual spread between providers would explain."
                        + " Providers outside the 95% or 99.8% limits are labelled. The records axis is logarithmic, so that"
                        + " small and large providers are spread out evenly rather than crowded at one end.")
                .append(r.stats().benchmarkPer1000().isPresent() ? " The benchmark line is "
                        + Shown.plain(r.stats().benchmarkPer1000().getAsDouble(), 2) + " per 1,000." : "")
                .append(overdispersion(f)).append("</figcaption></figure>");
        if (!hidden.isEmpty()) {
            h.append("<p class=\"small\" id=\"funnel-suppressed\">Not drawn under disclosure control (1 to 7 counted,"
                    + " records, or records not counted): ").append(esc(String.join(", ", hidden))).append(".</p>");
        }
        h.append("</section>\n");
    }

    boolean hiddenProvider(FunnelResult.Point p) {
        return shown.suppressesProportion(p.unit().numerator(), Math.round(p.unit().denominator()));
    }

    String providerHover(FunnelResult.Point p) {
        long counted = p.unit().numerator();
        long rows = Math.round(p.unit().denominator());
        return r.label(p.unit().org()) + ": " + grouped(shown.count(counted)) + " counted of " + grouped(shown.count(rows)) + " records, "
                + shown.rate(counted, rows, 1000, 2) + " per 1,000; 95% limits " + range(p.limits95(), 1000)
                + ", 99.8% limits " + range(p.limits998(), 1000) + "; " + outlierText(p);
    }

    /** Limits to 1 decimal place: enough to read, too coarse to recover the exact denominator from. */
    private static String range(FunnelResult.Limits l, double scale) {
        return Shown.plain(l.lower() * scale, 1) + " to " + Shown.plain(l.upper() * scale, 1);
    }

    private static String outlierText(FunnelResult.Point p) {
        if (p.outlier998() != FunnelResult.Outlier.NONE) {
            return "outside the 99.8% limits (" + p.outlier998().name().toLowerCase(Locale.ROOT) + ")";
        }
        if (p.outlier95() != FunnelResult.Outlier.NONE) {
            return "outside the 95% limits (" + p.outlier95().name().toLowerCase(Locale.ROOT) + ")";
        }
        return "within the limits";
    }

    static String overdispersion(FunnelResult f) {
        String method = f.ratioMethod().map(m -> m == FunnelRatioMethod.SHMI
                ? " Overdispersion by FunnelPlotR's SHMI method (the top and bottom 10% of z-scores by rank left out)."
                : " Overdispersion by FunnelPlotR's CQC method (z-scores on the square-root scale, Winsorised 10% at each end).")
                .orElse(" Overdispersion from z-scores Winsorised 10% at each end, as FunnelPlotR does for proportions.");
        String limits = f.exactPoisson() ? " exact Poisson limits are drawn." : " the limits are not widened.";
        if (Double.isNaN(f.phi())) {
            return method + " Too few organisations to estimate it, so" + limits;
        }
        return method + (f.adjusted()
                ? " The organisations vary more than chance alone would make them (φ = " + Shown.plain(f.phi(), 2) + " > 1), so"
                        + " the limits are widened by a between-organisation variance τ² = " + Shown.plain(f.tau2(), 6) + "."
                : " The organisations vary no more than chance would make them (φ = " + Shown.plain(f.phi(), 2)
                        + " ≤ 1), so, as FunnelPlotR does," + limits);
    }

    void leagueTable() {
        if (r.providers().isEmpty()) {
            return;
        }
        Map<String, SpcResult> charts = new TreeMap<>();
        r.providerSpc().forEach(p -> charts.put(p.provider(), p.chart()));
        List<ImagingReport.Organisation> sorted = new ArrayList<>(r.providers());
        // Providers whose rate is not shown go last, in code order: sorting them by their exact rate would show it.
        sorted.sort(Comparator.comparing((ImagingReport.Organisation o) -> hiddenRate(o) ? 1 : 0)
                .thenComparing(Comparator.comparingDouble((ImagingReport.Organisation o) -> hiddenRate(o) || o.counts().rows() == 0
                        ? 0 : (double) o.counts().counted() / o.counts().rows()).reversed())
                .thenComparing(ImagingReport.Organisation::code));
        h.append("<section id=\"league-table\"><h2>Providers: league table</h2><table class=\"data\"><caption>Providers"
                + " by counted imaging per 1,000 records, highest first (providers whose rate is not shown come last)."
                + " Read it with the funnel plot: a place in the table alone says little about a small provider."
                + esc(comparators.caption())
                + "</caption><thead><tr><th scope=\"col\">Provider</th><th scope=\"col\">Records</th><th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th>"
                + "<th scope=\"col\">Per 1,000</th><th scope=\"col\">Funnel 95%</th><th scope=\"col\">Funnel 99.8%</th>"
                + "<th scope=\"col\">Latest month (SPC)</th>" + comparators.header() + "</tr></thead><tbody>");
        for (ImagingReport.Organisation o : sorted) {
            StatusCounts c = o.counts();
            boolean hide = hiddenRate(o);
            String f95 = o.funnel().map(p -> hide ? "*" : flag(p.outlier95())).orElse("–");
            String f998 = o.funnel().map(p -> hide ? "*" : flag(p.outlier998())).orElse("–");
            SpcResult chart = charts.get(o.code());
            String latest = chart == null ? Optional.ofNullable(r.notCharted().get(o.code())).map(w -> "not charted").orElse("–")
                    : latestSignal(chart);
            h.append("<tr").append(o.funnel().filter(p -> !hide && p.outlier998() != FunnelResult.Outlier.NONE).isPresent()
                    ? " class=\"outlier\"" : "").append("><th scope=\"row\">").append(esc(r.label(o.code()))).append("</th>")
                    .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())))
                    .append(num(shown.rate(c.counted(), c.rows(), 1000, 2))).append("<td>").append(esc(f95)).append("</td><td>")
                    .append(esc(f998)).append("</td><td>").append(esc(latest)).append("</td>")
                    .append(comparators.cell(c.counted(), c.rows())).append("</tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    /** The six cells of a commissioner's (or ICB's) rate per head, or one saying why it has none. */
    void rateCells(ImagingReport.Organisation o) {
        if (o.rate().isPresent()) {
            ImagingReport.PopulationRate x = o.rate().get();
            boolean hide = shown.suppresses(x.observed(), 0);
            h.append(num(Shown.plain(x.personYears(), 0))).append(num(shown.count(x.observed())))
                    .append(num(Shown.plain(x.expected(), 1)))
                    .append(num(shown.derived(x.observedToExpected(), x.observed(), 3)))
                    .append(num(shown.derived(x.per100kPerYear(), x.observed(), 1)))
                    .append("<td>").append(esc(o.funnel().map(p -> hide ? "*" : flag(p.outlier998())).orElse("–"))).append("</td>");
        } else {
            h.append("<td colspan=\"6\" class=\"small\">").append(esc(o.noRate().orElse(""))).append("</td>");
        }
    }

    boolean hiddenRate(ImagingReport.Organisation o) {
        return shown.suppressesProportion(o.counts().counted(), o.counts().rows());
    }

    static String flag(FunnelResult.Outlier o) {
        return switch (o) {
            case HIGH -> "high";
            case LOW -> "low";
            case NONE -> "within";
        };
    }

    /** The chart's variation at its latest month, in words (the variation icon's meaning). */
    static String latestSignal(SpcResult chart) {
        if (chart.rows().isEmpty()) {
            return "–";
        }
        return switch (chart.variation()) {
            case COMMON_CAUSE -> "common cause";
            case IMPROVEMENT -> "special cause, improving";
            case CONCERN -> "special cause, concerning";
        };
    }

    void providerCharts() {
        if (r.providerSpc().isEmpty() && r.notCharted().isEmpty()) {
            return;
        }
        h.append("<section id=\"provider-spc\"><h2>Providers by month (SPC)</h2><p class=\"small\">One XmR chart per provider"
                + " of counted imaging per 1,000 records by month, on the same rules as the whole-extract chart, with the"
                + " extract's pooled rate as a reference line. Each chart has its own scale.").append(esc(comparators.pooledCaption()))
                .append("</p><div class=\"multiples\">");
        List<SpcChartSvg.Reference> lines = comparators.rateLines();
        for (ImagingReport.ProviderSpc p : r.providerSpc()) {
            h.append("<figure class=\"multiple\">").append(SpcChartSvg.svg(p.chart(), r.label(p.provider()),
                    "Counted per 1,000 records", true, lines)).append("<figcaption>").append(esc(r.label(p.provider())))
                    .append(": ").append(esc(latestSignal(p.chart()))).append(" in the latest month");
            if (!p.hiddenMonths().isEmpty()) {
                h.append("; not charted under disclosure control (rate shown as *): ").append(esc(String.join(", ", p.hiddenMonths())));
            }
            h.append("</figcaption></figure>");
        }
        h.append("</div>");
        if (!r.notCharted().isEmpty()) {
            Map<String, List<String>> byReason = new TreeMap<>();
            r.notCharted().forEach((org, why) -> byReason.computeIfAbsent(why, w -> new ArrayList<>()).add(r.label(org)));
            h.append("<p class=\"small\" id=\"not-charted\">Not charted: ").append(esc(byReason.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")").collect(Collectors.joining("; "))))
                    .append(".</p>");
        }
        h.append("</section>\n");
    }

    /** The hover text of a point on a ratio funnel (commissioners, ICBs). */
    String ratioHover(FunnelResult.Point p) {
        return r.label(p.unit().org()) + ": " + grouped(shown.count(p.unit().numerator())) + " counted in the period, "
                + Shown.plain(p.unit().denominator(), 1) + " expected, ratio "
                + shown.derived(p.value(), p.unit().numerator(), 3) + "; " + outlierText(p);
    }

    void commissioners() {
        if (r.commissioners().isEmpty()) {
            return;
        }
        h.append("<section id=\"commissioners\"><h2>Commissioners</h2>");
        Optional<ImagingReport.PopulationUse> pop = r.population();
        if (pop.isPresent()) {
            r.commissionerFunnel().ifPresent(f -> {
                List<String> hidden = new ArrayList<>();
                f.points().stream().filter(p -> shown.suppresses(p.unit().numerator(), 0))
                        .forEach(p -> hidden.add(r.label(p.unit().org())));
                String svg = FunnelChart.svg("funnel-commissioners", f, 1, "Counted imaging against the count expected from"
                        + " population, by commissioner", "Expected count (population × pooled rate)", "Observed / expected",
                        p -> {
                            return shown.suppresses(p.unit().numerator(), 0);
                        },
                        this::ratioHover, List.of(), p -> r.chartLabel(p.unit().org()), shown);
                h.append("<figure>").append(svg).append("<figcaption>Each point is a commissioner: counted imaging divided by the"
                        + " count expected if it had the pooled rate of all commissioners with a population (")
                        .append(Shown.plain(pop.get().pooledPer100k(), 1)).append(" per 100,000 person-years).")
                        .append(overdispersion(f)).append("</figcaption></figure>");
                if (!hidden.isEmpty()) {
                    h.append("<p class=\"small\">Not drawn under disclosure control (1 to 7 counted): ")
                            .append(esc(String.join(", ", hidden))).append(".</p>");
                }
            });
        } else {
            h.append("<p class=\"small\">For rates per 100,000 population and a funnel plot of commissioners, run again with"
                    + " --population FILE (CSV with org_code,year,population).</p>");
        }
        h.append("<table class=\"data\"><caption>By commissioner (Der_Commissioner_Code).").append(esc(comparators.pooledCaption()))
                .append(" The commissioners' own comparator is the pooled rate per head, the ratio funnel's target of 1.")
                .append("</caption><thead><tr>"
                + "<th scope=\"col\">Commissioner</th><th scope=\"col\">Records</th><th scope=\"col\">Counted</th>"
                + "<th scope=\"col\">Excluded</th>");
        if (pop.isPresent()) {
            h.append(RATE_HEADINGS);
        }
        h.append("</tr></thead><tbody>");
        for (ImagingReport.Organisation o : r.commissioners()) {
            StatusCounts c = o.counts();
            h.append("<tr><th scope=\"row\">").append(esc(r.label(o.code()))).append("</th>").append(num(shown.count(c.rows())))
                    .append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())));
            if (pop.isPresent()) {
                rateCells(o);
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        pop.ifPresent(p -> {
            if (!p.unusedOrgs().isEmpty()) {
                h.append("<p class=\"small\">In the population file but with no records in this extract (left out of the rates): ")
                        .append(esc(String.join(", ", p.unusedOrgs()))).append(".</p>");
            }
        });
        h.append("</section>\n");
    }
}
