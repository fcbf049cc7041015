package org.backcheck.report;

import java.util.Optional;

/**
 * The two-sided test of two independent proportions with the pooled standard error (the normal form of
 * the chi-squared test of a fourfold table without continuity correction; Fleiss, Levin and Paik,
 * Statistical Methods for Rates and Proportions, 3rd ed., Wiley 2003, chapter 3):
 * <pre>
 *   p̂ = (x₀ + x₁) / (n₀ + n₁),   z = (x₁/n₁ − x₀/n₀) / √(p̂ (1 − p̂) (1/n₀ + 1/n₁)),   p = P(|Z| ≥ |z|).
 * </pre>
 * The normal approximation is used only where every expected count of the fourfold table under equal
 * proportions, n p̂ and n (1 − p̂) in each period, is at least 5 (Cochran's rule, as Fleiss et al. give it);
 * otherwise there is no test.
 *
 * @param z the statistic, positive when the later proportion is the higher
 * @param p its two-sided p-value
 */
record TwoProportionTest(double z, double p) {

    /** Smallest expected count in any cell for the test to be made. */
    static final double MIN_EXPECTED = 5;

    /**
     * The test of {@code x1/n1} (later) against {@code x0/n0} (earlier); empty when a count is too small
     * for the normal approximation (or a proportion has no denominator).
     */
    static Optional<TwoProportionTest> of(long x0, long n0, long x1, long n1) {
        if (n0 <= 0 || n1 <= 0 || x0 < 0 || x1 < 0 || x0 > n0 || x1 > n1) {
            return Optional.empty();
        }
        double pooled = (double) (x0 + x1) / (n0 + n1);
        double smallest = Math.min(Math.min(n0, n1) * pooled, Math.min(n0, n1) * (1 - pooled));
        if (smallest < MIN_EXPECTED) {
            return Optional.empty();
        }
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n0 + 1.0 / n1));
        double z = ((double) x1 / n1 - (double) x0 / n0) / se;
        return Optional.of(new TwoProportionTest(z, StandardNormal.twoSided(z)));
    }
}
