package org.backcheck.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        AuditFigures s = r.summary();
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(esc(r.title())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><p class=\"kicker\">Backcheck audit report · EBI measure ").append(esc(s.measure())).append("</p>");
        h.append("<h1>").append(esc(r.title())).append("</h1>");
        h.append("<p class=\"meta\">Extract <b>").append(esc(fileName(s.input()))).append("</b> · period <b>")
                .append(esc(r.period().label())).append("</b> · NULL policy <b>").append(esc(s.nullPolicy().id())).append("</b></p>");
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
                    + " <code>backcheck demo</code>; no real organisation or patient is described. Its organisation codes"
                    + " (each with a hyphen, which no NHS ODS code has) and names are fictional.</p>");
        }
        h.append("</header>\n<main>\n");
        int sections = h.length();
        BoardSummaryHtml.summary(r, shown, h);
        headline();
        reconciliation();
        nullPolicy();
        OrganisationsHtml organisations = new OrganisationsHtml(r, shown, h);
        organisations.providerFunnel();
        trend();
        organisations.leagueTable();
        organisations.providerCharts();
        organisations.commissioners();
        new RollUpHtml(r, shown, h).write();
        ageBands();
        new BreakdownsHtml(r, shown, h).write();
        methods();
        SectionDownloads.addAll(h, sections, CSS);
        BoardSummaryHtml.contents(h);
        h.append("</main>\n");
        BoardSummaryHtml.footer(r, h);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private void headline() {
        AuditFigures s = r.summary();
        h.append("<section id=\"headline\"><h2>Headline figures</h2><div class=\"cards\">");
        card("Outpatient records", shown.count(s.rowsRead()), "every record in the extract, attended or not");
        card("Imaging counted by the measure", shown.count(s.counted()), "lumbar imaging not excluded");
        card("Counted per 1,000 records", shown.rate(s.counted(), s.rowsRead(), 1000, 2), "whole extract");
        card("Excluded", shown.count(s.excluded()), "cancer diagnosis or private patient");
        r.providerFunnel().ifPresent(f -> {
            List<FunnelResult.Point> drawn = f.points().stream()
                    .filter(p -> !shown.suppressesProportion(p.unit().numerator(), Math.round(p.unit().denominator()))).toList();
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
        AuditFigures s = r.summary();
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
        AuditFigures s = r.summary();
        h.append("<section id=\"null-policy\"><h2>Effect of missing values (NULL policy)</h2><p>This run used the <b>")
                .append(esc(s.nullPolicy().id())).append("</b> policy. ").append(grouped(shown.count(s.nullPolicySensitiveRows())))
                .append(" selected rows have a missing diagnosis or administrative category that decides their status. Under the <b>")
                .append(esc(s.otherNullPolicy().id())).append("</b> policy ").append(grouped(shown.count(s.otherPolicyCounted())))
                .append(" rows would be counted, against ").append(grouped(shown.count(s.counted()))).append(" here.</p>")
                .append("<p class=\"small\">Clinical: a missing value excludes nothing. SQL: the published T-SQL reading, where a"
                        + " missing value makes the exclusion test unknown and the row is not counted. Choose with --null-policy.</p></section>\n");
    }

    private void trend() {
        h.append("<section id=\"trend\"><h2>Trend: counted imaging per 1,000 records by month (SPC)</h2>");
        Comparators comparators = new Comparators(r, shown);
        if (r.months().isEmpty()) {
            h.append("<p>No trend: the extract has no Appointment_Date column or no readable dates.</p></section>\n");
            return;
        }
        if (r.monthlySpc().isPresent()) {
            SpcResult c = r.monthlySpc().get();
            h.append("<figure>").append(SpcChartSvg.svg(c, "Whole extract", "Counted per 1,000 records", false,
                    comparators.rateLines())).append("<figcaption>").append(esc(StatsNotes.caption(c, r.stats().monthlyHidden())))
                    .append("</figcaption></figure>");
        } else {
            h.append("<p>Not charted: too few months have a rate that disclosure control lets the report show.</p>");
        }
        Map<String, String> signals = Aggregates.signals(r.monthlySpc());
        h.append("<table class=\"data\"><caption>By month, within the period.").append(esc(comparators.caption()))
                .append("</caption><thead><tr><th scope=\"col\">Month</th>"
                + "<th scope=\"col\">Records</th><th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th>"
                + "<th scope=\"col\">Per 1,000</th><th scope=\"col\">Special cause</th>").append(comparators.header())
                .append("</tr></thead><tbody>");
        for (ImagingReport.Month m : r.months()) {
            StatusCounts c = m.counts();
            h.append("<tr><th scope=\"row\">").append(esc(m.month())).append("</th>").append(num(shown.count(c.rows())))
                    .append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())))
                    .append(num(shown.rate(c.counted(), c.rows(), 1000, 2))).append("<td>")
                    .append(esc(humanSignals(signals.get(m.month())))).append("</td>")
                    .append(comparators.cell(c.counted(), c.rows())).append("</tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    static String humanSignals(String coded) {
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

    private void ageBands() {
        if (r.ageBands().isEmpty()) {
            return;
        }
        h.append("<section id=\"age-bands\"><h2>By age</h2><table class=\"data\"><caption>By age band, using the age the"
                + " measure reads (age at start of episode, else age at activity date). The measure counts ages 19 to 120 only."
                + esc(new Comparators(r, shown).pooledCaption()) + "</caption><thead><tr><th scope=\"col\">Age band</th><th scope=\"col\">Records</th>"
                + "<th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th><th scope=\"col\">Not selected</th>"
                + "<th scope=\"col\">Rejected</th></tr></thead><tbody>");
        r.ageBands().forEach((band, c) -> h.append("<tr><th scope=\"row\">").append(esc(band.label())).append("</th>")
                .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted()))).append(num(shown.count(c.excluded())))
                .append(num(shown.count(c.unmatched()))).append(num(shown.count(c.rejected()))).append("</tr>"));
        h.append("</tbody></table></section>\n");
    }

    private void methods() {
        AuditFigures s = r.summary();
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
        StatsNotes.methods(r).forEach(this::li);
        r.population().ifPresent(p -> li("Rates per head use " + fileName(p.source()) + ": each commissioner's person-years are"
                + " its population in each month's calendar year, summed over the months of the period and divided by 12;"
                + " the observed count is its counted imaging dated within the period. Expected counts apply the pooled rate of"
                + " all commissioners with a population; observed / expected is the ratio plotted in the commissioners' funnel."
                + " Rates are not standardised by age."));
        if (!r.summary().activity().hasCommissioner()) {
            li("The extract has no Der_Commissioner_Code column, so there are no figures by commissioner, and a population"
                    + " file, if one was given, is not used.");
        }
        BreakdownsHtml.methodNotes(r).forEach(this::li);
        li("Summary: each finding is written from the figures in the sections, under the same disclosure control (a provider"
                + " whose rate is not shown is not named). A provider is named when it is outside the 99.8% funnel limits; 'special"
                + " cause since' gives the first month of the latest unbroken run of special-cause months in the latest month's"
                + " direction.");
        li("Provenance (the footer): the input's SHA-256 is of its bytes as stored (a .gz file compressed), of the bytes read"
                + " for a pipe, or for a folder of parts of the lines 'path SHA-256' of its parts in path order; options with a"
                + " file give its name only.");
        li(r.disclosure() == Disclosure.CONTROLLED
                ? "Disclosure control follows the HES/ECDS rules [HES-DC]: 0 stays 0, 1 to 7 is shown as *, other counts are"
                        + " rounded to the nearest 5, and a rate or ratio built on a count of 1 to 7 is shown as *. Backcheck adds"
                        + " two safeguards: a proportion is also shown as * when the records not counted number 1 to 7, and a point"
                        + " that is not shown is left out of the headline, the ordering of the league table and the chart's axes."
                        + " Rates and ratios shown are computed from the published (rounded) counts, so that no exact count can be"
                        + " worked back from them or found by subtracting one figure from another."
                        + " Statistics (targets, limits, z-scores) are computed on exact counts; SPC charts leave out months"
                        + " whose rate is shown as *; per-unit limits and z-scores are not published."
                : "Disclosure control was switched off (--no-disclosure-control): this report shows exact small numbers and"
                        + " must not leave the organisation.");
        h.append("</ul><h3>Sources</h3><ul class=\"sources\">");
        for (ReportSources.Source src : ReportSources.ALL) {
            h.append("<li id=\"src-").append(esc(src.id())).append("\">[").append(esc(src.id())).append("] ").append(esc(src.title()))
                    .append(". ").append(esc(src.publisher())).append(". <span class=\"url\">").append(esc(src.url()))
                    .append("</span></li>");
        }
        h.append("</ul></section>\n");
    }

    private void li(String text) {
        h.append("<li>").append(esc(text)).append("</li>");
    }

    static String num(String value) {
        return "<td class=\"num\">" + esc(grouped(value)) + "</td>";
    }

    /** Whole numbers with thousands separators for reading (1,000,000); anything else as it is. */
    static String grouped(String value) {
        if (value.length() < 4) {
            return value;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return value;
            }
        }
        return FixedPoint.thousands(Long.toString(Long.parseLong(value))); // leading zeros dropped, as %,d does
    }

    static String esc(String s) {
        return Svg.escape(s);
    }

    static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }


    /** The page's styles (report.css beside this class), inlined so that the page needs nothing else. */
    private static final String CSS = ReportSources.text("report.css");
}
