package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * T-SQL's own table names: temporary tables and bracketed parts, read as SQL Server reads them (a
 * {@code ]} inside brackets written twice) and written back quoted; the other dialects refuse them.
 * T-SQL cannot run here, so these are checked as text.
 */
class TsqlTableNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "#opa|#opa|#opa",
        "##opa_2024|##opa_2024|##opa_2024",
        "[dbo].[opa]|dbo,opa|[dbo].[opa]",
        "[UDAL Staging].dbo.[OPA 2024]|UDAL Staging,dbo,OPA 2024|[UDAL Staging].[dbo].[OPA 2024]",
        "[a]]b]|a]b|[a]]b]",
        "[x.y].z|x.y,z|[x.y].[z]",
        "[#opa temp]|#opa temp|[#opa temp]",
        "[opa; DROP TABLE x--]|opa; DROP TABLE x--|[opa; DROP TABLE x--]",
        "dbo.opa_2024|dbo,opa_2024|[dbo].[opa_2024]"})
    void tsqlReadsItsOwnForms(String text, String parts, String quoted) {
        TableName name = TableName.parse(text, SqlDialect.TSQL);
        assertThat(String.join(",", name.parts())).isEqualTo(parts);
        assertThat(name.quoted(SqlDialect.TSQL)).isEqualTo(quoted);
        // What the header shows reads back as the same name.
        assertThat(TableName.parse(name.toString(), SqlDialect.TSQL)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[opa", "[opa]x", "[]", "[ ]", "dbo.#opa", "#opa.x", "#", "#1opa", "[a].[b].[c].[d]", "[a]]",
        "opa]", "[a\nb]", "[a\tb]", "opa extract", "[a].", "", "\"opa\"", "`opa`"})
    void tsqlRefusesWhatSqlServerWouldNotReadAsOneName(String text) {
        assertThatThrownBy(() -> TableName.parse(text, SqlDialect.TSQL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a table name");
    }

    @Test
    void aPartIsAtMost128Characters() {
        assertThat(TableName.parse("[" + "x".repeat(128) + "]", SqlDialect.TSQL).parts()).hasSize(1);
        assertThatThrownBy(() -> TableName.parse("[" + "x".repeat(129) + "]", SqlDialect.TSQL))
                .hasMessageContaining("not a table name");
    }

    @Test
    void aLineBreakNeverReachesTheMessageOrTheHeader() {
        assertThatThrownBy(() -> TableName.parse("[a\nDROP TABLE x]", SqlDialect.TSQL))
                .hasMessageNotContaining("\n").hasMessageContaining("[a?DROP TABLE x]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "duckdb", "spark"})
    void otherDialectsKeepPlainNamesAndSayWhy(String dialect) {
        SqlDialect d = SqlDialect.fromId(dialect);
        assertThat(TableName.parse("sus.opa", d).quoted(d)).isNotEmpty();
        for (String text : new String[] {"#opa", "[dbo].[opa]", "dbo.[opa]"}) {
            assertThatThrownBy(() -> TableName.parse(text, d)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("T-SQL's").hasMessageContaining("--dialect tsql");
        }
        TableName tsqlOnly = TableName.parse("[OPA 2024]", SqlDialect.TSQL);
        assertThatThrownBy(() -> tsqlOnly.quoted(d)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQueryReadsTheTemporaryOrBracketedTable() {
        String temp = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.TSQL, NullPolicy.CLINICAL,
                TableName.parse("#opa", SqlDialect.TSQL));
        assertThat(temp).contains("FROM #opa AS extract_row").contains("--table #opa`");
        String spaced = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.TSQL, NullPolicy.CLINICAL,
                TableName.parse("[dbo].[OPA 2024]]x]", SqlDialect.TSQL));
        assertThat(spaced).contains("FROM [dbo].[OPA 2024]]x] AS extract_row");
    }
}
