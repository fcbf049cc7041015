package org.backcheck.report;

import static org.backcheck.report.ReportHtml.esc;
import static org.backcheck.report.ReportHtml.num;

import java.util.List;

/**
 * The report's sections by period and specialty: the period against the one before it, and records by
 * treatment function. Writes into the page {@link ReportHtml} is building, under the same disclosure policy.
 */
final class BreakdownsHtml {

    private final ImagingReport r;
    private final Shown shown;
    private final StringBuilder h;

    BreakdownsHtml(ImagingReport r, Shown shown, StringBuilder h) {
        this.r = r;
        this.shown = shown;
        this.h = h;
    }

    /** Both sections. */
    void write() {
        yearOnYear();
        specialties();
    }

    private void yearOnYear() {
        YearOnYear y = r.breakdowns().yearOnYear();
        h.append("<section id=\"year-on-year\"><h2>This period against the one before</h2>");
        if (y.notHeld().isPresent()) {
            h.append("<p>No comparison: ").append(esc(y.notHeld().get())).append(". Give --period (e.g. 2024/25 for a"
                    + " financial year) to compare a period with the one of the same length before it, when the extract"
                    + " holds both.</p></section>\n");
            return;
        }
        h.append("<p>").append(esc(r.period().label())).append(" against ").append(esc(y.previousLabel()))
                .append(": counted imaging per 1,000 records in each, and whether the change is beyond chance (two-proportion"
                        + " test; Holm's adjustment within each table holds the chance of any false flag among its"
                        + " organisations to 5%).</p>");
        List<List<String>> rows = YearOnYearTable.rows(r, shown);
        table("Whole extract and providers", rows.stream().filter(f -> !f.get(0).equals("commissioner")).toList());
        List<List<String>> commissioners = rows.stream().filter(f -> f.get(0).equals("commissioner")).toList();
        if (!commissioners.isEmpty()) {
            table("Commissioners", commissioners);
        }
        h.append("</section>\n");
    }

    private void table(String caption, List<List<String>> rows) {
        boolean statistics = !shown.controlled();
        h.append("<table class=\"data\"><caption>").append(esc(caption)).append("</caption><thead><tr>")
                .append("<th scope=\"col\">Unit</th><th scope=\"col\">Records before</th><th scope=\"col\">Counted before</th>"
                        + "<th scope=\"col\">Per 1,000 before</th><th scope=\"col\">Records</th><th scope=\"col\">Counted</th>"
                        + "<th scope=\"col\">Per 1,000</th><th scope=\"col\">Change per 1,000</th>")
                .append(statistics ? "<th scope=\"col\">z</th><th scope=\"col\">p</th>" : "")
                .append("<th scope=\"col\">Beyond chance</th></tr></thead><tbody>");
        for (List<String> f : rows) {
            // An organisation's row is named as in the other tables ("Name (CODE)" when a file names it).
            String unit = f.get(0).equals("whole") ? f.get(1) : r.label(f.get(1));
            h.append("<tr><th scope=\"row\">").append(esc(unit)).append("</th>");
            for (int i = 6; i <= 12; i++) {
                h.append(num(f.get(i)));
            }
            if (statistics) {
                h.append(num(f.get(13))).append(num(f.get(14)));
            }
            h.append("<td>").append(esc(f.get(15))).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private void specialties() {
        Specialties s = r.breakdowns().specialties();
        if (!s.present()) {
            return;
        }
        h.append("<section id=\"specialties\"><h2>By specialty (treatment function)</h2><table class=\"data\"><caption>"
                + "Records by Treatment_Function_Code, whole extract, with names from the NHS Data Dictionary's list"
                + "</caption><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Treatment function</th>"
                + "<th scope=\"col\">Records</th><th scope=\"col\">Counted</th><th scope=\"col\">Per 1,000</th></tr></thead><tbody>");
        for (Specialties.Row row : s.rows()) {
            StatusCounts c = row.counts();
            h.append("<tr><th scope=\"row\">").append(esc(row.code())).append("</th><td")
                    .append(row.listed() ? "" : " class=\"small\"").append('>').append(esc(row.name())).append("</td>")
                    .append(num(shown.count(c.rows()))).append(num(shown.count(c.counted())))
                    .append(num(shown.rate(c.counted(), c.rows(), 1000, 2))).append("</tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    /** The method notes of these sections, for the report's list of notes. */
    static List<String> methodNotes(ImagingReport r) {
        String yoy = "Year on year: the period is compared with the period of the same length just before it (a financial"
                + " year with the one before, a quarter with the quarter before), only when every month of the earlier"
                + " period has records in the extract. Each change in counted imaging per 1,000 records is tested with the"
                + " two-proportion z-test with pooled standard error [FLEISS-2003], made only when every expected count is"
                + " at least 5. The providers are one family of tests and the commissioners another; Holm's step-down"
                + " method [HOLM-1979] keeps the chance of flagging any organisation of a family by chance alone to 5%."
                + " The whole extract is tested alone at 5%. Under disclosure control, a change and its verdict are shown"
                + " only when both rates are, and z and p are not published.";
        if (!r.breakdowns().specialties().present()) {
            return List.of(yoy);
        }
        return List.of(yoy, "Specialty: the clinic's Treatment_Function_Code, named from the NHS Data Dictionary's"
                + " treatment function list [NHSDD-TFC] (shipped as treatment-functions.csv with its source); a code not in"
                + " that list is shown as it is, marked '" + TreatmentFunctions.NOT_LISTED + "'.");
    }
}
