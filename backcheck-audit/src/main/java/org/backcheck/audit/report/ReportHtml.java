package org.backcheck.audit.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.backcheck.audit.AuditSummary;
import org.backcheck.audit.AuditSummary.StatusCounts;

/**
 * {@code report.html}: one self-contained page (styles and charts inline, no scripts, no fonts or
 * images from elsewhere) that opens offline, prints on A4 and can be shared as it is. Every figure
 * goes through {@link Shown}, so it follows the report's disclosure policy.
 */
public final class ReportHtml {

    private final ImagingReport r;
    private final Shown shown;
    private final StringBuilder h = new StringBuilder(1 << 16);

    private ReportHtml(ImagingReport r) {
        this.r = r;
        this.shown = new Shown(r.disclosure());
    }

    public static String render(ImagingReport report) {
        return new ReportHtml(report).page();
    }

    private String page() {
        AuditSummary s = r.summary();
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(esc(r.title())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><p class=\"kicker\">Backcheck audit report · EBI measure ").append(esc(s.measure())).append("</p>");
        h.append("<h1>").append(esc(r.title())).append("</h1>");
        h.append("<p class=\"meta\">Extract <b>").append(esc(fileName(s.input()))).append("</b> · period <b>")
                .append(esc(r.period().label())).append("</b> · NULL policy <b>").append(esc(s.nullPolicy())).append("</b></p>");
        if (r.disclosure() == Disclosure.NONE) {
            h.append("<p class=\"banner danger\" id=\"no-disclosure-control\"><b>Not disclosure controlled.</b> Exact counts,"
                    + " including 1 to 7, are shown. For internal use only: do not publish or share outside the"
                    + " organisation. Run again without --no-disclosure-control for a report that can be shared.</p>");
        } else {
            h.append("<p class=\"banner ok\" id=\"disclosure-control\">Disclosure controlled (HES rules): 0 is shown as 0,"
                    + " 1 to 7 as *, other counts rounded to the nearest 5; rates and ratios built on 1 to 7 are shown as *."
                    + " Figures are rounded one by one, so rows and columns may not add up exactly.</p>");
        }
        if (r.sampleData()) {
            h.append("<p class=\"banner sample\" id=\"sample-data\"><b>Synthetic sample data.</b> Made up by"
                    + " <code>backcheck demo</code>; no real organisation or patient is described.</p>");
        }
        h.append("</header>\n<main>\n");
        headline();
        reconciliation();
        nullPolicy();
        providerFunnel();
        trend();
        leagueTable();
        providerCharts();
        commissioners();
        ageBands();
        methods();
        h.append("</main>\n<footer><p>Made by Backcheck from ").append(esc(fileName(s.input())))
                .append(". Row-level detail is in matches.csv and rejected.csv beside this file (exact, not for publication);"
                        + " these figures are in aggregates.csv and aggregates.json.</p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void headline() {
        AuditSummary s = r.summary();
        h.append("<section id=\"headline\"><h2>Headline figures</h2><div class=\"cards\">");
        card("Outpatient records", shown.count(s.rowsRead()), "every record in the extract, attended or not");
        card("Imaging counted by the measure", shown.count(s.counted()), "lumbar imaging not excluded");
        card("Counted per 1,000 records", shown.rate(s.counted(), s.rowsRead(), 1000, 2), "whole extract");
        card("Excluded", shown.count(s.excluded()), "cancer diagnosis or private patient");
        r.providerFunnel().ifPresent(f -> {
            List<FunnelResult.Point> drawn = f.points().stream().filter(p -> !hiddenProvider(p)).toList();
            long high = drawn.stream().filter(p -> p.outlier998() == FunnelResult.Outlier.HIGH).count();
            long low = drawn.stream().filter(p -> p.outlier998() == FunnelResult.Outlier.LOW).count();
            int hidden = f.points().size() - drawn.size();
            card("Providers outside 99.8% limits", high + " high · " + low + " low", "of " + drawn.size()
                    + (drawn.size() == 1 ? " provider shown" : " providers shown")
                    + (hidden > 0 ? "; " + hidden + " not shown (small numbers)" : ""));
        });
        r.monthlySpc().ifPresent(c -> {
            long special = c.rows().stream().filter(row -> !row.signals().isEmpty()).count();
            card("Months with special-cause variation", special + " of " + c.rows().size(), "whole extract, XmR rules");
        });
        h.append("</div></section>\n");
    }

    private void card(String label, String value, String note) {
        h.append("<div class=\"card\"><div class=\"value\">").append(esc(grouped(value))).append("</div><div class=\"label\">")
                .append(esc(label)).append("</div><div class=\"note\">").append(esc(note)).append("</div></div>");
    }

    private void reconciliation() {
        AuditSummary s = r.summary();
        h.append("<section id=\"reconciliation\"><h2>Every row accounted for</h2>");
        h.append("<table class=\"recon\"><caption>Rows read and what became of them</caption><tbody>");
        tr("Rows read (outpatient records)", shown.count(s.rowsRead()));
        tr("Counted (the measure selects the row and no exclusion applies)", shown.count(s.counted()));
        tr("Excluded (selected, then excluded)", shown.count(s.excluded()));
        s.excludedByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> tr("&nbsp;&nbsp;of which " + esc(e.getKey()) + " (a row may have both)", shown.count(e.getValue()), true));
        tr("Not selected by the measure", shown.count(s.unmatched()));
        tr("Rejected (unreadable; listed with the reason in rejected.csv)", shown.count(s.rejected()));
        h.append("</tbody></table>");
        h.append("<p>Rows read = counted + excluded + not selected + rejected. Backcheck checks this on exact counts before"
                + " writing anything. Blank lines skipped: ").append(grouped(shown.count(s.blankLinesSkipped()))).append(".");
        if (r.period().unknownMonthRows() > 0) {
            h.append(" Rows without a readable appointment date: ").append(grouped(shown.count(r.period().unknownMonthRows())))
                    .append(" (in every total, but in no month).");
        }
        if (r.period().outsideRows() > 0) {
            h.append(" Rows dated outside the period ").append(esc(r.period().label())).append(": ")
                    .append(grouped(shown.count(r.period().outsideRows()))).append(", in ")
                    .append(esc(String.join(", ", r.period().outsideMonths())))
                    .append(" (in every total, but not in the trend or the rates per head; set the period with --period).");
        }
        if (!r.period().emptyMonths().isEmpty()) {
            h.append(" Months inside the period with no records at all (probably missing from the extract): ")
                    .append(esc(String.join(", ", r.period().emptyMonths()))).append('.');
        }
        h.append("</p></section>\n");
    }

    private void tr(String label, String value) {
        tr(esc(label), value, true);
    }

    private void tr(String labelHtml, String value, boolean escapedLabel) {
        h.append("<tr><th scope=\"row\">").append(labelHtml).append("</th><td class=\"num\">").append(esc(grouped(value))).append("</td></tr>");
    }

    private void nullPolicy() {
        AuditSummary s = r.summary();
        h.append("<section id=\"null-policy\"><h2>Effect of missing values (NULL policy)</h2><p>This run used the <b>")
                .append(esc(s.nullPolicy())).append("</b> policy. ").append(grouped(shown.count(s.nullPolicySensitiveRows())))
                .append(" selected rows have a missing diagnosis or administrative category that decides their status. Under the <b>")
                .append(esc(s.otherNullPolicy())).append("</b> policy ").append(grouped(shown.count(s.otherPolicyCounted())))
                .append(" rows would be counted, against ").append(grouped(shown.count(s.counted()))).append(" here.</p>")
                .append("<p class=\"small\">Clinical: a missing value excludes nothing. SQL: the published T-SQL reading, where a"
                        + " missing value makes the exclusion test unknown and the row is not counted. Choose with --null-policy.</p></section>\n");
    }

    private void providerFunnel() {
        h.append("<section id=\"provider-funnel\"><h2>Providers compared: funnel plot</h2>");
        if (r.providerFunnel().isEmpty()) {
            h.append("<p>No funnel plot: the extract has no Der_Provider_Code column, or no provider has records.</p></section>\n");
            return;
        }
        FunnelResult f = r.providerFunnel().get();
        List<String> hidden = new ArrayList<>();
        f.points().stream().filter(this::hiddenProvider).forEach(p -> hidden.add(p.unit().org()));
        String svg = FunnelChart.svg("funnel-providers", f, 1000, "Counted imaging per 1,000 records by provider",
                "Outpatient records in the extract", "Counted per 1,000 records",
                this::hiddenProvider, p -> providerHover(p));
        h.append("<figure>").append(svg).append("<figcaption>Each point is a provider: its counted imaging per 1,000 outpatient"
                + " records against its number of records. The target is the rate of all providers together (")
                .append(Shown.plain(f.target() * 1000, 2)).append(" per 1,000). A provider outside the 99.8% limits differs"
                        + " from the rest by more than chance and the usual spread between providers would explain.")
                .append(overdispersion(f)).append("</figcaption></figure>");
        if (!hidden.isEmpty()) {
            h.append("<p class=\"small\" id=\"funnel-suppressed\">Not drawn under disclosure control (1 to 7 counted,"
                    + " records, or records not counted): ").append(esc(String.join(", ", hidden))).append(".</p>");
        }
        h.append("</section>\n");
    }

    private boolean hiddenProvider(FunnelResult.Point p) {
        return shown.suppressesProportion(p.unit().numerator(), Math.round(p.unit().denominator()));
    }

    private String providerHover(FunnelResult.Point p) {
        long counted = p.unit().numerator();
        long rows = Math.round(p.unit().denominator());
        return p.unit().org() + ": " + grouped(shown.count(counted)) + " counted of " + grouped(shown.count(rows)) + " records, "
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

    private static String overdispersion(FunnelResult f) {
        if (Double.isNaN(f.phi())) {
            return " Too few providers to estimate overdispersion; the limits are unadjusted.";
        }
        return f.adjusted()
                ? " The providers vary more than chance alone would make them (φ = " + Shown.plain(f.phi(), 2) + "), so the"
                        + " limits are widened by a between-provider variance τ² = " + Shown.plain(f.tau2(), 6) + "."
                : " The providers vary no more than chance would make them (φ = " + Shown.plain(f.phi(), 2)
                        + ", τ² = 0), so the limits are not widened.";
    }

    private void trend() {
        h.append("<section id=\"trend\"><h2>Trend: counted imaging by month (SPC)</h2>");
        if (r.months().isEmpty()) {
            h.append("<p>No trend: the extract has no Appointment_Date column or no readable dates.</p></section>\n");
            return;
        }
        if (r.monthlySpc().isPresent()) {
            SpcResult c = r.monthlySpc().get();
            h.append("<figure>").append(SpcChartSvg.svg(c, "Whole extract", "Counted imaging per month", false))
                    .append("<figcaption>XmR chart of counted imaging per month. The dashed lines are the process limits"
                            + " (mean ± 2.66 × mean moving range). Coloured points show special-cause variation: a point outside the limits,"
                            + " 7 or more in a row on one side of the mean, 7 or more rising or falling, or 2 of 3 beyond 2 sigma on"
                            + " one side. Orange is higher, blue is lower.").append(c.note().map(n -> " " + n).orElse(""))
                    .append(shown.controlled() ? " Drawn from the rounded counts that are published." : "")
                    .append("</figcaption></figure>");
        } else {
            h.append("<p>Not charted: a month has 1 to 7 counted rows, which disclosure control does not show.</p>");
        }
        Map<String, String> signals = Aggregates.signals(r.monthlySpc());
        h.append("<table class=\"data\"><caption>By month, within the period</caption><thead><tr><th scope=\"col\">Month</th>"
                + "<th scope=\"col\">Records</th><th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th>"
                + "<th scope=\"col\">Per 1,000</th><th scope=\"col\">Special cause</th></tr></thead><tbody>");
        for (ImagingReport.Month m : r.months()) {
            StatusCounts c = m.counts();
            h.append("<tr><th scope=\"row\">").append(esc(m.month())).append("</th>").append(num(shown.count(c.rows())))
                    .append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())))
                    .append(num(shown.rate(c.counted(), c.rows(), 1000, 2))).append("<td>")
                    .append(esc(humanSignals(signals.get(m.month())))).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private static String humanSignals(String coded) {
        if (coded == null || coded.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String part : coded.split(";")) {
            String[] ruleDir = part.split(":");
            out.add(SpcChartSvg.describe(SpcResult.Rule.valueOf(ruleDir[0])) + " (" + ruleDir[1].toLowerCase(Locale.ROOT) + ")");
        }
        return String.join("; ", out);
    }

    private void leagueTable() {
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
                + "</caption><thead><tr><th scope=\"col\">Provider</th><th scope=\"col\">Records</th><th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th>"
                + "<th scope=\"col\">Per 1,000</th><th scope=\"col\">Funnel 95%</th><th scope=\"col\">Funnel 99.8%</th>"
                + "<th scope=\"col\">Latest month (SPC)</th></tr></thead><tbody>");
        for (ImagingReport.Organisation o : sorted) {
            StatusCounts c = o.counts();
            boolean hide = hiddenRate(o);
            String f95 = o.funnel().map(p -> hide ? "*" : flag(p.outlier95())).orElse("–");
            String f998 = o.funnel().map(p -> hide ? "*" : flag(p.outlier998())).orElse("–");
            SpcResult chart = charts.get(o.code());
            String latest = chart == null ? Optional.ofNullable(r.notCharted().get(o.code())).map(w -> "not charted").orElse("–")
                    : latestSignal(chart);
            h.append("<tr").append(o.funnel().filter(p -> !hide && p.outlier998() != FunnelResult.Outlier.NONE).isPresent()
                    ? " class=\"outlier\"" : "").append("><th scope=\"row\">").append(esc(o.code())).append("</th>")
                    .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())))
                    .append(num(shown.rate(c.counted(), c.rows(), 1000, 2))).append("<td>").append(esc(f95)).append("</td><td>")
                    .append(esc(f998)).append("</td><td>").append(esc(latest)).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private boolean hiddenRate(ImagingReport.Organisation o) {
        return shown.suppressesProportion(o.counts().counted(), o.counts().rows());
    }

    private static String flag(FunnelResult.Outlier o) {
        return switch (o) {
            case HIGH -> "high";
            case LOW -> "low";
            case NONE -> "within";
        };
    }

    private static String latestSignal(SpcResult chart) {
        if (chart.rows().isEmpty()) {
            return "–";
        }
        SpcResult.Row last = chart.rows().get(chart.rows().size() - 1);
        return last.signals().isEmpty() ? "common cause"
                : "special cause (" + last.direction().map(d -> d.name().toLowerCase(Locale.ROOT)).orElse("mixed") + ")";
    }

    private void providerCharts() {
        if (r.providerSpc().isEmpty() && r.notCharted().isEmpty()) {
            return;
        }
        h.append("<section id=\"provider-spc\"><h2>Providers by month (SPC)</h2><p class=\"small\">One XmR chart per provider"
                + " of counted imaging per month, on the same rules as the whole-extract chart. Each chart has its own scale.</p>"
                + "<div class=\"multiples\">");
        for (ImagingReport.ProviderSpc p : r.providerSpc()) {
            h.append("<figure class=\"multiple\">").append(SpcChartSvg.svg(p.chart(), p.provider(), "Counted imaging per month", true))
                    .append("<figcaption>").append(esc(p.provider())).append(": ").append(esc(latestSignal(p.chart())))
                    .append(" in the latest month</figcaption></figure>");
        }
        h.append("</div>");
        if (!r.notCharted().isEmpty()) {
            Map<String, List<String>> byReason = new TreeMap<>();
            r.notCharted().forEach((org, why) -> byReason.computeIfAbsent(why, w -> new ArrayList<>()).add(org));
            h.append("<p class=\"small\" id=\"not-charted\">Not charted: ").append(esc(byReason.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")").collect(Collectors.joining("; "))))
                    .append(".</p>");
        }
        h.append("</section>\n");
    }

    private void commissioners() {
        if (r.commissioners().isEmpty()) {
            return;
        }
        h.append("<section id=\"commissioners\"><h2>Commissioners</h2>");
        Optional<ImagingReport.PopulationUse> pop = r.population();
        if (pop.isPresent()) {
            r.commissionerFunnel().ifPresent(f -> {
                List<String> hidden = new ArrayList<>();
                f.points().stream().filter(p -> shown.suppresses(p.unit().numerator(), 0))
                        .forEach(p -> hidden.add(p.unit().org()));
                String svg = FunnelChart.svg("funnel-commissioners", f, 1, "Counted imaging against the count expected from"
                        + " population, by commissioner", "Expected count (population × pooled rate)", "Observed / expected",
                        p -> {
                            return shown.suppresses(p.unit().numerator(), 0);
                        },
                        p -> p.unit().org() + ": " + grouped(shown.count(p.unit().numerator())) + " counted in the period, "
                                + Shown.plain(p.unit().denominator(), 1) + " expected, ratio "
                                + shown.derived(p.value(), p.unit().numerator(), 3) + "; " + outlierText(p));
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
        h.append("<table class=\"data\"><caption>By commissioner (Der_Commissioner_Code)</caption><thead><tr>"
                + "<th scope=\"col\">Commissioner</th><th scope=\"col\">Records</th><th scope=\"col\">Counted</th>"
                + "<th scope=\"col\">Excluded</th>");
        if (pop.isPresent()) {
            h.append("<th scope=\"col\">Person-years</th><th scope=\"col\">Counted in the period</th>"
                    + "<th scope=\"col\">Expected</th><th scope=\"col\">Observed / expected</th>"
                    + "<th scope=\"col\">Per 100,000 per year</th><th scope=\"col\">Funnel 99.8%</th>");
        }
        h.append("</tr></thead><tbody>");
        for (ImagingReport.Organisation o : r.commissioners()) {
            StatusCounts c = o.counts();
            h.append("<tr><th scope=\"row\">").append(esc(o.code())).append("</th>").append(num(shown.count(c.rows())))
                    .append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())));
            if (pop.isPresent()) {
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

    private void ageBands() {
        if (r.ageBands().isEmpty()) {
            return;
        }
        h.append("<section id=\"age-bands\"><h2>By age</h2><table class=\"data\"><caption>By age band, using the age the"
                + " measure reads (age at start of episode, else age at activity date). The measure counts ages 19 to 120 only."
                + "</caption><thead><tr><th scope=\"col\">Age band</th><th scope=\"col\">Records</th>"
                + "<th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th><th scope=\"col\">Not selected</th>"
                + "<th scope=\"col\">Rejected</th></tr></thead><tbody>");
        r.ageBands().forEach((band, c) -> h.append("<tr><th scope=\"row\">").append(esc(band.label())).append("</th>")
                .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())))
                .append(num(shown.count(c.unmatched()))).append(num(shown.count(c.rejected()))).append("</tr>"));
        h.append("</tbody></table></section>\n");
    }

    private void methods() {
        AuditSummary s = r.summary();
        h.append("<section id=\"methods\"><h2>Method notes</h2><ul>");
        li("Measure: EBI " + s.measure() + ", applied as published to every row of the extract. A row is counted when its"
                + " procedures include lumbar imaging (U05[45], or U13/U21 imaging codes with a lumbar site code Z665 or O162),"
                + " the patient is 19 to 120, and neither exclusion applies (a cancer diagnosis code; a private patient).");
        for (String note : s.notes()) {
            li("Interpretation " + note);
        }
        li("Records, the denominator of each provider's rate, are all of that provider's outpatient records in the extract,"
                + " whatever their status, attended or not (did-not-attend and cancelled appointments included), because the"
                + " measure itself counts imaging on any record. Rows with no provider code are shown as 'unknown' and left out of"
                + " the funnel plot. Organisation codes are compared without regard to case. A row whose fields do not line up"
                + " with the header is rejected and counted under 'unknown' organisation and month.");
        li("Period: " + r.period().label() + (r.period().given() ? ", as given with --period." : ", found from the data: from"
                + " the first to the last month holding at least a tenth of the median month's records, so that a few mistyped"
                + " dates cannot stretch it.") + " The trend, the SPC charts and the rates per head cover the period; totals,"
                + " the funnel of providers and the league table cover every row.");
        li("Funnel plots follow the FunnelPlotR method [FUNNELPLOTR, SPIEGELHALTER-2005]: proportions on the arcsine square"
                + " root scale (standard error 1/(2√n)); ratios on the log scale (standard error 1/√E); limits at z 1.959964"
                + " (95%) and 3.090232 (99.8%). Overdispersion: z-scores Winsorised 10% at each end, φ the mean of their squares,"
                + " and a between-unit variance τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)) added to each unit's variance"
                + " when it is above 0.");
        li("SPC follows Making Data Count as NHSRplotthedots applies it [MDC, PLOTTHEDOTS]: an XmR chart with limits at the"
                + " mean ± 2.66 × the mean moving range, where moving ranges of 3.267 × the mean or more are left out of that"
                + " mean (one-off jumps); special cause is a point outside the limits, 7 or more points in a row on one side of"
                + " the mean, 7 or more points rising or falling, or, among 3 points in a row on the same side of the mean, 2"
                + " close to a limit (beyond 2 sigma, 1.773 × the mean moving range, but inside the limit). Months are those with"
                + " records; a month missing from the extract is not plotted as zero, and the points either side are joined.");
        r.population().ifPresent(p -> li("Rates per head use " + fileName(p.source()) + ": each commissioner's person-years are"
                + " its population in each month's calendar year, summed over the months of the period and divided by 12;"
                + " the observed count is its counted imaging dated within the period. Expected counts apply the pooled rate of"
                + " all commissioners with a population; observed / expected is the ratio plotted in the commissioners' funnel."
                + " Rates are not standardised by age."));
        if (!r.summary().activity().hasCommissioner()) {
            li("The extract has no Der_Commissioner_Code column, so there are no figures by commissioner, and a population"
                    + " file, if one was given, is not used.");
        }
        li(r.disclosure() == Disclosure.CONTROLLED
                ? "Disclosure control follows the HES/ECDS rules [HES-DC]: 0 stays 0, 1 to 7 is shown as *, other counts are"
                        + " rounded to the nearest 5, and a rate or ratio built on a count of 1 to 7 is shown as *. Backcheck adds"
                        + " two safeguards: a proportion is also shown as * when the records not counted number 1 to 7, and a point"
                        + " that is not shown is left out of the headline, the ordering of the league table and the chart's axes."
                        + " Statistics (targets, limits, z-scores) are computed on exact counts; SPC charts are drawn from the"
                        + " rounded counts; per-unit limits and z-scores are not published."
                : "Disclosure control was switched off (--no-disclosure-control): this report shows exact small numbers and"
                        + " must not leave the organisation.");
        h.append("</ul><h3>Sources</h3><ul class=\"sources\">");
        for (String[] src : SOURCES) {
            h.append("<li id=\"src-").append(esc(src[0])).append("\">[").append(esc(src[0])).append("] ").append(esc(src[1]))
                    .append(". ").append(esc(src[2])).append(". <span class=\"url\">").append(esc(src[3])).append("</span></li>");
        }
        h.append("</ul></section>\n");
    }

    private void li(String text) {
        h.append("<li>").append(esc(text)).append("</li>");
    }

    private static String num(String value) {
        return "<td class=\"num\">" + esc(grouped(value)) + "</td>";
    }

    /** Whole numbers with thousands separators for reading (1,000,000); anything else as it is. */
    static String grouped(String value) {
        if (value.matches("\\d{4,}")) {
            return String.format(Locale.UK, "%,d", Long.parseLong(value));
        }
        return value;
    }

    private static String esc(String s) {
        return Svg.escape(s);
    }

    private static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    /** id, title, publisher, url. */
    static final List<String[]> SOURCES = loadSources();

    private static List<String[]> loadSources() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = ReportHtml.class.getResourceAsStream("sources.psv")) {
            if (in == null) {
                throw new IllegalStateException("report sources.psv is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length != 5) {
                    throw new IllegalStateException("report sources.psv: expected 5 fields: " + line);
                }
                out.add(new String[] {f[0], f[1], f[2], f[3]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private static final String CSS = """
            :root{--ink:#1d2733;--muted:#5b6672;--line:#d5dbe1;--accent:#005eb8;--high:#d5560b;--low:#1f6fb2;--bg:#fff}
            *{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:var(--ink);margin:0;background:var(--bg)}
            header,main,footer{max-width:1000px;margin:0 auto;padding:0 20px}header{padding-top:20px}
            h1{font-size:26px;margin:4px 0 6px}h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
            h3{font-size:16px}.kicker{color:var(--accent);font-weight:600;margin:0}.meta{color:var(--muted);margin:0 0 10px}
            .banner{padding:8px 12px;border-radius:4px;margin:6px 0}.banner.ok{background:#eef6ee;border:1px solid #9cc59c}
            .banner.danger{background:#fdecea;border:2px solid #c0392b;color:#7b1d12}.banner.sample{background:#fff7e0;border:1px solid #e0c068}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
            .card{border:1px solid var(--line);border-radius:6px;padding:10px}.card .value{font-size:22px;font-weight:700}
            .card .label{font-weight:600}.card .note,.small{color:var(--muted);font-size:0.87em}
            table{border-collapse:collapse;width:100%;margin:8px 0}caption{text-align:left;color:var(--muted);font-size:0.87em;padding:4px 0}
            th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left}th{white-space:nowrap}table.data thead th{white-space:normal;vertical-align:bottom}td.num{text-align:right;font-variant-numeric:tabular-nums}
            table.recon{width:auto;min-width:60%}tr.outlier th{color:var(--high)}
            figure{margin:10px 0}figcaption{font-size:0.87em;color:var(--muted)}svg.chart{max-width:100%;height:auto;background:#fff}
            .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px}.multiple{margin:0}
            .axis{stroke:#33404d;stroke-width:1}.grid{stroke:#e6eaee;stroke-width:1}.tick{font-size:11px;fill:#4a5561}
            .ytick{text-anchor:end}.xtick{text-anchor:middle}.xmonth{text-anchor:end;font-size:10px}
            .axislabel{font-size:12px;fill:#33404d;text-anchor:middle}.legend{font-size:11px;fill:#33404d}
            .legendbox{fill:#fff;stroke:var(--line)}.target{stroke:#1d2733;stroke-width:1.5}
            .limit95{stroke:#7a8793;stroke-width:1.2;stroke-dasharray:5 3;fill:none}.limit998{stroke:#33404d;stroke-width:1.4;fill:none}
            .pt{fill:#fff;stroke:#4a5561;stroke-width:1.5}.pt.high95{stroke:var(--high)}.pt.low95{stroke:var(--low)}
            .pt.high998{fill:var(--high);stroke:var(--high)}.pt.low998{fill:var(--low);stroke:var(--low)}
            .series{fill:none;stroke:#7a8793;stroke-width:1.3}.mean{stroke:#1d2733;stroke-width:1.2}
            .plimit{stroke:#33404d;stroke-width:1.2;stroke-dasharray:6 3}.spt{fill:#7a8793}.spt.higher{fill:var(--high)}
            .spt.lower{fill:var(--low)}.spt.mixed{fill:#7b4fa0}circle:focus{outline:2px solid var(--accent)}
            .sources .url{word-break:break-all;color:var(--muted)}footer{color:var(--muted);font-size:13px;padding-bottom:30px}
            @media print{body{font-size:11px}header,main,footer{max-width:none;padding:0}h2,h3{break-after:avoid}
            figure,tr,.card{break-inside:avoid}.multiples{grid-template-columns:repeat(2,1fr)}a{color:inherit}}
            @page{size:A4;margin:14mm}
            """;
}
