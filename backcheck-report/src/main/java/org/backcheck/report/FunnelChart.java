package org.backcheck.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A funnel plot as inline SVG: each organisation's value against its denominator, with the target
 * and the 95% and 99.8% limits drawn as labelled curves, and any reference lines (the benchmark). The x
 * axis is logarithmic: denominators of NHS organisations span two or three orders of magnitude, so on a
 * linear axis the many small ones crowd into a corner where the funnel is widest; on a log axis they spread
 * out evenly and the funnel opens smoothly. Points outside the 99.8% limits are filled, points outside
 * the 95% limits ringed, and both are labelled on the chart ({@link FunnelResult.Point#label()}); each
 * point names its organisation and figures on hover.
 */
final class FunnelChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 56;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;

    private FunnelChart() {
    }

    /**
     * @param scale      multiplier from the natural scale to the y axis (1000 for "per 1,000")
     * @param hidden     points not drawn (disclosure control); the caller lists them
     * @param hover      the hover text of a point
     * @param references horizontal reference lines, on the y axis's scale (e.g. a benchmark per 1,000)
     */
    static String svg(String id, FunnelResult f, double scale, String title, String xLabel, String yLabel,
                      Predicate<FunnelResult.Point> hidden, Function<FunnelResult.Point, String> hover,
                      List<SpcChartSvg.Reference> references, Function<FunnelResult.Point, String> label, Shown shown) {
        // The axes are set by the drawn points only: a hidden point must not show through the scale.
        List<FunnelResult.Point> points = f.points().stream().filter(p -> !hidden.test(p)).toList();
        // Points are placed at their published figures (from rounded counts under control, Shown#drawn), so that
        // a point's coordinates, written to a tenth of a pixel, give back no exact count.
        double maxX = points.stream().mapToDouble(p -> shown.drawnDenominator(f, p)).max().orElse(10) * 1.5;
        double minX = points.stream().mapToDouble(p -> shown.drawnDenominator(f, p)).min().orElse(1) / 1.5;
        if (!(maxX / minX >= 10)) {
            double mid = Math.sqrt(maxX * minX);
            minX = mid / Math.sqrt(10);
            maxX = mid * Math.sqrt(10);
        }
        double maxValue = points.stream().mapToDouble(p -> shown.drawnValue(f, p)).max().orElse(f.target());
        double top = Math.max(maxValue, f.target()) * scale * 1.15;
        for (SpcChartSvg.Reference r : references) {
            top = Math.max(top, r.value() * 1.1);
        }
        double bottom = 0;
        if (f.measure() == FunnelMeasure.RATIO) {
            double minValue = points.stream().mapToDouble(p -> shown.drawnValue(f, p)).filter(v -> v > 0).min().orElse(1);
            bottom = Math.min(minValue, 1) * 0.85;
            top = Math.max(maxValue, 1) * 1.15;
        }
        if (!(top > bottom)) {
            top = bottom + 1;
        }
        Scale x = new Scale(Math.log10(minX), Math.log10(maxX), LEFT, WIDTH - RIGHT);
        Scale y = new Scale(bottom, top, HEIGHT - BOTTOM, TOP);
        Svg svg = new Svg(id, WIDTH, HEIGHT, title, "Funnel plot: " + yLabel + " against " + xLabel
                + " (logarithmic axis), with the target line and 95% and 99.8% control limits; organisations outside the"
                + " limits are labelled. Hover over a point for its figures.");
        String clip = id + "-clip";
        svg.clipRect(clip, LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        axes(svg, x, y, xLabel, yLabel);
        int steps = 160;
        double[][] curves = new double[4][2 * steps];
        FunnelLevel[] levels = {FunnelLevel.P95, FunnelLevel.P95, FunnelLevel.P998, FunnelLevel.P998};
        for (int i = 0; i < steps; i++) {
            double n = Math.pow(10, x.lo() + (x.hi() - x.lo()) * i / (steps - 1));
            FunnelResult.Limits l95 = f.limitsAt(n, FunnelLevel.P95);
            FunnelResult.Limits l998 = f.limitsAt(n, FunnelLevel.P998);
            double px = x.at(Math.log10(n));
            set(curves[0], i, px, y.at(l95.lower() * scale));
            set(curves[1], i, px, y.at(l95.upper() * scale));
            set(curves[2], i, px, y.at(l998.lower() * scale));
            set(curves[3], i, px, y.at(l998.upper() * scale));
        }
        for (int c = 0; c < 4; c++) {
            String cls = levels[c] == FunnelLevel.P95 ? "limit95" : "limit998";
            svg.polyline(curves[c], cls, clip);
            double ly = curves[c][2 * steps - 1];
            if (Double.isFinite(ly) && ly >= TOP && ly <= HEIGHT - BOTTOM) {
                svg.text(WIDTH - RIGHT + 3, ly + (c % 2 == 0 ? 10 : -2), levels[c].label(), "limitlabel " + cls + "label");
            }
        }
        double ty = y.at(f.target() * scale);
        svg.line(LEFT, ty, WIDTH - RIGHT, ty, "target");
        for (SpcChartSvg.Reference r : references) {
            double ry = y.at(r.value());
            svg.line(LEFT, ry, WIDTH - RIGHT, ry, r.cssClass());
            svg.text(LEFT + 4, ry - 3, r.label(), "reflabel " + r.cssClass() + "label");
        }
        List<double[]> placed = new ArrayList<>();
        List<FunnelResult.Point> labelled = new ArrayList<>();
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
            double drawn = shown.drawnValue(f, p);
            double v = f.measure() == FunnelMeasure.RATIO && drawn == 0 ? bottom : drawn * scale;
            double px = x.at(Math.log10(shown.drawnDenominator(f, p)));
            double py = Math.max(TOP, Math.min(HEIGHT - BOTTOM, y.at(v)));
            svg.circle(px, py, 4.5, cls, hover.apply(p));
            if (p.outlier95() != FunnelResult.Outlier.NONE) {
                labelled.add(p);
                placed.add(new double[] {px, py});
            }
        }
        labels(svg, labelled, placed, label);
        legend(svg);
        return svg.toString();
    }

    /** Labels beside the outliers, moved down a line at a time where one would overlap another. */
    private static void labels(Svg svg, List<FunnelResult.Point> points, List<double[]> at,
                               Function<FunnelResult.Point, String> label) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> at.get(i)[1]));
        // The legend is taken, a line at a time, so that no label is written under it.
        List<double[]> boxes = new ArrayList<>();
        for (double y = LEGEND_TOP + 6; y < LEGEND_TOP + LEGEND_HEIGHT + 6; y += 6) {
            boxes.add(new double[] {LEGEND_LEFT, y, LEGEND_WIDTH});
        }
        for (int i : order) {
            String text = label.apply(points.get(i));
            double w = 6.5 * text.length() + 4;
            double right = at.get(i)[0] + 7;
            double left = Math.max(LEFT + 2, at.get(i)[0] - 7 - w);
            double[] place = place(boxes, right + w > WIDTH - RIGHT ? left : right, at.get(i)[1] + 4, w);
            if (place == null) {
                place = place(boxes, right + w > WIDTH - RIGHT ? right : left, at.get(i)[1] + 4, w);
            }
            if (place == null) {
                place = new double[] {right + w > WIDTH - RIGHT ? left : right, at.get(i)[1] + 4};
            }
            boxes.add(new double[] {place[0], place[1], w});
            svg.text(place[0], place[1], text, "ptlabel");
        }
    }

    /** Where a label of width {@code w} fits at {@code x}, from {@code y} down a line at a time; null if nowhere near. */
    private static double[] place(List<double[]> boxes, double x, double y, double w) {
        if (x < LEFT || x + w > WIDTH - RIGHT) {
            return null;
        }
        for (int tries = 0; tries < 8; tries++, y += 12) {
            if (!overlaps(boxes, x, y, w) && y < HEIGHT - BOTTOM) {
                return new double[] {x, y};
            }
        }
        return null;
    }

    private static boolean overlaps(List<double[]> boxes, double x, double y, double w) {
        for (double[] b : boxes) {
            if (Math.abs(b[1] - y) < 12 && x < b[0] + b[2] && b[0] < x + w) {
                return true;
            }
        }
        return false;
    }

    private static void set(double[] xy, int i, double px, double py) {
        xy[2 * i] = px;
        xy[2 * i + 1] = Double.isFinite(py) ? py : Double.NaN;
    }

    /** Axes with a logarithmic x scale (x holds log10 of the denominator): ticks at 1, 2 and 5 × 10^k. */
    static void axes(Svg svg, Scale x, Scale y, String xLabel, String yLabel) {
        svg.line(x.from(), y.from(), x.to(), y.from(), "axis");
        svg.line(x.from(), y.from(), x.from(), y.to(), "axis");
        for (double t : y.ticks(6)) {
            double py = y.at(t);
            svg.line(x.from(), py, x.to(), py, "grid");
            svg.text(x.from() - 6, py + 4, Scale.label(t), "tick ytick");
        }
        List<Double> ticks = new ArrayList<>();
        for (int k = (int) Math.floor(x.lo()); k <= Math.ceil(x.hi()); k++) {
            for (double m : new double[] {1, 2, 5}) {
                double t = m * Math.pow(10, k);
                if (Math.log10(t) >= x.lo() && Math.log10(t) <= x.hi()) {
                    ticks.add(t);
                }
            }
        }
        for (double t : ticks) {
            double px = x.at(Math.log10(t));
            svg.line(px, y.from(), px, y.from() + 5, "axis");
            svg.text(px, y.from() + 18, Scale.label(t), "tick xtick");
        }
        svg.text((x.from() + x.to()) / 2, y.from() + 40, xLabel + " (log scale)", "axislabel");
        svg.raw("<text transform=\"translate(16," + Svg.n((y.from() + y.to()) / 2) + ") rotate(-90)\" class=\"axislabel\">"
                + Svg.escape(yLabel) + "</text>");
    }

    /** The legend's box: its left edge, top, width and height. */
    private static final double LEGEND_WIDTH = 200;
    private static final double LEGEND_HEIGHT = 76;
    private static final double LEGEND_LEFT = WIDTH - RIGHT - LEGEND_WIDTH - 8;
    private static final double LEGEND_TOP = TOP + 4;

    private static void legend(Svg svg) {
        double lx = LEGEND_LEFT + 8;
        double ly = LEGEND_TOP + 4;
        svg.rect(LEGEND_LEFT, LEGEND_TOP, LEGEND_WIDTH, LEGEND_HEIGHT, "legendbox");
        svg.line(lx, ly + 6, lx + 24, ly + 6, "target").text(lx + 30, ly + 10, "target (pooled rate)", "legend");
        svg.line(lx, ly + 22, lx + 24, ly + 22, "limit95").text(lx + 30, ly + 26, "95% limits", "legend");
        svg.line(lx, ly + 38, lx + 24, ly + 38, "limit998").text(lx + 30, ly + 42, "99.8% limits", "legend");
        svg.text(lx, ly + 55, "filled: outside 99.8%; ringed: 95%", "legend");
        svg.text(lx, ly + 68, "labelled: outside 95% or 99.8%", "legend");
    }
}
