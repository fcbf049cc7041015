package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReportPeriod#month} reads a month label as {@link YearMonth#parse} does, and refuses what it refuses. */
class ReportPeriodMonthTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-01", "2024-12", "1900-06", "0000-01", "9999-12", "+10000-01", "-0001-03"})
    void readsWhatTheParserReads(String label) {
        assertThat(ReportPeriod.month(label)).isEqualTo(YearMonth.parse(label));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2024-13", "2024-00", "2024-1", "24-01", "2024/01", "2024-01-05", "unknown", "", "２０２４-01"})
    void refusesWhatTheParserRefuses(String label) {
        assertThatThrownBy(() -> YearMonth.parse(label)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> ReportPeriod.month(label)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2023-12", "2024-01", "2024-06", "2024-12", "2025-01", "unknown"})
    void containsMonthsFromFirstToLast(String label) {
        ReportPeriod period = ReportPeriod.of(Map.of("2024-03", new long[org.backcheck.classify.Status.values().length]),
                Optional.of(new YearMonth[] {YearMonth.of(2024, 1), YearMonth.of(2024, 12)}));
        boolean inside = List.of("2024-01", "2024-06", "2024-12").contains(label);
        assertThat(period.contains(label)).isEqualTo(inside);
    }
}
