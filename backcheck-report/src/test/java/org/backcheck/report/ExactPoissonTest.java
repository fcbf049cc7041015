package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Exact Poisson ratio limits against R 4.2's {@code qchisq}, in the form FunnelPlotR 0.6.0's
 * {@code R/calculate_limits.R} uses (target 1, multiplier 1): per E,
 * {@code qchisq(0.975, 2*E, lower.tail=FALSE)/2/E, qchisq(0.025, 2*(E+1), lower.tail=FALSE)/2/E} and the same
 * with 0.999 and 0.001, printed with {@code %.17g}.
 */
class ExactPoissonTest {

    private static final double[][] R_QCHISQ = {
        {0.5, 0.00098206911717525769, 9.3484036044961449, 1.5707971492624932e-06, 16.266236196238129},
        {3, 0.20622404096520053, 2.9224243565807746, 0.063511125856134415, 4.3540802597293569},
        {250.37, 0.87995791858987504, 1.1318472327964222, 0.81602168563357058, 1.211114227989794},
        {5000, 0.97247183773897983, 1.0281097897070008, 0.95686684950939693, 1.0444774265122398},
    };

    @Test
    void limitsMatchRsChiSquareQuantiles() {
        for (double[] row : R_QCHISQ) {
            double e = row[0];
            assertThat(ExactPoisson.lower(e, 0.025)).as("95%% lower at E=%s", e).isCloseTo(row[1], within(1e-10 * row[1]));
            assertThat(ExactPoisson.upper(e, 0.025)).as("95%% upper at E=%s", e).isCloseTo(row[2], within(1e-10 * row[2]));
            assertThat(ExactPoisson.lower(e, 0.001)).as("99.8%% lower at E=%s", e).isCloseTo(row[3], within(1e-9 * row[3]));
            assertThat(ExactPoisson.upper(e, 0.001)).as("99.8%% upper at E=%s", e).isCloseTo(row[4], within(1e-10 * row[4]));
        }
    }

    @Test
    void ranksAverageTiesAsRDoes() {
        // rank(c(3, 1, 3, -Inf, 2, 3)) in R: 5 2 5 1 3 5
        assertThat(FunnelPlot.averageRanks(new double[] {3, 1, 3, Double.NEGATIVE_INFINITY, 2, 3}))
                .containsExactly(5, 2, 5, 1, 3, 5);
    }
}
