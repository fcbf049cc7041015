package org.backcheck.report;

/**
 * Tail areas of the standard normal distribution, for p-values. {@code erfc} is computed from its
 * power series near 0 and from its continued fraction further out (Abramowitz and Stegun, Handbook of
 * Mathematical Functions, 1964, 7.1.5 and 7.1.14), each run until its terms no longer change the sum,
 * which gives close to double precision on both sides of the switch at |x| = 2.5.
 */
final class StandardNormal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private StandardNormal() {
    }

    /** P(|Z| ≥ |z|): the two-sided p-value of a z-statistic. */
    static double twoSided(double z) {
        return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /** The complementary error function, 1 − erf(x). */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            return 1 - erfSeries(x);
        }
        return erfcContinuedFraction(x);
    }

    /** erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)), summed until a term is negligible. */
    private static double erfSeries(double x) {
        double term = x;   // (−1)ⁿ x^(2n+1) / n!
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2 / SQRT_PI * sum;
    }

    /**
     * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated from the
     * front by the modified Lentz method until the convergents agree.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / SQRT_PI / f;
    }
}
