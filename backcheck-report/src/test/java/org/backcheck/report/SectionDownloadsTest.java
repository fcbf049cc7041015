package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each section's table as CSV and charts as SVG, from the page as shown; the contents; the provenance footer. */
class SectionDownloadsTest {

    private static final Pattern LINK = Pattern.compile("<a download=\"([^\"]+)\" href=\"data:([^;,]+)[^,]*;base64,([^\"]+)\">");

    @Test
    void aTablesCsvIsItsCellsAsShownWithFormulasDisarmedAndFiguresPlain() {
        String table = "<table class=\"data\"><caption>c</caption><thead><tr><th scope=\"col\">Provider</th>"
                + "<th scope=\"col\">Per 1,000</th><th scope=\"col\">Change</th><th scope=\"col\">Note</th></tr></thead>"
                + "<tbody><tr><th scope=\"row\">=HYPERLINK(&quot;x&quot;)</th>"
                + "<td class=\"num\">*</td><td class=\"num\">-1.40</td><td>-not a figure</td></tr>"
                + "<tr><th scope=\"row\">&nbsp;&nbsp;of which A &amp; B</th>"
                + "<td class=\"num\">1,234</td><td class=\"num\">+12,000.50</td><td>=SUM(A1)</td></tr>"
                + "<tr><th scope=\"row\">-5</th><td class=\"num\">=1+1</td><td class=\"num\">12.5%</td><td>3</td></tr>"
                + "</tbody></table>";
        assertThat(SectionDownloads.csv(table)).isEqualTo("Provider,\"Per 1,000\",Change,Note\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",*,-1.40,\"'-not a figure\"\r\n"
                + "of which A & B,1234,+12000.50,\"'=SUM(A1)\"\r\n"
                + "\"'-5\",\"'=1+1\",12.5%,3\r\n");
    }

    @Test
    void everySectionOfTheReportOffersItsTableAndChartsAndTheCsvIsTheTableAsShown() {
        ImagingReport r = BoardFindingsTest.report(Disclosure.CONTROLLED);
        String html = ReportHtml.render(r);
        List<String> names = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
            String body = new String(Base64.getDecoder().decode(m.group(3)), StandardCharsets.UTF_8);
            if (m.group(2).equals("text/csv")) {
                assertThat(body).endsWith("\r\n");
            } else {
                assertThat(m.group(2)).isEqualTo("image/svg+xml");
                assertThat(body).startsWith("<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\"").contains("<style>")
                        .endsWith("</svg>");
            }
        }
        assertThat(names).contains("reconciliation.csv", "provider-funnel-1.svg", "trend.csv", "trend-1.svg",
                "league-table.csv", "age-bands.csv");
        // The league table's CSV, row by row, against the counts under control: P11's are hidden.
        String league = decoded(html, "league-table.csv");
        assertThat(league).startsWith("Provider,Records,Counted,Excluded,\"Per 1,000\",Funnel 95%,Funnel 99.8%,"
                + "Latest month (SPC)\r\n");
        assertThat(league).contains("\r\nP10,12000,330,0,27.50,high,high,\"special cause, concerning\"\r\n")
                .contains("\r\nP11,10,*,0,*,*,*,not charted\r\n");
    }

    @Test
    void theContentsListEverySectionAfterTheSummaryInOrder() {
        String html = ReportHtml.render(BoardFindingsTest.report(Disclosure.CONTROLLED));
        int summary = html.indexOf("<section id=\"board-summary\"");
        int contents = html.indexOf("<nav id=\"contents\"");
        assertThat(summary).isPositive().isLessThan(contents);
        Matcher ids = Pattern.compile("<section id=\"([a-z0-9-]+)\"><h2>").matcher(html);
        List<String> sections = new ArrayList<>();
        while (ids.find()) {
            sections.add("<li><a href=\"#" + ids.group(1) + "\">");
        }
        String nav = html.substring(contents, html.indexOf("</nav>", contents));
        assertThat(sections).isNotEmpty().allSatisfy(link -> assertThat(nav).contains(link));
        assertThat(nav.split("<li>")).hasSize(sections.size() + 1);
    }

    @Test
    void theFooterGivesTheProvenanceAndTheAggregatesJsonTheSame() {
        ImagingReport r = BoardFindingsTest.report(Disclosure.CONTROLLED);
        String html = ReportHtml.render(r);
        String footer = html.substring(html.indexOf("<footer>"));
        assertThat(footer).contains("<span class=\"prov-when\">2024-05-01T09:30:15Z</span> (UTC), engine <span"
                + " class=\"prov-engine\">single</span>", "in.csv, 123 bytes, SHA-256 <code>" + "0123456789abcdef".repeat(4),
                "<code>--engine single --null-policy sql</code>", ToolBuild.current().describe());
        assertThat(r.provenance().run()).isEqualTo(RunRecords.EXAMPLE);
        assertThat(Aggregates.json(r).get("provenance")).isEqualTo(r.provenance().toMap());
    }

    private static String decoded(String html, String name) {
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return new String(Base64.getDecoder().decode(m.group(3)), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no link " + name);
    }
}
