package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;

/** A linear map from data values to pixels, with round-number ticks for its axis. */
record Scale(double lo, double hi, double from, double to) {

    Scale {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
    }

    double at(double v) {
        return from + (v - lo) / (hi - lo) * (to - from);
    }

    /** About {@code count} ticks at 1, 2 or 5 × a power of ten, within [lo, hi]. */
    List<Double> ticks(int count) {
        double raw = (hi - lo) / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** A tick label: thousands separated, no decimals above 10, up to 3 significant decimals below. */
    static String label(double v) {
        if (Math.abs(v) >= 10 || v == Math.rint(v)) {
            return FixedPoint.wholeGrouped(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
