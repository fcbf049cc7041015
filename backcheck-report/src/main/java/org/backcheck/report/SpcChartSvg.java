package org.backcheck.report;

import java.util.List;
import java.util.Locale;

/**
 * An XmR chart of a monthly rate as inline SVG: the rates joined in time order; per segment (rebased
 * charts have several) the mean and the process limits, with each rebase marked; the extract's pooled rate,
 * and the benchmark and target when given, as labelled reference lines; points coloured by their Making
 * Data Count variation (blue improving, orange concerning, grey common cause); and the variation and
 * assurance icons ({@link SpcIcons}). Each point shows its month, rate and special cause on hover.
 */
final class SpcChartSvg {

    private SpcChartSvg() {
    }

    /** A reference line: its value on the chart's scale, its label and its CSS class. */
    record Reference(double value, String label, String cssClass) {
    }

    static String svg(SpcResult chart, String title, String yLabel, boolean small, List<Reference> references) {
        int width = small ? 360 : 760;
        int height = small ? 200 : 340;
        int left = small ? 40 : 70;
        int right = small ? 80 : 96;    // room for the reference lines' labels
        int top = small ? 30 : 36;      // room for the icons
        int bottom = small ? 48 : 58;   // room for the rotated month labels
        List<SpcResult.Row> rows = chart.rows();
        double max = rows.stream().mapToDouble(r -> r.point().value()).max().orElse(1);
        double min = rows.stream().mapToDouble(r -> r.point().value()).min().orElse(0);
        for (SpcResult.Segment s : chart.segments()) {
            if (s.lines().isPresent()) {
                max = Math.max(max, s.lines().get().upper());
                min = Math.min(min, s.lines().get().lower());
            }
        }
        for (Reference r : references) {
            max = Math.max(max, r.value());
            min = Math.min(min, r.value());
        }
        min = Math.max(0, min);
        double pad = max - min > 0 ? (max - min) * 0.08 : Math.max(1, Math.abs(max) * 0.1);
        Scale y = new Scale(Math.max(0, min - pad), max + pad, height - bottom, top);
        Scale x = new Scale(0, Math.max(1, rows.size() - 1), left, width - right);
        Svg svg = new Svg(null, width, height, title, "XmR chart of " + yLabel + " by month with the mean and process limits"
                + " (mean ± 2.66 × mean moving range) and reference lines. Hover over a point for its month, rate and signal.");
        svg.line(left, height - bottom, width - right, height - bottom, "axis");
        svg.line(left, height - bottom, left, top, "axis");
        for (double t : y.ticks(small ? 4 : 6)) {
            double py = y.at(t);
            svg.line(left, py, width - right, py, "grid");
            svg.text(left - 5, py + 4, Scale.label(t), "tick ytick");
        }
        int every = Math.max(1, (int) Math.ceil(rows.size() / (small ? 6.0 : 12.0)));
        for (int i = 0; i < rows.size(); i += every) {
            double px = x.at(i);
            svg.line(px, height - bottom, px, height - bottom + 4, "axis");
            svg.raw("<text transform=\"translate(" + Svg.n(px) + "," + Svg.n(height - bottom + 16) + ") rotate(-40)\""
                    + " class=\"tick xmonth\">" + Svg.escape(rows.get(i).point().label()) + "</text>");
        }
        double step = rows.size() > 1 ? x.at(1) - x.at(0) : 0;
        for (SpcResult.Segment s : chart.segments()) {
            double from = s.rebased() ? x.at(s.first()) - step / 2 : left;
            double to = s.first() + s.size() >= rows.size() ? width - right : x.at(s.first() + s.size() - 1) + step / 2;
            s.lines().ifPresent(l -> {
                svg.line(from, y.at(l.mean()), to, y.at(l.mean()), "mean");
                svg.line(from, y.at(l.upper()), to, y.at(l.upper()), "plimit");
                if (l.lower() > y.lo()) {
                    svg.line(from, y.at(l.lower()), to, y.at(l.lower()), "plimit");
                }
            });
            if (s.rebased()) {
                svg.line(from, top, from, height - bottom, "rebase");
                svg.text(from + 3, top + 9, "rebased " + rows.get(s.first()).point().label(), "rebaselabel");
            }
            if (s.baseline() < s.size() && !small) {
                double end = x.at(s.first() + s.baseline() - 1);
                svg.text(end, height - bottom - 4, "limits fixed from " + s.baseline() + " months", "rebaselabel");
            }
        }
        double labelY = Double.NaN;
        for (Reference r : references) {
            double py = y.at(r.value());
            svg.line(left, py, width - right, py, r.cssClass());
            double ty = Double.isNaN(labelY) || Math.abs(py - labelY) >= 11 ? py + 4 : labelY + 11;
            svg.text(width - right + 3, ty, r.label(), "reflabel " + r.cssClass() + "label");
            labelY = ty;
        }
        double[] xy = new double[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            xy[2 * i] = x.at(i);
            xy[2 * i + 1] = y.at(rows.get(i).point().value());
        }
        svg.polyline(xy, "series", null);
        for (int i = 0; i < rows.size(); i++) {
            SpcResult.Row r = rows.get(i);
            String cls = switch (r.variation()) {
                case IMPROVEMENT -> "spt improve";
                case CONCERN -> "spt concern";
                case COMMON_CAUSE -> "spt";
            };
            svg.circle(xy[2 * i], xy[2 * i + 1], small ? 2.8 : 3.8, cls, hover(title, r));
        }
        double radius = small ? 10 : 14;
        double iconY = radius + 3;
        if (!rows.isEmpty()) {
            svg.raw(SpcIcons.variation(chart.variation(), chart.better(), width - right - radius - (chart.assurance().isPresent()
                    ? 2 * radius + 6 : 0), iconY, radius));
        }
        chart.assurance().ifPresent(a -> svg.raw(SpcIcons.assurance(a, width - right - radius, iconY, radius)));
        if (!small) {
            svg.raw("<text transform=\"translate(16," + Svg.n((top + height - bottom) / 2.0) + ") rotate(-90)\" "
                    + "class=\"axislabel\">" + Svg.escape(yLabel) + "</text>");
        }
        return svg.toString();
    }

    /** A point's hover text: the rate to 2 decimals, as the tables show it, and its special cause. */
    static String hover(String what, SpcResult.Row r) {
        String value = Shown.plain(r.point().value(), 2) + " per 1,000";
        String cause = r.specialCause().map(c -> "special cause, " + (r.variation() == SpcResult.Variation.IMPROVEMENT
                ? "improving" : "concerning") + ": " + describe(c.rule()) + " (" + c.direction().name().toLowerCase(Locale.ROOT)
                + ")").orElse("common cause");
        return what + ", " + r.point().label() + ": " + value + "; " + cause;
    }

    static String describe(SpcResult.Rule rule) {
        return switch (rule) {
            case OUTSIDE_LIMITS -> "outside the process limits";
            case SHIFT -> "run of 7 or more on one side of the mean";
            case TREND -> "7 or more rising or falling";
            case TWO_OF_THREE -> "2 of 3 beyond 2 sigma";
        };
    }
}
