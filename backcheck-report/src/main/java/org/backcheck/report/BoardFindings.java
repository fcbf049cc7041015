package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The board summary's findings: short sentences in plain English, each made from the report's
 * figures by one method per kind of finding (period, whole extract, providers against the funnel's
 * limits, trends, reconciliation), so that a kind can be reworded or given names without touching
 * the others. Every figure goes through {@link Shown}: a provider whose rate is not shown under
 * disclosure control is not named, and is counted only as "not shown".
 */
final class BoardFindings {

    private final ImagingReport r;
    private final Shown shown;

    BoardFindings(ImagingReport r, Shown shown) {
        this.r = r;
        this.shown = shown;
    }

    /** Every finding, in reading order. */
    List<String> all() {
        List<String> out = new ArrayList<>();
        out.add(period());
        out.add(wholeExtract());
        providersAgainstLimits().ifPresent(out::add);
        out.addAll(providerOutliers());
        wholeExtractTrend().ifPresent(out::add);
        out.addAll(providerTrends());
        out.add(reconciliation());
        return out;
    }

    String period() {
        ReportPeriod p = r.period();
        return "Period: " + p.label() + (p.spanMonths() > 0 ? " (" + p.spanMonths() + (p.spanMonths() == 1 ? " month" : " months")
                + (p.given() ? ", as given)." : ", found from the data).") : ".");
    }

    String wholeExtract() {
        AuditFigures s = r.summary();
        return "Whole extract: " + ReportHtml.grouped(shown.count(s.counted())) + " lumbar imaging procedures counted in "
                + ReportHtml.grouped(shown.count(s.rowsRead())) + " outpatient records, "
                + shown.rate(s.counted(), s.rowsRead(), 1000, 2) + " per 1,000 records.";
    }

    /** How many providers are above and below the 99.8% limits, among those shown. */
    Optional<String> providersAgainstLimits() {
        return r.providerFunnel().map(f -> {
            List<FunnelResult.Point> drawn = drawn(f);
            long high = drawn.stream().filter(p -> p.outlier998() == FunnelResult.Outlier.HIGH).count();
            long low = drawn.stream().filter(p -> p.outlier998() == FunnelResult.Outlier.LOW).count();
            int hidden = f.points().size() - drawn.size();
            return "Providers: " + high + " of " + drawn.size() + " shown " + (high == 1 ? "is" : "are")
                    + " above the 99.8% limit and " + low + " below it, at a pooled rate of "
                    + Shown.plain(f.target() * 1000, 2) + " per 1,000 records"
                    + (hidden > 0 ? "; " + hidden + " not shown (small numbers)." : ".");
        });
    }

    /** One sentence per provider outside the 99.8% limits, highest rate first. */
    List<String> providerOutliers() {
        if (r.providerFunnel().isEmpty()) {
            return List.of();
        }
        List<FunnelResult.Point> outside = new ArrayList<>(drawn(r.providerFunnel().get()).stream()
                .filter(p -> p.outlier998() != FunnelResult.Outlier.NONE).toList());
        outside.sort((a, b) -> Double.compare(b.value(), a.value()));
        List<String> out = new ArrayList<>();
        for (FunnelResult.Point p : outside) {
            long counted = p.unit().numerator();
            long rows = Math.round(p.unit().denominator());
            out.add(organisation(p.unit().org()) + ": " + shown.rate(counted, rows, 1000, 2) + " per 1,000 records, "
                    + (p.outlier998() == FunnelResult.Outlier.HIGH ? "above" : "below") + " the 99.8% limit.");
        }
        return out;
    }

    /** The whole extract's latest SPC finding. */
    Optional<String> wholeExtractTrend() {
        if (r.monthlySpc().isEmpty()) {
            return r.months().isEmpty() ? Optional.empty()
                    : Optional.of("Whole extract: no trend chart (a month has 1 to 7 counted, which disclosure control does not show).");
        }
        SpcResult c = r.monthlySpc().get();
        long special = c.rows().stream().filter(row -> !row.signals().isEmpty()).count();
        return Optional.of("Whole extract: " + latest(c).orElse("common cause variation in the latest month") + " ("
                + special + " of " + c.rows().size() + " months show special cause).");
    }

    /** Providers whose latest month shows special cause. */
    List<String> providerTrends() {
        List<String> out = new ArrayList<>();
        for (ImagingReport.ProviderSpc p : r.providerSpc()) {
            latest(p.chart()).ifPresent(text -> out.add(organisation(p.provider()) + ": " + text + "."));
        }
        return out;
    }

    String reconciliation() {
        AuditFigures s = r.summary();
        return "Every row accounted for: " + ReportHtml.grouped(shown.count(s.rowsRead())) + " read = "
                + ReportHtml.grouped(shown.count(s.counted())) + " counted + " + ReportHtml.grouped(shown.count(s.excluded()))
                + " excluded + " + ReportHtml.grouped(shown.count(s.unmatched())) + " not selected + "
                + ReportHtml.grouped(shown.count(s.rejected())) + " rejected"
                + (shown.controlled() ? " (checked on exact counts; shown rounded)." : ".");
    }

    /** How an organisation is named in a finding: "Name (CODE)" when an organisations file names it, else the code. */
    String organisation(String code) {
        return r.label(code);
    }

    /**
     * "special cause (high) since 2024-07" when the latest month is special cause: the run of months
     * up to the latest whose signals all point the same way; empty when the latest month is common cause.
     */
    static Optional<String> latest(SpcResult chart) {
        List<SpcResult.Row> rows = chart.rows();
        if (rows.isEmpty() || rows.get(rows.size() - 1).signals().isEmpty()) {
            return Optional.empty();
        }
        Optional<SpcResult.Direction> direction = rows.get(rows.size() - 1).direction();
        int first = rows.size() - 1;
        while (first > 0 && !rows.get(first - 1).signals().isEmpty() && rows.get(first - 1).direction().equals(direction)) {
            first--;
        }
        String way = direction.map(d -> d.name().toLowerCase(Locale.ROOT)).orElse("mixed");
        String meaning = switch (chart.variation()) {
            case CONCERN -> "concerning ";
            case IMPROVEMENT -> "improving ";
            case COMMON_CAUSE -> "";
        };
        return Optional.of("special cause, " + meaning + "(" + way + ", where lower is better) since "
                + rows.get(first).point().label());
    }

    private List<FunnelResult.Point> drawn(FunnelResult f) {
        return f.points().stream()
                .filter(p -> !shown.suppressesProportion(p.unit().numerator(), Math.round(p.unit().denominator()))).toList();
    }
}
