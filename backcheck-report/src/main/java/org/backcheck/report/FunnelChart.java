package org.backcheck.report;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A funnel plot as inline SVG: each organisation's value against its denominator, with the target
 * and the 95% and 99.8% limits drawn as curves. Points outside the 99.8% limits are filled; each point
 * names its organisation and figures on hover.
 */
final class FunnelChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;

    private FunnelChart() {
    }

    /**
     * @param scale  multiplier from the natural scale to the y axis (1000 for "per 1,000")
     * @param hidden points not drawn (disclosure control); the caller lists them
     * @param hover  the hover text of a point
     */
    static String svg(String id, FunnelResult f, double scale, String title, String xLabel, String yLabel,
                      Predicate<FunnelResult.Point> hidden, Function<FunnelResult.Point, String> hover) {
        // The axes are set by the drawn points only: a hidden point must not show through the scale.
        List<FunnelResult.Point> points = f.points().stream().filter(p -> !hidden.test(p)).toList();
        double maxX = points.stream().mapToDouble(p -> p.unit().denominator()).max().orElse(1) * 1.05;
        double maxValue = points.stream().mapToDouble(FunnelResult.Point::value).max().orElse(f.target());
        double top = Math.max(maxValue, f.target()) * scale * 1.15;
        double bottom = 0;
        if (f.measure() == FunnelMeasure.RATIO) {
            double minValue = points.stream().mapToDouble(FunnelResult.Point::value).filter(v -> v > 0).min().orElse(1);
            bottom = Math.min(minValue, 1) * 0.85;
            top = Math.max(maxValue, 1) * 1.15;
        }
        if (!(top > bottom)) {
            top = bottom + 1;
        }
        Scale x = new Scale(0, maxX, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(bottom, top, HEIGHT - BOTTOM, TOP);
        Svg svg = new Svg(id, WIDTH, HEIGHT, title, "Funnel plot: " + yLabel + " against " + xLabel
                + ", with the target line and 95% and 99.8% control limits. Hover over a point for its figures.");
        String clip = id + "-clip";
        svg.clipRect(clip, LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        axes(svg, x, y, xLabel, yLabel);
        // Limits: evaluated from a small denominator to the largest, on a log-spaced grid.
        int steps = 120;
        double minDen = Math.max(1e-6, maxX / 2000);
        double[] lo95 = new double[2 * steps];
        double[] hi95 = new double[2 * steps];
        double[] lo998 = new double[2 * steps];
        double[] hi998 = new double[2 * steps];
        for (int i = 0; i < steps; i++) {
            double n = minDen * Math.pow(maxX / minDen, i / (double) (steps - 1));
            FunnelResult.Limits l95 = f.limitsAt(n, FunnelPlot.Z95);
            FunnelResult.Limits l998 = f.limitsAt(n, FunnelPlot.Z998);
            double px = x.at(n);
            set(lo95, i, px, y.at(l95.lower() * scale));
            set(hi95, i, px, y.at(l95.upper() * scale));
            set(lo998, i, px, y.at(l998.lower() * scale));
            set(hi998, i, px, y.at(l998.upper() * scale));
        }
        svg.polyline(lo998, "limit998", clip).polyline(hi998, "limit998", clip)
                .polyline(lo95, "limit95", clip).polyline(hi95, "limit95", clip);
        double ty = y.at(f.target() * scale);
        svg.line(LEFT, ty, WIDTH - RIGHT, ty, "target");
        for (FunnelResult.Point p : points) {
            String cls = switch (p.outlier998()) {
                case HIGH -> "pt high998";
                case LOW -> "pt low998";
                default -> switch (p.outlier95()) {
                    case HIGH -> "pt high95";
                    case LOW -> "pt low95";
                    default -> "pt";
                };
            };
            double v = f.measure() == FunnelMeasure.RATIO && p.value() == 0 ? bottom : p.value() * scale;
            svg.circle(x.at(p.unit().denominator()), Math.max(TOP, Math.min(HEIGHT - BOTTOM, y.at(v))), 4.5, cls,
                    hover.apply(p));
        }
        legend(svg);
        return svg.toString();
    }

    private static void set(double[] xy, int i, double px, double py) {
        xy[2 * i] = px;
        xy[2 * i + 1] = Double.isFinite(py) ? py : Double.NaN;
    }

    static void axes(Svg svg, Scale x, Scale y, String xLabel, String yLabel) {
        svg.line(x.from(), y.from(), x.to(), y.from(), "axis");
        svg.line(x.from(), y.from(), x.from(), y.to(), "axis");
        for (double t : y.ticks(6)) {
            double py = y.at(t);
            svg.line(x.from(), py, x.to(), py, "grid");
            svg.text(x.from() - 6, py + 4, Scale.label(t), "tick ytick");
        }
        for (double t : x.ticks(7)) {
            double px = x.at(t);
            svg.line(px, y.from(), px, y.from() + 5, "axis");
            svg.text(px, y.from() + 18, Scale.label(t), "tick xtick");
        }
        svg.text((x.from() + x.to()) / 2, y.from() + 40, xLabel, "axislabel");
        svg.raw("<text transform=\"translate(16," + Svg.n((y.from() + y.to()) / 2) + ") rotate(-90)\" class=\"axislabel\">"
                + Svg.escape(yLabel) + "</text>");
    }

    private static void legend(Svg svg) {
        double lx = WIDTH - RIGHT - 190;
        double ly = TOP + 8;
        svg.rect(lx - 8, ly - 4, 190, 62, "legendbox");
        svg.line(lx, ly + 6, lx + 24, ly + 6, "target").text(lx + 30, ly + 10, "target", "legend");
        svg.line(lx, ly + 22, lx + 24, ly + 22, "limit95").text(lx + 30, ly + 26, "95% limits", "legend");
        svg.line(lx, ly + 38, lx + 24, ly + 38, "limit998").text(lx + 30, ly + 42, "99.8% limits", "legend");
        svg.text(lx, ly + 55, "filled point: outside 99.8%", "legend");
    }
}
