package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.backcheck.contract.ContractRow;
import org.backcheck.contract.DelimitedExtract;
import org.backcheck.contract.MeasureEngineContract;
import org.backcheck.contract.OutputRows;
import org.backcheck.contract.RowAnswer;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Nested;

/**
 * The engine contract run through the Spark job, {@link SparkAudit#run} on local[2]: all the rows in
 * one input, one run per NULL policy, read back from the job's {@code matches} and {@code rejected}
 * (Parquet outputs under the clinical policy, CSV under the SQL policy, so both writers are checked);
 * {@code summary.json}'s totals must be those rows'.
 */
class SparkJobContractTest {

    /** One input format: how the contract rows are written for the job to read. */
    abstract static class JobRun extends MeasureEngineContract {


        private Path input;

        /** Writes the rows as an extract in this format under {@code dir}. */
        abstract Path write(Path dir, List<ContractRow> rows) throws Exception;

        @Override
        protected RowAnswer.Form form() {
            return RowAnswer.Form.OUTPUT_ROWS;
        }

        @Override
        protected List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) throws Exception {
            LocalSpark.session();  // started before the clock: the first class to ask pays for it
            long t0 = System.nanoTime();
            if (input == null) {
                input = write(workDir(), rows);
            }
            long t1 = System.nanoTime();
            Path out = workDir().resolve("out-" + policy.id());
            SparkAuditOptions.OutputFormat format = policy == NullPolicy.CLINICAL
                    ? SparkAuditOptions.OutputFormat.PARQUET : SparkAuditOptions.OutputFormat.CSV;
            // Small segments, so that segment boundaries fall inside the rows (CSV input).
            SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(input.toString(), out.toString())
                    .withNullPolicy(policy).withOutputFormat(format).withSegmentBytes(9_000).withReport(null));
            long t2 = System.nanoTime();
            EngineOutputs outputs = format == SparkAuditOptions.OutputFormat.CSV
                    ? EngineOutputs.ofSparkCsv(out) : EngineOutputs.ofSparkParquet(LocalSpark.session(), out);
            List<RowAnswer> answers = OutputRows.answers(rows, outputs.matches(), outputs.rejected());
            JsonNode summary = outputs.summary();
            OutputRows.assertTotals(answers, key -> summary.get(key).asLong());
            assertThat(summary.get("by_provider").properties()).extracting(Map.Entry::getKey)
                    .containsExactly(ContractRow.PROVIDER);
            assertThat(summary.get("by_month").properties()).extracting(Map.Entry::getKey)
                    .containsExactly(ContractRow.APPOINTMENT_DATE.substring(0, 7));
            System.out.printf("%s, %s policy: write %.2f s, job %.2f s, read back %.2f s%n", getClass().getSimpleName(),
                    policy.id(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
            return answers;
        }
    }

    @Nested
    class CsvInput extends JobRun {
        @Override
        Path write(Path dir, List<ContractRow> rows) throws Exception {
            return DelimitedExtract.CSV.write(dir.resolve("cases.csv"), rows);
        }
    }

    /** Parquet as Spark writes a text table: every column an optional string, a missing value a null. */
    @Nested
    class ParquetInput extends JobRun {
        @Override
        Path write(Path dir, List<ContractRow> rows) {
            Path file = dir.resolve("cases.parquet");
            ContractTable.of(LocalSpark.session(), rows, false).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(file.toString());
            return file;
        }
    }
}
