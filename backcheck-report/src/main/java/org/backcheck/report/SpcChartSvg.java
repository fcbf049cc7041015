package org.backcheck.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An XmR chart as inline SVG: the monthly values joined in time order, the mean and the process
 * limits; special-cause points are coloured by direction (higher or lower: whether that is good
 * depends on the question, so the colours do not judge). Each point shows its month, value and
 * signals on hover.
 */
final class SpcChartSvg {

    private SpcChartSvg() {
    }

    static String svg(SpcResult chart, String title, String yLabel, boolean small) {
        int width = small ? 360 : 760;
        int height = small ? 190 : 340;
        int left = small ? 48 : 70;
        int right = 12;
        int top = 14;
        int bottom = small ? 48 : 58;   // room for the rotated month labels
        List<SpcResult.Row> rows = chart.rows();
        double max = rows.stream().mapToDouble(r -> r.point().value()).max().orElse(1);
        double min = rows.stream().mapToDouble(r -> r.point().value()).min().orElse(0);
        if (chart.limits().isPresent()) {
            max = Math.max(max, chart.limits().get().upper());
            min = Math.min(min, chart.limits().get().lower());
        }
        min = Math.max(0, min);
        // A flat series (all zero, say) still gets a readable scale of one unit.
        double pad = max - min > 0 ? (max - min) * 0.08 : Math.max(1, Math.abs(max) * 0.1);
        Scale y = new Scale(Math.max(0, min - pad), max + pad, height - bottom, top);
        Scale x = new Scale(0, Math.max(1, rows.size() - 1), left, width - right);
        Svg svg = new Svg(null, width, height, title, "XmR chart of " + yLabel + " by month with the mean and process limits"
                + " (mean ± 2.66 × mean moving range). Hover over a point for its month, value and signals.");
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
        chart.limits().ifPresent(l -> {
            svg.line(left, y.at(l.mean()), width - right, y.at(l.mean()), "mean");
            svg.line(left, y.at(l.upper()), width - right, y.at(l.upper()), "plimit");
            if (l.lower() > y.lo()) {
                svg.line(left, y.at(l.lower()), width - right, y.at(l.lower()), "plimit");
            }
        });
        double[] xy = new double[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            xy[2 * i] = x.at(i);
            xy[2 * i + 1] = y.at(rows.get(i).point().value());
        }
        svg.polyline(xy, "series", null);
        for (int i = 0; i < rows.size(); i++) {
            SpcResult.Row r = rows.get(i);
            String cls = r.signals().isEmpty() ? "spt" : r.direction().map(d -> d == SpcResult.Direction.HIGH ? "spt higher"
                    : "spt lower").orElse("spt mixed");
            svg.circle(xy[2 * i], xy[2 * i + 1], small ? 2.8 : 3.8, cls, hover(title, r));
        }
        if (!small) {
            svg.raw("<text transform=\"translate(16," + Svg.n((top + height - bottom) / 2.0) + ") rotate(-90)\" "
                    + "class=\"axislabel\">" + Svg.escape(yLabel) + "</text>");
        }
        return svg.toString();
    }

    static String hover(String what, SpcResult.Row r) {
        String value = Scale.label(r.point().value());
        String signals = r.signals().isEmpty() ? "common cause"
                : "special cause: " + r.signals().stream().map(s -> describe(s.rule()) + " (" + s.direction().name()
                        .toLowerCase(java.util.Locale.ROOT) + ")").sorted().collect(Collectors.joining(", "));
        return what + ", " + r.point().label() + ": " + value + "; " + signals;
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
