package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Optional;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.SqlForm;
import org.backcheck.measure.sql.SqlGrain;
import org.backcheck.measure.sql.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code backcheck sql}: what it prints, its defaults, and how it refuses a bad command line. */
class SqlCliTest {

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private String out() {
        return console.out();
    }

    private String err() {
        return console.err();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsql", "postgres", "duckdb", "spark", "DuckDB"})
    void printsTheSelectForEachDialect(String dialect) {
        assertThat(Main.run("sql", "--dialect", dialect, "--null-policy", "sql", "--table", "sus.opa_2024")).isZero();
        String expected = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.fromId(dialect), NullPolicy.SQL,
                TableName.parse("sus.opa_2024"));
        assertThat(out()).isEqualTo(expected);
        assertThat(err()).isEmpty();
    }

    @Test
    void defaultsAreTheClinicalPolicyAndTheTableOpaExtract() {
        assertThat(Main.run("sql", "--dialect", "tsql")).isZero();
        assertThat(out()).startsWith("-- Backcheck: the EBI measure 2S_lower_back_imaging")
                .contains("NULL policy clinical").contains("FROM [opa_extract] AS extract_row")
                .contains("opa.Der_Procedure_All LIKE '%U05[45]%'").endsWith(") AS judged\n");
    }

    @Test
    void statementEndsTheQueryWithASemicolon() {
        assertThat(Main.run("sql", "--dialect", "duckdb", "--statement")).isZero();
        assertThat(out()).endsWith(") AS judged;\n").contains("--statement`");
    }

    @Test
    void aGrainAndAPeriodGiveTheGroupedQuery() {
        assertThat(Main.run("sql", "--dialect", "tsql", "--table", "[dbo].[OPA 2024]", "--grain", "provider_month",
                "--period", "2024-04..2025-03", "--statement")).isZero();
        String expected = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.TSQL, NullPolicy.CLINICAL,
                TableName.parse("[dbo].[OPA 2024]", SqlDialect.TSQL), new SqlForm(SqlGrain.PROVIDER_MONTH,
                        Optional.of(new YearMonth[] {YearMonth.of(2024, 4), YearMonth.of(2025, 3)}), true));
        assertThat(out()).isEqualTo(expected).contains("FROM [dbo].[OPA 2024] AS extract_row")
                .contains("BETWEEN '2024-04' AND '2025-03'").contains("GROUP BY provider, month")
                .endsWith("ORDER BY provider, month;\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void aTemporaryTableIsTsqlOnly() {
        assertThat(Main.run("sql", "--dialect", "tsql", "--table", "#opa", "--grain", "total")).isZero();
        assertThat(out()).contains("FROM #opa AS extract_row").contains("'total' AS grain");
        console.reset();
        assertThat(Main.run("sql", "--dialect", "postgres", "--table", "#opa")).isEqualTo(2);
        assertThat(err()).contains("--table: not a table name: '#opa'").contains("--dialect tsql");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-04", "2025-03..2024-04", "2024-13..2025-01", "last year"})
    void aPeriodThatIsNotOneIsAUsageError(String period) {
        assertThat(Main.run("sql", "--dialect", "duckdb", "--grain", "month", "--period", period)).isEqualTo(2);
        assertThat(err()).contains("--period must be").contains(period);
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownGrainNamesTheOnesThereAre() {
        assertThat(Main.run("sql", "--dialect", "duckdb", "--grain", "site")).isEqualTo(2);
        assertThat(err()).contains("unknown grain 'site': expected row, total, month, provider, provider_month,"
                + " commissioner, commissioner_month");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpDescribesTheCommandAndItsOptions() {
        assertThat(Main.run("sql", "--help")).isZero();
        assertThat(out()).contains("Usage: backcheck sql").contains("--dialect=DIALECT").contains("--null-policy=POLICY")
                .contains("--table=NAME").contains("default: opa_extract").contains("tsql, postgres, duckdb or spark")
                .contains("--grain=GRAIN").contains("--period=FIRST..LAST").contains("--statement").contains("#temp")
                .contains("--table '#opa' --grain provider_month").contains("--period 2024-04..2025-03 --statement");
        console.reset();
        assertThat(Main.run("--help")).isZero();
        assertThat(out()).contains("sql");
    }

    @Test
    void aMissingDialectIsAUsageError() {
        assertThat(Main.run("sql")).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--dialect=DIALECT'");
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownDialectNamesTheOnesThereAre() {
        assertThat(Main.run("sql", "--dialect", "oracle")).isEqualTo(2);
        assertThat(err()).contains("unknown SQL dialect 'oracle': expected tsql, postgres, duckdb or spark")
                .contains("Run 'backcheck sql --help' for the options.");
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownPolicyIsAUsageError() {
        assertThat(Main.run("sql", "--dialect", "postgres", "--null-policy", "maybe")).isEqualTo(2);
        assertThat(err()).contains("unknown NULL policy 'maybe': expected clinical or sql");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"opa; DROP TABLE opa", "opa--", "\"opa\"", "a.b.c.d", "1opa", "opa extract"})
    void aTableNameThatIsNotAPlainNameIsRefused(String table) {
        assertThat(Main.run("sql", "--dialect", "postgres", "--table", table)).isEqualTo(2);
        assertThat(err()).contains("--table: not a table name").contains("dbo.opa_extract");
        assertThat(out()).isEmpty();
    }
}
