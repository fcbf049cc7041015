package org.backcheck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.TableName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {
            "Prints the EBI measure 2S_lower_back_imaging as one SQL SELECT to run in your own warehouse. It returns",
            "every row of an extract table with two more columns: status (counted, excluded, unmatched, rejected) and",
            "reason, the same answer 'backcheck audit' gives that row. The SQL is written from the measure definition",
            "Backcheck itself runs: T-SQL keeps the published WHEN clause and exclusions as published; the other",
            "dialects translate them (character sets, case, trailing spaces, NULLs, unreadable ages) to the same answers."},
        footer = {"", "Dialects: tsql (SQL Server 2017 or later), postgres, duckdb, spark (Spark SQL 3.2 or later).",
            "Load the extract with text (VARCHAR) columns named as in SUS+: Der_Procedure_All, Der_Diagnosis_All,",
            "Administrative_Category, Age_at_Start_of_Episode_SUS, Der_Age_at_CDS_Activity_Date (any case; in PostgreSQL",
            "created without quotes). An empty field may be NULL or ''.",
            "Examples:",
            "  backcheck sql --dialect tsql --table dbo.opa_2024 > ebi_2s_opa_2024.sql",
            "  backcheck sql --dialect postgres --null-policy sql --table sus.opa | psql -d warehouse"})
final class SqlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dialect", required = true, paramLabel = "DIALECT", description = "tsql, postgres, duckdb or spark.",
            converter = OptionValues.DialectValue.class)
    SqlDialect dialect;

    @Option(names = "--null-policy", paramLabel = "POLICY", defaultValue = "clinical",
            description = "What a missing diagnosis or administrative category means: 'clinical' (default: it excludes nothing) "
                    + "or 'sql' (T-SQL three-valued logic: the row is not counted).",
            converter = OptionValues.NullPolicyValue.class)
    NullPolicy nullPolicy;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = MeasureSql.DEFAULT_TABLE,
            description = "The table to read: a name or schema.name, letters, digits and _ only (default: ${DEFAULT-VALUE}). "
                    + "Quoted in the SQL, so give it as the warehouse stores it (PostgreSQL: usually lower case).")
    String table;

    @Override
    public Integer call() {
        TableName tableName;
        try {
            tableName = TableName.parse(table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--table: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(MeasureSql.select(Measure.lowerBackImaging(), dialect, nullPolicy, tableName));
        out.flush();
        return ExitCodes.OK;
    }
}
