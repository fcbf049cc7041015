package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Spark job against the single-machine audit on one generated extract with the mess real ones
 * have (unreadable and infant ages, quoted fields, a line break inside a field, lower-case codes,
 * missing diagnoses): the same status, reason, matched codes and id for every row, the same rows
 * rejected with the same reasons, and the same totals, under both NULL policies; from the CSV (cut
 * into many small segments, so that record boundaries fall everywhere) and from Parquet written
 * from it by Spark. Each run's report (report.html, aggregates.csv, aggregates.json) is the one
 * backcheck-audit's report code makes of the single-machine audit, with and without disclosure
 * control and a population file, apart from the input's name.
 */
class SparkDifferentialTest {

    private static final int ROWS = 40_000;

    /** The summary keys that must be equal; input, elapsed time and Spark's own keys may differ. */
    private static final List<String> SAME_KEYS = List.of("measure", "null_policy", "rows_read", "counted", "excluded",
            "excluded_by_reason", "unmatched", "rejected", "reconciles", "reconciliation", "null_policy_sensitive_rows",
            "under_other_null_policy", "blank_lines_skipped", "by_provider", "by_month", "notes");

    @TempDir
    static Path dir;

    static Path csv;
    static Path parquet;
    static Path population;
    static final Map<NullPolicy, EngineOutputs> SINGLE_MACHINE = new EnumMap<>(NullPolicy.class);
    static final Map<NullPolicy, AuditFigures> SINGLE_MACHINE_SUMMARY = new EnumMap<>(NullPolicy.class);

    @BeforeAll
    static void extractAndSingleMachineAnswers() throws IOException {
        csv = dir.resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(ROWS, 17, ','), csv);
        population = dir.resolve("population.csv");
        ExtractGenerator.writeSamplePopulation(population);
        for (NullPolicy policy : NullPolicy.values()) {
            Path out = dir.resolve("single-" + policy.id());
            SINGLE_MACHINE_SUMMARY.put(policy, Audit.run(AuditOptions.of(csv, out).withNullPolicy(policy)));
            SINGLE_MACHINE.put(policy, EngineOutputs.ofSingleMachine(out));
        }
        // Parquet as an analyst's pipeline would make it: Spark's own CSV reader, every column a string.
        parquet = dir.resolve("opa.parquet");
        SparkSession spark = LocalSpark.session();
        spark.read().option("header", true).option("multiLine", true).option("escape", "\"").option("inferSchema", false)
                .csv(csv.toString()).coalesce(1).write().mode(SaveMode.Overwrite).parquet(parquet.toString());
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void csvInputGetsTheSingleMachineAnswerForEveryRow(NullPolicy policy) throws IOException {
        Path out = dir.resolve("spark-csv-" + policy.id());
        // One policy writes Parquet outputs, the other CSV: both writers are checked.
        SparkAuditOptions.OutputFormat format = policy == NullPolicy.CLINICAL
                ? SparkAuditOptions.OutputFormat.PARQUET : SparkAuditOptions.OutputFormat.CSV;
        // Both disclosure settings, with a population file; one with the period given.
        ReportRequest report = policy == NullPolicy.CLINICAL
                ? ReportRequest.standard().with(ReportOption.POPULATION, population.toString())
                : ReportRequest.standard().withFlag(ReportOption.NO_DISCLOSURE_CONTROL, true)
                        .with(ReportOption.POPULATION, population.toString()).with(ReportOption.PERIOD, "2024/25");
        SparkAuditSummary summary = SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(csv.toString(), out.toString())
                .withNullPolicy(policy).withOutputFormat(format).withSegmentBytes(97_000).withReport(report));
        assertThat(summary.figures().rowsRead()).isEqualTo(ROWS);
        EngineOutputs spark = format == SparkAuditOptions.OutputFormat.CSV
                ? EngineOutputs.ofSparkCsv(out) : EngineOutputs.ofSparkParquet(LocalSpark.session(), out);
        assertSameAnswer(spark, SINGLE_MACHINE.get(policy));
        assertThat(spark.summary().get("delimiter")).isEqualTo(SINGLE_MACHINE.get(policy).summary().get("delimiter"));
        // summary.json's provenance: the single machine's (its summary.json has no report options), the engine apart.
        SingleMachineReport.assertSameProvenance(spark.summary().get("provenance"),
                org.backcheck.report.Provenance.of(SINGLE_MACHINE_SUMMARY.get(policy), report.provenanceArguments()), true);
        String aggregates = SingleMachineReport.assertSameReport(out, csv, SINGLE_MACHINE_SUMMARY.get(policy), report,
                dir.resolve("report-csv-" + policy.id()));
        // What is compared holds commissioners, with rates per head from the population file.
        assertThat(aggregates).contains("commissioner_month");
        // The generated extract has Treatment_Function_Code: both engines tally it (aggregates.csv compared above).
        assertThat(aggregates).contains("\nspecialty,,,,,110,");
        assertThat(java.nio.file.Files.readString(out.resolve("aggregates.json"))).contains("counted_per_100000_per_year");
        if (policy == NullPolicy.SQL) {
            // The financial year 2024/25 against 2023/24, which the generated extract holds: a row per provider.
            assertThat(java.nio.file.Files.readString(out.resolve(org.backcheck.report.ReportFiles.YEAR_ON_YEAR)))
                    .contains("\nwhole,whole extract,2023-04,2024-03,2024-04,2025-03,").contains("\nprovider,T-03,");
        }
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void parquetInputGetsTheSingleMachineAnswerForEveryRow(NullPolicy policy) throws IOException {
        Path out = dir.resolve("spark-parquet-" + policy.id());
        SparkAuditSummary summary = SparkAudit.run(LocalSpark.session(),
                SparkAuditOptions.of(parquet.toString(), out.toString()).withNullPolicy(policy));
        assertThat(summary.inputFormat()).isEqualTo("parquet");
        assertThat(summary.figures().rowsRead()).isEqualTo(ROWS);
        assertSameAnswer(EngineOutputs.ofSparkParquet(LocalSpark.session(), out), SINGLE_MACHINE.get(policy));
        SingleMachineReport.assertSameReport(out, parquet, SINGLE_MACHINE_SUMMARY.get(policy), ReportRequest.standard(),
                dir.resolve("report-parquet-" + policy.id()));
    }

    private static void assertSameAnswer(EngineOutputs spark, EngineOutputs single) {
        // The data set must exercise what is compared: every status, both exclusions, unreadable ages.
        JsonNode s = single.summary();
        assertThat(s.get("counted").asLong()).isPositive();
        assertThat(s.get("excluded_by_reason").get("cancer_diagnosis").asLong()).isPositive();
        assertThat(s.get("excluded_by_reason").get("private_patient").asLong()).isPositive();
        assertThat(s.get("rejected").asLong()).isPositive();
        assertThat(s.get("null_policy_sensitive_rows").asLong()).isPositive();

        assertThat(spark.matches()).hasSameSizeAs(single.matches());
        for (int i = 0; i < single.matches().size(); i++) {
            assertThat(spark.matches().get(i)).as("matches, line %d", i + 1).isEqualTo(single.matches().get(i));
        }
        assertThat(spark.rejected()).isEqualTo(single.rejected());
        for (String key : SAME_KEYS) {
            assertThat(spark.summary().get(key)).as("summary.json %s", key).isEqualTo(s.get(key));
        }
    }
}
