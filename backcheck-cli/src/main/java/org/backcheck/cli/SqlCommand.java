package org.backcheck.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.SqlForm;
import org.backcheck.measure.sql.SqlGrain;
import org.backcheck.measure.sql.TableName;
import org.backcheck.report.ReportPeriod;
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
            "dialects translate them (character sets, case, trailing spaces, NULLs, unreadable ages) to the same answers.",
            "With --grain other than row, it counts the rows per group as aggregates.csv",
            "does before disclosure control. Without --statement there is no closing ';',",
            "so the query can be pasted as a subquery, a CTE or a view."},
        footer = {"", "Dialects: tsql (SQL Server 2017 or later), postgres, duckdb, spark (Spark SQL 3.2 or later).",
            "Load the extract with text (VARCHAR) columns named as in SUS+: Der_Procedure_All, Der_Diagnosis_All,",
            "Administrative_Category, Age_at_Start_of_Episode_SUS, Der_Age_at_CDS_Activity_Date (any case; in PostgreSQL",
            "created without quotes). An empty field may be NULL or ''.",
            "Examples:",
            "  backcheck sql --dialect tsql --table dbo.opa_2024 > ebi_2s_opa_2024.sql",
            "  backcheck sql --dialect tsql --table '#opa' --grain provider_month \\",
            "      --period 2024-04..2025-03 --statement",
            "  backcheck sql --dialect tsql --table '[UDAL].[dbo].[OPA 2024]' --grain total",
            "  backcheck sql --dialect postgres --table sus.opa --statement | psql -d wh",
            "  { echo 'CREATE VIEW opa_judged AS'; backcheck sql --dialect duckdb \\",
            "      --table opa; echo ';'; } | duckdb warehouse.db",
            "Details, and what each dialect cannot read as the audit does: docs/sql.md."})
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
                    + "Quoted in the SQL, so give it as the warehouse stores it (PostgreSQL: usually lower case). "
                    + "T-SQL also takes #temp and ##global tables and [bracketed] parts: [dbo].[OPA 2024], ] written ]].")
    String table;

    @Option(names = "--grain", paramLabel = "GRAIN", defaultValue = "row", converter = OptionValues.GrainValue.class,
            description = "row (default): every row with its status and reason. total, month, provider, provider_month,"
                    + " commissioner, commissioner_month: one row per group with records, counted, excluded, unmatched"
                    + " and rejected, the figures of aggregates.csv's rows of that grain from 'backcheck audit"
                    + " --no-disclosure-control' (codes trimmed and in capitals, 'unknown' when empty; month yyyy-MM of"
                    + " Appointment_Date, 'unknown' when unreadable). Not disclosure controlled.")
    SqlGrain grain;

    @Option(names = "--period", paramLabel = "FIRST..LAST",
            description = "Only rows with an appointment date in these months, as 'backcheck audit --period' takes them"
                    + " (e.g. 2024-04..2025-03). Rows whose date is missing or unreadable (month 'unknown') are left"
                    + " out. Default: every row.")
    String period;

    @Option(names = "--statement",
            description = "End the query with ';' (and sort the groups) to run it as it is. Without it, the query has no"
                    + " closing ';' or ORDER BY, to paste as a subquery, a CTE or a view.")
    boolean statement;

    @Override
    public Integer call() {
        TableName tableName;
        try {
            tableName = TableName.parse(table, dialect);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--table: " + e.getMessage(), e);
        }
        // The one reader of --period, shared with 'backcheck audit' and the Spark job; its message names the option.
        SqlForm form = new SqlForm(grain, period == null ? Optional.empty() : Optional.of(ReportPeriod.parse(period)),
                statement);
        PrintWriter out = spec.commandLine().getOut();
        out.print(MeasureSql.select(Measure.lowerBackImaging(), dialect, nullPolicy, tableName, form));
        out.flush();
        return ExitCodes.OK;
    }
}
