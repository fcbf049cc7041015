package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Tenths} must write exactly what {@code String.format(Locale.ROOT, "%.1f", v)} writes. */
class TenthsTest {

    private static String formatter(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0.0, -0.0, 0.05, 0.15, 0.25, 0.45, -0.05, -0.04, -0.15, 0.95, 9.95, 99.95, 999.96,
        -999.96, 9999999.95, 0.001, 0.00049, 1e-4, -1e-4, 1e7, 1.5e7, 123456.78, 1.04999, 1.05, 2.675, 760.0, 420,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE,
        0.1 + 0.2, 1.0 / 3, 2.0 / 3, -2.0 / 3, 370.04999999999995, 370.05000000000001})
    void writesWhatTheFormatterWrites(double v) {
        assertThat(Tenths.of(v)).isEqualTo(formatter(v));
    }

    @Test
    void agreesWithTheFormatterOnRandomChartCoordinatesAndBeyond() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble(-50, 1000);                       // pixels
                case 1 -> Math.round(random.nextDouble(-1e4, 1e4) * 100) / 100.0; // two decimals: ties
                case 2 -> Math.round(random.nextDouble(0, 1e5) * 20) / 20.0 - 0.05;
                default -> random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 9));
            };
            assertThat(Tenths.of(v)).as("%s", v).isEqualTo(formatter(v));
        }
    }
}
