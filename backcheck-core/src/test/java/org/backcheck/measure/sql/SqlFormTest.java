package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.Optional;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The forms of the query: grain, period and statement, as text (the databases run them in backcheck-audit's tests). */
class SqlFormTest {

    private static String sql(SqlDialect dialect, SqlForm form) {
        return MeasureSql.select(Measure.lowerBackImaging(), dialect, NullPolicy.CLINICAL, TableName.parse("opa"), form);
    }

    private static Optional<YearMonth[]> period(String first, String last) {
        return Optional.of(new YearMonth[] {YearMonth.parse(first), YearMonth.parse(last)});
    }

    @Test
    void aPeriodIsAFirstMonthNotAfterTheLast() {
        assertThatThrownBy(() -> new SqlForm(SqlGrain.TOTAL, period("2025-03", "2024-04"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the first not after the last");
        assertThat(new SqlForm(SqlGrain.TOTAL, period("2024-04", "2024-04"), false).period()).isPresent();
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void thePeriodKeepsItsFirstAndLastMonthsAndNoUnknownMonth(SqlDialect dialect) {
        String sql = sql(dialect, new SqlForm(SqlGrain.ROW, period("2024-04", "2025-03"), false));
        assertThat(sql).contains("WHERE appointment_month.month <> 'unknown'\n  AND appointment_month.month BETWEEN"
                + " '2024-04' AND '2025-03'\n").contains("--period").contains("2024-04..2025-03`").endsWith(") AS appointment_month\n"
                + "-- Only appointments from 2024-04 to 2025-03 (a date without a month is outside).\n"
                + "WHERE appointment_month.month <> 'unknown'\n  AND appointment_month.month BETWEEN '2024-04' AND '2025-03'\n");
        // The row query still returns the table's columns, status and reason only.
        assertThat(sql.substring(sql.indexOf("\nSELECT\n"), sql.indexOf("\nFROM "))).doesNotContain("appointment_");
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void withoutAPeriodOrMonthsTheDateIsNotRead(SqlDialect dialect) {
        assertThat(body(sql(dialect, SqlForm.ROWS))).doesNotContain("Appointment_Date").doesNotContain("WHERE");
        assertThat(body(sql(dialect, new SqlForm(SqlGrain.PROVIDER, Optional.empty(), false))))
                .doesNotContain("Appointment_Date").contains("GROUP BY provider\n").doesNotContain("ORDER BY")
                .doesNotEndWith(";\n");
    }

    /** The query after its header comment. */
    private static String body(String sql) {
        return sql.substring(sql.indexOf("\nSELECT\n"));
    }

    @ParameterizedTest
    @EnumSource(value = SqlGrain.class, names = "ROW", mode = EnumSource.Mode.EXCLUDE)
    void eachGrainHasItsKeysAndTheFiveFigures(SqlGrain grain) {
        String sql = sql(SqlDialect.POSTGRES, new SqlForm(grain, Optional.empty(), true));
        String select = sql.substring(sql.indexOf("\nSELECT\n"), sql.indexOf("\nFROM ("));
        assertThat(select).contains("'" + grain.id() + "' AS grain").contains("AS records").contains("AS counted")
                .contains("AS excluded").contains("AS unmatched").contains("AS rejected");
        for (String key : grain.keys()) {
            assertThat(select).contains("    " + key + ",\n");
        }
        assertThat(sql).endsWith(grain.keys().isEmpty() ? ") AS judged_row;\n"
                : "GROUP BY " + String.join(", ", grain.keys()) + "\nORDER BY " + String.join(", ", grain.keys()) + ";\n");
        assertThat(sql).contains("No disclosure control");
    }

    @Test
    void grainsAreNamedAsInAggregatesCsv() {
        assertThat(SqlGrain.fromId("Provider_Month")).isEqualTo(SqlGrain.PROVIDER_MONTH);
        assertThat(SqlGrain.PROVIDER_MONTH.keys()).containsExactly("provider", "month");
        assertThat(SqlGrain.COMMISSIONER.keys()).containsExactly("commissioner");
        assertThat(SqlGrain.TOTAL.keys()).isEmpty();
        assertThatThrownBy(() -> SqlGrain.fromId("site")).hasMessage("unknown grain 'site': expected row, total, month,"
                + " provider, provider_month, commissioner, commissioner_month");
    }
}
