package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --period}'s forms: financial years and quarters, calendar quarters, month ranges, and their words. */
class PeriodTextTest {

    @ParameterizedTest(name = "{0} = {1}..{2}")
    @CsvSource(delimiter = '|', value = {
            // financial year: April to March, across the calendar year's end
            "2024/25        | 2024-04 | 2025-03",
            "1999/00        | 1999-04 | 2000-03",
            " 2023/24       | 2023-04 | 2024-03",
            // financial quarters: Q1 April-June ... Q4 January-March of the second year
            "2024/25 Q1     | 2024-04 | 2024-06",
            "2024/25Q2      | 2024-07 | 2024-09",
            "2024/25 Q3     | 2024-10 | 2024-12",
            "2024/25 q4     | 2025-01 | 2025-03",
            // calendar quarters: Q1 January-March ... Q4 October-December
            "2024Q1         | 2024-01 | 2024-03",
            "2024Q3         | 2024-07 | 2024-09",
            "2024 Q4        | 2024-10 | 2024-12",
            "2024-04..2025-03 | 2024-04 | 2025-03",
            "2024-03..2024-03 | 2024-03 | 2024-03",
            // the ends of the years the audit reads appointment dates in, 1990 to 2089
            "1990-01..1990-03 | 1990-01 | 1990-03",
            "1990Q1           | 1990-01 | 1990-03",
            "1989/90 Q4       | 1990-01 | 1990-03",
            "2089/90 Q3       | 2089-10 | 2089-12",
            "1990/91          | 1990-04 | 1991-03",
            "2088/89          | 2088-04 | 2089-03",
            "2089Q4           | 2089-10 | 2089-12",
            "2089-12..2089-12 | 2089-12 | 2089-12"})
    void readsEachForm(String text, String first, String last) {
        YearMonth[] p = ReportPeriod.parse(text);
        assertThat(p).containsExactly(YearMonth.parse(first), YearMonth.parse(last));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2024", "2024/26", "2024/2025", "2024/25 Q5", "2024/25 Q0", "2024Q0", "2024Q5", "Q3 2024",
            "2024-Q3", "24/25", "2025-03..2024-04", "2024-13..2025-01", "", "2024/25 H1"})
    void refusesOtherForms(String text) {
        assertThatThrownBy(() -> ReportPeriod.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--period must").hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"9999/00", "2089/90", "2089/90 Q4", "2090Q1", "2089-12..2090-01", "1989/90 Q3", "1989Q4",
            "1989-12..1990-03", "0001-01..0001-02", "+10000-01..+10000-02"})
    void refusesYearsTheAuditDoesNotRead(String text) {
        assertThatThrownBy(() -> ReportPeriod.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--period must lie within 1990-01 to 2089-12, the months the audit reads"
                        + " appointment dates in (years 1990 to 2089)")
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2024", "2024Q5", "2025-03..2024-04"})
    void theMessageNamesEveryForm(String text) {
        assertThatThrownBy(() -> ReportPeriod.parse(text)).hasMessageStartingWith("--period must be FIRST..LAST")
                .hasMessageContaining("2024/25 = April 2024 to March 2025")
                .hasMessageContaining("2024/25 Q3 = October to December 2024")
                .hasMessageContaining("2024Q3 = July to September 2024");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024/25    | 2024/25 (April 2024 to March 2025)",
            "2024/25 Q3 | October to December 2024 (financial 2024/25 Q3, calendar 2024Q4)",
            "2024Q3     | July to September 2024 (financial 2024/25 Q2, calendar 2024Q3)",
            "2025Q1     | January to March 2025 (financial 2024/25 Q4, calendar 2025Q1)",
            "2024/25 Q1 | April to June 2024 (financial 2024/25 Q1, calendar 2024Q2)",
            "2024-01..2024-06 | 2024-01 to 2024-06",
            "2024-02..2024-04 | 2024-02 to 2024-04",
            "2024-05..2024-05 | 2024-05"})
    void labelsThePeriodInWords(String text, String label) {
        ReportPeriod period = ReportPeriod.of(Map.of(), Optional.of(ReportPeriod.parse(text)));
        assertThat(period.label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "{0} after {1}..{2}")
    @CsvSource(delimiter = '|', value = {
            "2024/25    | 2023-04 | 2024-03",
            "2024/25 Q4 | 2024-10 | 2024-12",
            "2024Q1     | 2023-10 | 2023-12",
            "2024-03..2024-03 | 2024-02 | 2024-02"})
    void thePreviousPeriodIsTheSameLengthJustBefore(String text, String first, String last) {
        ReportPeriod period = ReportPeriod.of(Map.of(), Optional.of(ReportPeriod.parse(text)));
        assertThat(period.previous().orElseThrow()).containsExactly(YearMonth.parse(first), YearMonth.parse(last));
    }
}
