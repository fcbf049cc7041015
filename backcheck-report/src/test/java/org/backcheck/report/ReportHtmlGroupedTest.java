package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ReportHtml#grouped} separates thousands in whole numbers, as {@code %,d} in the UK locale does. */
class ReportHtmlGroupedTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {"0|0", "999|999", "1000|1,000", "0999|999", "00001234|1,234", "123456|123,456",
        "1234567|1,234,567", "9223372036854775807|9,223,372,036,854,775,807", "12.5|12.5", "1234.5|1234.5",
        "-1234|-1234", "12a4|12a4", "'1 234'|1 234", "''|''", "<5|<5", "*|*", "١٢٣٤|١٢٣٤"})
    void groupsWholeNumbersOnly(String value, String shown) {
        assertThat(ReportHtml.grouped(value)).isEqualTo(shown);
    }

    @Test
    void agreesWithTheFormatter() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long n = random.nextLong(1000, Long.MAX_VALUE >> random.nextInt(0, 50));
            assertThat(ReportHtml.grouped(Long.toString(n))).isEqualTo(String.format(Locale.UK, "%,d", n));
        }
    }
}
