package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's comparators as its tables and charts show them: the extract's pooled rate (counted imaging
 * per 1,000 records over every record), and the benchmark given with {@code --benchmark}. A table with rates
 * says the pooled rate in its caption and, with a benchmark, gains a column of each row's rate minus the
 * benchmark; a chart draws both as labelled lines. Every figure follows the report's disclosure control: the
 * pooled rate is shown as the headline shows it, and a row whose rate is * has * against the benchmark too.
 */
final class Comparators {

    private final ImagingReport r;
    private final Shown shown;

    Comparators(ImagingReport r, Shown shown) {
        this.r = r;
        this.shown = shown;
    }

    /** The pooled rate as shown ("*" under disclosure control when built on 1 to 7, "-" with no records). */
    String pooled() {
        return shown.rate(r.summary().counted(), r.summary().rowsRead(), RateSeries.PER, 2);
    }

    /** The pooled rate as a sentence for a caption, starting with a space. */
    String pooledCaption() {
        return " The extract's pooled rate is " + pooled() + " per 1,000 records.";
    }

    /** A sentence for the caption of a table with a benchmark column ({@link #cell}), starting with a space. */
    String caption() {
        StringBuilder b = new StringBuilder(" The extract's pooled rate is ").append(pooled()).append(" per 1,000 records");
        r.stats().benchmarkPer1000().ifPresent(v -> b.append("; the benchmark (--benchmark) is ").append(Shown.plain(v, 2))
                .append(" per 1,000, and the last column is each rate minus it"));
        return b.append('.').toString();
    }

    /** The benchmark column's header cell, or nothing without a benchmark. */
    String header() {
        return r.stats().benchmarkPer1000().isPresent() ? "<th scope=\"col\">Against benchmark</th>" : "";
    }

    /** A row's rate minus the benchmark, to 2 decimals with its sign, as a table cell; nothing without a benchmark. */
    String cell(long counted, long records) {
        if (r.stats().benchmarkPer1000().isEmpty()) {
            return "";
        }
        String rate = shown.rate(counted, records, RateSeries.PER, 2);
        String text;
        if (rate.equals(Disclosure.SUPPRESSED) || records == 0) {
            text = rate;
        } else {
            double d = RateSeries.PER * counted / records - r.stats().benchmarkPer1000().getAsDouble();
            text = (d > 0 ? "+" : d < 0 ? "−" : "") + Shown.plain(Math.abs(d), 2);
        }
        return "<td class=\"num\">" + Svg.escape(text) + "</td>";
    }

    /** The reference lines of a rate chart per 1,000 records: the pooled rate (when shown), benchmark and target. */
    List<SpcChartSvg.Reference> rateLines() {
        List<SpcChartSvg.Reference> out = new ArrayList<>();
        String pooled = pooled();
        if (!pooled.equals(Disclosure.SUPPRESSED) && Double.isFinite(r.stats().pooledPer1000())) {
            out.add(new SpcChartSvg.Reference(r.stats().pooledPer1000(), "extract " + pooled, "pooled"));
        }
        out.addAll(benchmarkLines());
        r.stats().targetPer1000().ifPresent(t -> out.add(new SpcChartSvg.Reference(t, "target " + Shown.plain(t, 2), "targetline")));
        return out;
    }

    /** The benchmark line alone (the providers' funnel has the pooled rate as its target already). */
    List<SpcChartSvg.Reference> benchmarkLines() {
        List<SpcChartSvg.Reference> out = new ArrayList<>();
        r.stats().benchmarkPer1000().ifPresent(b -> out.add(new SpcChartSvg.Reference(b, "benchmark " + Shown.plain(b, 2),
                "benchmark")));
        return out;
    }
}
