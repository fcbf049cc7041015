package org.backcheck.report;

/**
 * A small SVG writer for the report's charts: inline markup only (no scripts, no external
 * resources), numbers rounded to a tenth of a pixel, every text escaped. A shape may carry a
 * {@code <title>}, which browsers show on hover and screen readers read.
 */
final class Svg {

    private final StringBuilder sb = new StringBuilder();

    Svg(String id, int width, int height, String title, String description) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        if (id != null) {
            sb.append(" id=\"").append(escape(id)).append('"');
        }
        sb.append(" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" class=\"chart\"><title>").append(escape(title)).append("</title><desc>")
                .append(escape(description)).append("</desc>");
    }

    Svg raw(String markup) {
        sb.append(markup);
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(cssClass).append("\"/>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String cssClass) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" class=\"").append(cssClass).append("\"/>");
        return this;
    }

    /** A polyline through the points (x0, y0, x1, y1, ...); NaN coordinates split it. */
    Svg polyline(double[] xy, String cssClass, String clip) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (Double.isNaN(xy[i]) || Double.isNaN(xy[i + 1])) {
                pen = false;
                continue;
            }
            d.append(pen ? " L" : " M").append(n(xy[i])).append(' ').append(n(xy[i + 1]));
            pen = true;
        }
        if (d.length() > 0) {
            sb.append("<path d=\"").append(d.toString().trim()).append("\" class=\"").append(cssClass).append('"');
            if (clip != null) {
                sb.append(" clip-path=\"url(#").append(clip).append(")\"");
            }
            sb.append("/>");
        }
        return this;
    }

    /** A point with a hover title. */
    Svg circle(double cx, double cy, double r, String cssClass, String title) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" class=\"").append(cssClass).append("\" tabindex=\"0\"><title>").append(escape(title))
                .append("</title></circle>");
        return this;
    }

    Svg text(double x, double y, String text, String cssClass) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" class=\"").append(cssClass)
                .append("\">").append(escape(text)).append("</text>");
        return this;
    }

    Svg clipRect(String id, double x, double y, double w, double h) {
        sb.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h)).append("\"/></clipPath>");
        return this;
    }

    @Override
    public String toString() {
        return sb + "</svg>";
    }

    static String n(double v) {
        return FixedPoint.tenths(v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
