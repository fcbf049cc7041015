package org.backcheck.report;

/**
 * Exact Poisson limits for an observed count around an expected count E, as FunnelPlotR 0.6.0 draws a
 * ratio funnel without overdispersion ({@code R/calculate_limits.R}, the {@code draw_adjusted = FALSE}
 * branch for standardised ratios): lower = qχ²(p; 2E) / (2E), upper = qχ²(1 − p; 2(E + 1)) / (2E), with
 * p = 0.025 for 95% and 0.001 for 99.8%. Since qχ²(p; 2a) = 2·qΓ(p; a), these are qΓ(p; E)/E and
 * qΓ(1 − p; E + 1)/E, E not necessarily whole.
 *
 * <p>The gamma quantile inverts the regularised lower incomplete gamma function P(a, x), computed by its
 * power series for x &lt; a + 1 and by its continued fraction otherwise (W. H. Press et al., Numerical
 * Recipes, 3rd ed., §6.2), with ln Γ by Lanczos' approximation (C. Lanczos, SIAM J. Numer. Anal. B 1:86–96,
 * 1964; coefficients for g = 7, n = 9). The inversion brackets the root and bisects with Newton steps to
 * full double precision.
 */
final class ExactPoisson {

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double EPS = 1e-16;
    private static final int MAX_ITERATIONS = 10_000;

    private ExactPoisson() {
    }

    /** The lower limit of the ratio O/E with lower tail probability p. */
    static double lower(double expected, double p) {
        return gammaQuantile(p, expected) / expected;
    }

    /** The upper limit of the ratio O/E with upper tail probability p. */
    static double upper(double expected, double p) {
        return gammaQuantile(1 - p, expected + 1) / expected;
    }

    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** P(a, x), the regularised lower incomplete gamma function. */
    static double regularisedGammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        double logPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPS) {
                    break;
                }
            }
            return sum * Math.exp(logPrefix);
        }
        // Q(a, x) by the modified Lentz continued fraction; P = 1 − Q.
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return 1 - Math.exp(logPrefix) * h;
    }

    /** x with P(a, x) = p, for 0 &lt; p &lt; 1 and a &gt; 0. */
    static double gammaQuantile(double p, double a) {
        if (!(p > 0 && p < 1) || !(a > 0)) {
            throw new IllegalArgumentException("need 0 < p < 1 and a > 0: p=" + p + ", a=" + a);
        }
        double lo = 0;
        double hi = Math.max(1, a);
        while (regularisedGammaP(a, hi) < p) {
            lo = hi;
            hi *= 2;
        }
        double x = (lo + hi) / 2;
        for (int i = 0; i < 400 && hi - lo > Math.ulp(x) * 4; i++) {
            double f = regularisedGammaP(a, x) - p;
            if (f == 0 || Math.abs(f) < 1e-15 * p) {
                return x;
            }
            if (f < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double density = Math.exp(-x + (a - 1) * Math.log(x) - logGamma(a));
            double newton = x - f / density;
            x = newton > lo && newton < hi && Double.isFinite(newton) ? newton : (lo + hi) / 2;
        }
        return x;
    }
}
