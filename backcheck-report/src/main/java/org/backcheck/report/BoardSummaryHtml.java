package org.backcheck.report;

import static org.backcheck.report.ReportHtml.esc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first page of report.html: the board summary (the findings, {@link BoardFindings}), then the
 * contents, then the sections; and the provenance footer ({@link Provenance}). The contents are
 * made from the sections as written, so a section another part of the report adds is listed too.
 */
final class BoardSummaryHtml {

    /** Where the contents go, until the sections are written. */
    static final String CONTENTS_MARK = "<!--contents-->";
    private static final Pattern SECTION = Pattern.compile("<section id=\"([a-z0-9-]+)\"><h2>(.*?)</h2>", Pattern.DOTALL);

    private BoardSummaryHtml() {
    }

    /** The summary section, and the mark where {@link #contents} will put the contents. */
    static void summary(ImagingReport r, Shown shown, StringBuilder h) {
        h.append("<section id=\"board-summary\" class=\"board\"><h2>Summary</h2><ul class=\"findings\">");
        for (String finding : new BoardFindings(r, shown).all()) {
            h.append("<li>").append(esc(finding)).append("</li>");
        }
        h.append("</ul><p class=\"small\">Each finding is written from the figures below, under the same disclosure"
                + " control; the method notes say how each is computed.</p></section>\n").append(CONTENTS_MARK).append('\n');
    }

    /** Replaces the mark with a list of links to every section after it. */
    static void contents(StringBuilder h) {
        int mark = h.indexOf(CONTENTS_MARK);
        StringBuilder nav = new StringBuilder("<nav id=\"contents\" aria-label=\"Contents\"><h2>Contents</h2><ol>");
        Matcher m = SECTION.matcher(h);
        int at = mark;
        while (m.find(at)) {
            nav.append("<li><a href=\"#").append(m.group(1)).append("\">").append(m.group(2)).append("</a></li>");
            at = m.end();
        }
        nav.append("</ol></nav>");
        h.replace(mark, mark + CONTENTS_MARK.length(), nav.toString());
    }

    /** The footer: where the figures come from. */
    static void footer(ImagingReport r, StringBuilder h) {
        Provenance p = r.provenance();
        InputIdentity in = p.run().input();
        h.append("<footer><dl id=\"provenance\" class=\"provenance\">")
                .append("<dt>Made by</dt><dd class=\"prov-tool\">").append(esc(p.tool().describe())).append("</dd>")
                .append("<dt>Run</dt><dd><span class=\"prov-when\">").append(esc(p.run().started().toString()))
                .append("</span> (UTC), engine <span class=\"prov-engine\">").append(esc(p.run().engine())).append("</span></dd>")
                .append("<dt>Input</dt><dd class=\"prov-input\">").append(esc(in.name())).append(", ")
                .append(esc(FixedPoint.thousands(Long.toString(in.bytes())))).append(" bytes, SHA-256 <code>")
                .append(esc(in.sha256())).append("</code> (").append(esc(in.method())).append(")</dd>")
                .append("<dt>Measure</dt><dd class=\"prov-measure\">").append(esc(p.measure())).append(": ")
                .append(esc(p.run().measureRevision())).append("</dd>")
                .append("<dt>Options</dt><dd class=\"prov-options\"><code>").append(esc(p.optionsLine())).append("</code></dd></dl>")
                .append("<p>Row-level detail is in matches.csv and rejected.csv beside this file (exact, not for publication);"
                        + " these figures are in aggregates.csv and aggregates.json, with the same provenance.</p></footer>\n");
    }
}
