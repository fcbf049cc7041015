package org.backcheck.report;

import static org.backcheck.report.ReportHtml.esc;
import static org.backcheck.report.ReportHtml.num;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report's trust and ICB views, when organisations files were given ({@code --organisations}):
 * providers rolled up to their trusts (a funnel and a table), commissioners rolled up to their ICBs
 * (a table), the files read and the codes no file names. Writes nothing without a file, so that the
 * report is then as it was. Every name comes from the user's file and is escaped.
 */
final class RollUpHtml {

    private final ImagingReport r;
    private final Shown shown;
    private final StringBuilder h;
    private final OrganisationsHtml providers;

    RollUpHtml(ImagingReport r, Shown shown, StringBuilder h) {
        this.r = r;
        this.shown = shown;
        this.h = h;
        this.providers = new OrganisationsHtml(r, shown, h);
    }

    void write() {
        OrganisationRollUp o = r.organisations();
        if (!o.given()) {
            return;
        }
        trusts(o);
        icbs(o);
        files(o);
    }

    private void trusts(OrganisationRollUp o) {
        if (o.providerParents().isEmpty()) {
            return;
        }
        h.append("<section id=\"trusts\"><h2>Trusts: providers rolled up</h2><p class=\"small\">Each provider code is added"
                + " into its parent in the organisations files (a site into its trust); a code with no parent there counts as"
                + " itself.</p>");
        o.providerParentFunnel().ifPresent(f -> {
            List<String> hidden = new ArrayList<>();
            f.points().stream().filter(providers::hiddenProvider).forEach(p -> hidden.add(r.label(p.unit().org())));
            h.append("<figure>").append(FunnelChart.svg("funnel-trusts", f, 1000, "Counted imaging per 1,000 records by trust",
                    "Outpatient records in the extract", "Counted per 1,000 records", providers::hiddenProvider,
                    providers::providerHover, List.of(), p -> r.chartLabel(p.unit().org()), shown)).append("<figcaption>Each point is a trust with its sites. The target is the rate"
                    + " of all trusts together (").append(Shown.plain(f.target() * 1000, 2)).append(" per 1,000).")
                    .append(OrganisationsHtml.overdispersion(f)).append("</figcaption></figure>");
            if (!hidden.isEmpty()) {
                h.append("<p class=\"small\">Not drawn under disclosure control (1 to 7 counted, records, or records not"
                        + " counted): ").append(esc(String.join(", ", hidden))).append(".</p>");
            }
        });
        if (o.providerParentFunnel().isEmpty()) {
            h.append("<p class=\"small\">No funnel of trusts: fewer than ").append(OrganisationRollUp.FUNNEL_MIN_UNITS)
                    .append(" trusts have records.</p>");
        }
        Map<String, List<String>> children = children(r.providers());
        h.append("<table class=\"data\" id=\"trust-table\"><caption>By trust (Der_Provider_Code rolled up)</caption><thead><tr>"
                + "<th scope=\"col\">Trust</th><th scope=\"col\">Provider codes</th><th scope=\"col\">Records</th>"
                + "<th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th><th scope=\"col\">Per 1,000</th>"
                + "<th scope=\"col\">Funnel 95%</th><th scope=\"col\">Funnel 99.8%</th></tr></thead><tbody>");
        for (ImagingReport.Organisation t : o.providerParents()) {
            StatusCounts c = t.counts();
            boolean hide = providers.hiddenRate(t);
            h.append("<tr><th scope=\"row\">").append(esc(r.label(t.code()))).append("</th><td>")
                    .append(esc(String.join(", ", children.getOrDefault(t.code(), List.of())))).append("</td>")
                    .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted())))
                    .append(num(shown.count(c.excluded()))).append(num(shown.rate(c.counted(), c.rows(), 1000, 2)))
                    .append("<td>").append(esc(t.funnel().map(p -> hide ? "*" : OrganisationsHtml.flag(p.outlier95())).orElse("–")))
                    .append("</td><td>").append(esc(t.funnel().map(p -> hide ? "*" : OrganisationsHtml.flag(p.outlier998())).orElse("–")))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private void icbs(OrganisationRollUp o) {
        if (o.commissionerParents().isEmpty()) {
            return;
        }
        Map<String, List<String>> children = children(r.commissioners());
        boolean rates = r.population().isPresent();
        h.append("<section id=\"icbs\"><h2>ICBs: commissioners rolled up</h2><p class=\"small\">Each commissioner code is"
                + " added into its parent in the organisations files (a sub-ICB location into its ICB); a code with no parent"
                + " there counts as itself.").append(rates ? " An ICB's rate per head adds up its commissioners' person-years"
                + " and counted activity in the period, and is given only when every commissioner in it has a population rate;"
                + " its expected count applies the commissioners' pooled rate." : " Rates per head need --population.")
                .append("</p>");
        o.commissionerParentFunnel().ifPresent(f -> {
            List<String> hidden = new ArrayList<>();
            f.points().stream().filter(p -> shown.suppresses(p.unit().numerator(), 0)).forEach(p -> hidden.add(r.label(p.unit().org())));
            h.append("<figure>").append(FunnelChart.svg("funnel-icbs", f, 1, "Counted imaging against the count expected from"
                    + " population, by ICB", "Expected count (population × pooled rate)", "Observed / expected",
                    p -> shown.suppresses(p.unit().numerator(), 0), providers::ratioHover, List.of(),
                    p -> r.chartLabel(p.unit().org()), shown))
                    .append("<figcaption>Each point is an ICB with its sub-ICB locations: counted imaging divided by the count"
                            + " expected at the pooled rate of all commissioners with a population.")
                    .append(OrganisationsHtml.overdispersion(f)).append("</figcaption></figure>");
            if (!hidden.isEmpty()) {
                h.append("<p class=\"small\">Not drawn under disclosure control (1 to 7 counted): ")
                        .append(esc(String.join(", ", hidden))).append(".</p>");
            }
        });
        h.append("<table class=\"data\" id=\"icb-table\"><caption>By ICB (Der_Commissioner_Code rolled up)</caption><thead><tr>"
                + "<th scope=\"col\">ICB</th><th scope=\"col\">Commissioner codes</th><th scope=\"col\">Records</th>"
                + "<th scope=\"col\">Counted</th><th scope=\"col\">Excluded</th>")
                .append(rates ? OrganisationsHtml.RATE_HEADINGS : "").append("</tr></thead><tbody>");
        for (ImagingReport.Organisation i : o.commissionerParents()) {
            StatusCounts c = i.counts();
            h.append("<tr><th scope=\"row\">").append(esc(r.label(i.code()))).append("</th><td>")
                    .append(esc(String.join(", ", children.getOrDefault(i.code(), List.of())))).append("</td>")
                    .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted())))
                    .append(num(shown.count(c.excluded())));
            if (rates) {
                providers.rateCells(i);
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private void files(OrganisationRollUp o) {
        h.append("<section id=\"organisation-files\"><h2>Organisation names</h2><p class=\"small\">Read from: ")
                .append(esc(o.lookup().sources().stream().map(s -> Aggregates.fileName(s.file()) + " (" + s.layout().description()
                        + ", " + s.organisations() + " organisations)").collect(Collectors.joining("; ")))).append(".</p>");
        if (o.notInFiles().isEmpty()) {
            h.append("<p class=\"small\" id=\"codes-not-in-files\">Every provider and commissioner code in the extract is named"
                    + " in the files.</p>");
        } else {
            h.append("<p class=\"small\" id=\"codes-not-in-files\">Codes in the extract that no file names (shown as codes,"
                    + " rolled up to themselves): ").append(esc(String.join(", ", o.notInFiles()))).append(".</p>");
        }
        h.append("</section>\n");
    }

    /** The codes of the extract under each parent, in code order ("unknown" under itself). */
    private Map<String, List<String>> children(List<ImagingReport.Organisation> orgs) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ImagingReport.Organisation o : orgs) {
            String parent = o.code().equals(ImagingReport.UNKNOWN) ? o.code() : r.organisations().lookup().parentOf(o.code());
            out.computeIfAbsent(parent, p -> new ArrayList<>()).add(o.code());
        }
        return out;
    }
}
