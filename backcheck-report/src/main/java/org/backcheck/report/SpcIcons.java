package org.backcheck.report;

import java.util.Locale;

/**
 * The Making Data Count variation and assurance icons, drawn here as simple SVG of our own (not NHS
 * England's artwork): a circle coloured by meaning, with a symbol and a letter, and a text alternative
 * (an SVG {@code <title>}) that says what it means. Variation: grey with a level line for common cause;
 * blue with an arrow for special cause improving (down, L, when lower is better); orange with an arrow for
 * special cause concerning. Assurance: blue P (consistently passes the target), orange F (consistently
 * fails), grey ? (hit and miss).
 */
final class SpcIcons {

    private SpcIcons() {
    }

    /** What the variation icon says, e.g. "special cause: concerning (higher)". */
    static String variationText(SpcResult.Variation v, SpcResult.Direction better) {
        String higher = better == SpcResult.Direction.LOW ? "higher" : "lower";
        String lower = better == SpcResult.Direction.LOW ? "lower" : "higher";
        return switch (v) {
            case COMMON_CAUSE -> "common cause variation: no signal at the latest month";
            case IMPROVEMENT -> "special cause variation, improving (" + lower + ") at the latest month";
            case CONCERN -> "special cause variation, concerning (" + higher + ") at the latest month";
        };
    }

    static String assuranceText(SpcResult.Assurance a) {
        return switch (a) {
            case CONSISTENT_PASS -> "assurance: the process consistently passes the target (target outside the limits, on the good side)";
            case CONSISTENT_FAIL -> "assurance: the process consistently fails the target (target outside the limits, on the bad side)";
            case HIT_AND_MISS -> "assurance: hit and miss (the target lies between the process limits)";
        };
    }

    /** The variation icon centred at (cx, cy) with radius r. */
    static String variation(SpcResult.Variation v, SpcResult.Direction better, double cx, double cy, double r) {
        String cls = v.name().toLowerCase(Locale.ROOT).replace('_', '-');
        StringBuilder b = open("icon variation " + cls, variationText(v, better), cx, cy, r);
        if (v == SpcResult.Variation.COMMON_CAUSE) {
            b.append(path("M" + Svg.n(cx - r * 0.55) + " " + Svg.n(cy) + " L" + Svg.n(cx - r * 0.2) + " " + Svg.n(cy - r * 0.25)
                    + " L" + Svg.n(cx + r * 0.2) + " " + Svg.n(cy + r * 0.25) + " L" + Svg.n(cx + r * 0.55) + " " + Svg.n(cy)));
        } else {
            boolean up = (v == SpcResult.Variation.CONCERN) == (better == SpcResult.Direction.LOW);
            double tip = up ? cy - r * 0.6 : cy + r * 0.6;
            double tail = up ? cy + r * 0.35 : cy - r * 0.35;
            double wing = up ? tip + r * 0.3 : tip - r * 0.3;
            b.append(path("M" + Svg.n(cx - r * 0.25) + " " + Svg.n(tail) + " L" + Svg.n(cx - r * 0.25) + " " + Svg.n(tip)
                    + " M" + Svg.n(cx - r * 0.5) + " " + Svg.n(wing) + " L" + Svg.n(cx - r * 0.25) + " " + Svg.n(tip)
                    + " L" + Svg.n(cx) + " " + Svg.n(wing)));
            b.append(letter(up ? "H" : "L", cx + r * 0.35, cy, r));
        }
        return b.append("</g>").toString();
    }

    /** The assurance icon centred at (cx, cy) with radius r. */
    static String assurance(SpcResult.Assurance a, double cx, double cy, double r) {
        String cls = a.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String mark = switch (a) {
            case CONSISTENT_PASS -> "P";
            case CONSISTENT_FAIL -> "F";
            case HIT_AND_MISS -> "?";
        };
        return open("icon assurance " + cls, assuranceText(a), cx, cy, r).append(letter(mark, cx, cy, r * 1.5))
                .append("</g>").toString();
    }

    private static StringBuilder open(String cls, String text, double cx, double cy, double r) {
        return new StringBuilder("<g class=\"").append(cls).append("\" role=\"img\" aria-label=\"").append(Svg.escape(text))
                .append("\"><title>").append(Svg.escape(text)).append("</title><circle cx=\"").append(Svg.n(cx))
                .append("\" cy=\"").append(Svg.n(cy)).append("\" r=\"").append(Svg.n(r)).append("\" class=\"iconbg\"/>");
    }

    private static String path(String d) {
        return "<path d=\"" + d + "\" class=\"iconmark\"/>";
    }

    private static String letter(String s, double x, double cy, double r) {
        return "<text x=\"" + Svg.n(x) + "\" y=\"" + Svg.n(cy + r * 0.3) + "\" class=\"iconletter\" font-size=\""
                + Svg.n(r * 0.8) + "\">" + Svg.escape(s) + "</text>";
    }
}
