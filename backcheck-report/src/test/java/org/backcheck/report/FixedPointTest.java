package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FixedPoint} must write exactly what {@link java.util.Formatter} writes for the same pattern. */
class FixedPointTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0.0, -0.0, 0.05, 0.15, 0.25, 0.45, 0.5, 1.5, 2.5, -0.5, -0.4, -0.05, -0.04, -0.15, 0.95,
        9.5, 9.95, 99.5, 99.95, 999.5, 999.96, -999.96, 9999.5, 9999999.95, 0.001, 0.00049, 1e-4, -1e-4, 1e7, 1.5e7,
        -2.5e7, 123456.78, 1234567.5, 1.04999, 1.05, 2.675, 760.0, 420, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1.0 / 3, 2.0 / 3,
        -2.0 / 3, 370.04999999999995, 370.05000000000001, 1e21, 123456789012.5})
    void writesWhatTheFormatterWrites(double v) {
        assertThat(FixedPoint.tenths(v)).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
        assertThat(FixedPoint.of(v, 0)).isEqualTo(String.format(Locale.ROOT, "%.0f", v));
        assertThat(FixedPoint.wholeGrouped(v)).isEqualTo(String.format(Locale.UK, "%,.0f", v));
    }

    @Test
    void agreesWithTheFormatterOnRandomChartCoordinatesAndBeyond() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 5) {
                case 0 -> random.nextDouble(-50, 1000);                            // pixels
                case 1 -> Math.round(random.nextDouble(-1e4, 1e4) * 100) / 100.0;  // ties at two decimals
                case 2 -> Math.round(random.nextDouble(0, 1e5) * 20) / 20.0 - 0.05;
                case 3 -> Math.round(random.nextDouble(-1e6, 1e6) * 2) / 2.0;      // ties at no decimals
                default -> random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 12));
            };
            assertThat(FixedPoint.tenths(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
            assertThat(FixedPoint.wholeGrouped(v)).as("%s", v).isEqualTo(String.format(Locale.UK, "%,.0f", v));
        }
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {"0|0", "999|999", "-999|-999", "1000|1,000", "-1000|-1,000", "123456|123,456",
        "1234567|1,234,567", "-1234567|-1,234,567", "9223372036854775807|9,223,372,036,854,775,807", "12.5|12.5",
        "NaN|NaN", "Infinity|Infinity", "-Infinity|-Infinity", "12a4|12a4", "-|-", "''|''"})
    void groupsThousands(String integer, String shown) {
        assertThat(FixedPoint.thousands(integer)).isEqualTo(shown);
    }

    @Test
    void groupsAsTheFormatterDoesForEveryLong() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long n = random.nextLong() >> random.nextInt(0, 63);
            assertThat(FixedPoint.thousands(Long.toString(n))).isEqualTo(String.format(Locale.UK, "%,d", n));
        }
    }

    @Test
    void refusesOtherPlaces() {
        assertThatThrownBy(() -> FixedPoint.of(1.25, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
