package org.backcheck.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each section's tables as CSV and each of its charts as SVG, offered as {@code data:} links with a
 * {@code download} name, so that nothing is fetched. They are made from the section as the page
 * shows it, after the section is written, so a download holds exactly the figures shown, under the
 * same disclosure control. Text cells go through {@link CsvOut#text} (no spreadsheet formulas), figures
 * are written plainly (no thousands separators), so that a spreadsheet reads them as numbers; a
 * chart carries the page's styles, so it looks the same on its own.
 */
final class SectionDownloads {

    private static final Pattern SECTION = Pattern.compile("<section id=\"([a-z0-9-]+)\">");
    private static final Pattern TABLE = Pattern.compile("<table[^>]*>.*?</table>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t([hd])([^>]*)>(.*?)</t\\1>", Pattern.DOTALL);
    /** A figure with thousands separators as the page shows it (1,225 or -12,000.5). */
    private static final Pattern GROUPED = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    /** A figure as a spreadsheet reads it: digits, an optional sign, decimals and per cent sign. */
    private static final Pattern FIGURE = Pattern.compile("[-+]?\\d+(\\.\\d+)?%?");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern SVG = Pattern.compile("<svg [^>]*>\\s*<title>(.*?)</title>.*?</svg>", Pattern.DOTALL);

    private SectionDownloads() {
    }

    /** Adds the download links to every section of {@code h} from {@code from} on, at the end of each section. */
    static void addAll(StringBuilder h, int from, String css) {
        int at = from;
        while (true) {
            Matcher m = SECTION.matcher(h);
            if (!m.find(at)) {
                return;
            }
            int end = h.indexOf("</section>", m.end());
            String links = links(m.group(1), h.substring(m.end(), end), css);
            h.insert(end, links);
            at = end + links.length() + "</section>".length();
        }
    }

    /** The links for one section's markup; empty when it has no table and no chart. */
    static String links(String sectionId, String html, String css) {
        List<String> out = new ArrayList<>();
        Matcher table = TABLE.matcher(html);
        for (int tables = 1; table.find(); tables++) {
            // The first table is the section's own (section.csv); a section with more numbers the others.
            out.add(link("data:text/csv;charset=utf-8;base64,", csv(table.group()),
                    sectionId + (tables == 1 ? "" : "-" + tables) + ".csv", tables == 1 ? "Table as CSV" : "Table " + tables + " as CSV"));
        }
        Matcher svg = SVG.matcher(html);
        int charts = 0;
        List<String> svgLinks = new ArrayList<>();
        while (svg.find()) {
            charts++;
            String standalone = svg.group().replaceFirst("<svg ", "<svg version=\"1.1\" ")
                    .replaceFirst("(<title>.*?</title>)", "$1<style>" + Matcher.quoteReplacement(css) + "</style>");
            svgLinks.add(link("data:image/svg+xml;charset=utf-8;base64,", standalone, sectionId + "-" + charts + ".svg",
                    unescape(svg.group(1))));
        }
        if (svgLinks.size() == 1) {
            out.add(svgLinks.get(0).replaceFirst(">[^<]*</a>$", ">Chart as SVG</a>"));
        } else if (!svgLinks.isEmpty()) {
            out.add("Charts as SVG: " + String.join(" · ", svgLinks));
        }
        return out.isEmpty() ? "" : "<p class=\"downloads\">Download: " + String.join(" · ", out) + "</p>";
    }

    /**
     * A table's rows as CSV, each cell's text as shown: header and row-header cells and text columns through
     * {@link CsvOut#text}; a figure (a {@code num} cell holding a number) written plainly, without its
     * thousands separators, so that a spreadsheet reads it as a number; {@code *} (suppressed) as it is.
     */
    static String csv(String table) {
        StringBuilder out = new StringBuilder();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            Matcher cell = CELL.matcher(row.group(1));
            List<String> fields = new ArrayList<>();
            while (cell.find()) {
                String text = unescape(TAG.matcher(cell.group(3)).replaceAll("")).replace('\u00a0', ' ').strip();
                boolean numCell = cell.group(1).equals("d") && cell.group(2).matches(".*class=\"[^\"]*\\bnum\\b.*");
                fields.add(numCell ? figure(text) : CsvOut.text(text));
            }
            out.append(String.join(",", fields)).append("\r\n");
        }
        return out.toString();
    }

    /** A figure cell's text: a number without thousands separators, {@code *} as it is, anything else as text. */
    private static String figure(String text) {
        String plain = GROUPED.matcher(text).matches() ? text.replace(",", "") : text;
        return FIGURE.matcher(plain).matches() || plain.equals(Disclosure.SUPPRESSED) ? plain : CsvOut.text(text);
    }

    private static String link(String prefix, String content, String fileName, String label) {
        String data = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        return "<a download=\"" + Svg.escape(fileName) + "\" href=\"" + prefix + data + "\">" + Svg.escape(label) + "</a>";
    }

    /** The text of escaped markup (the entities {@link Svg#escape} writes, and the no-break space). */
    static String unescape(String s) {
        return s.replace("&nbsp;", "\u00a0").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
