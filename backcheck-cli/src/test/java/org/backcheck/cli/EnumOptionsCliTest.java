package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.SqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options whose values are enums: read in any case, and a wrong value is a short usage error. */
class EnumOptionsCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void theAuditOptionsAreReadIntoTheirEnums() {
        AuditCommand audit = new AuditCommand();
        new CommandLine(audit).parseArgs("--input", "x.csv", "--out", "o", "--engine", "Spark", "--null-policy", "SQL");
        assertThat(audit.engine).isEqualTo(Engine.SPARK);
        assertThat(audit.nullPolicy).isEqualTo(NullPolicy.SQL);

        AuditCommand defaults = new AuditCommand();
        new CommandLine(defaults).parseArgs("--input", "x.csv", "--out", "o");
        assertThat(defaults.engine).isEqualTo(Engine.SINGLE);
        assertThat(defaults.nullPolicy).isEqualTo(NullPolicy.CLINICAL);
    }

    @Test
    void theSqlOptionsAreReadIntoTheirEnums() {
        SqlCommand sql = new SqlCommand();
        new CommandLine(sql).parseArgs("--dialect", "DuckDB");
        assertThat(sql.dialect).isEqualTo(SqlDialect.DUCKDB);
        assertThat(sql.nullPolicy).isEqualTo(NullPolicy.CLINICAL);
    }

    @Test
    void anUnknownEngineNamesTheOnesThereAreWithoutAUsageDump() {
        assertThat(Main.run("audit", "--engine", "hadoop", "--input", "x.csv", "--out", dir.resolve("o").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("unknown engine 'hadoop': expected single or spark")
                .contains("Run 'backcheck audit --help' for the options.")
                .doesNotContain("Usage:");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void engineIdsAreTheCommandLineNames() {
        assertThat(Engine.SINGLE.id()).isEqualTo("single");
        assertThat(Engine.fromId("SPARK")).isEqualTo(Engine.SPARK);
    }
}
