package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

    @Test
    void eachDialectQuotesEachPart() {
        TableName name = TableName.parse("sus.OPA_2024");
        assertThat(name.quoted(SqlDialect.TSQL)).isEqualTo("[sus].[OPA_2024]");
        assertThat(name.quoted(SqlDialect.POSTGRES)).isEqualTo("\"sus\".\"OPA_2024\"");
        assertThat(name.quoted(SqlDialect.DUCKDB)).isEqualTo("\"sus\".\"OPA_2024\"");
        assertThat(name.quoted(SqlDialect.SPARK)).isEqualTo("`sus`.`OPA_2024`");
        assertThat(TableName.parse("warehouse.sus.opa").parts()).containsExactly("warehouse", "sus", "opa");
        assertThat(TableName.parse("_staging").toString()).isEqualTo("_staging");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "opa;", "opa; DROP TABLE x", "a.b.c.d", "1opa", "opa.", ".opa", "a..b", "\"opa\"", "[opa]",
        "`opa`", "opa extract", "opa-2024", "opä", "opa--", "opa/*x*/"})
    void anythingButPlainIdentifiersIsRefused(String text) {
        assertThatThrownBy(() -> TableName.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a table name").hasMessageContaining("dbo.opa_extract");
    }

    @Test
    void aDialectIsNamedAsOnTheCommandLine() {
        assertThat(SqlDialect.fromId("TSQL")).isEqualTo(SqlDialect.TSQL);
        assertThat(SqlDialect.fromId("duckdb")).isEqualTo(SqlDialect.DUCKDB);
        assertThatThrownBy(() -> SqlDialect.fromId("oracle")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown SQL dialect 'oracle': expected tsql, postgres, duckdb or spark");
    }

    @Test
    void theTableNameIsTheOnlyPartOfTheStatementThatChanges() {
        String a = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.POSTGRES, NullPolicy.SQL, TableName.parse("a"));
        String b = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.POSTGRES, NullPolicy.SQL, TableName.parse("s.b"));
        assertThat(a.replace("--table a", "--table s.b").replace("of a unchanged", "of s.b unchanged")
                .replace("FROM \"a\"", "FROM \"s\".\"b\"")).isEqualTo(b);
    }
}
