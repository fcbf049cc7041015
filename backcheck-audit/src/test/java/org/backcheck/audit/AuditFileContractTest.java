package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.backcheck.contract.ContractRow;
import org.backcheck.contract.DelimitedExtract;
import org.backcheck.contract.MeasureEngineContract;
import org.backcheck.contract.OutputRows;
import org.backcheck.contract.RowAnswer;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Nested;

/**
 * The engine contract run through the whole single-machine audit, {@link Audit#run}, once for each
 * input format it reads: the rows are written to a file, audited, and read back from
 * {@code matches.csv} and {@code rejected.csv}; {@code summary.json}'s totals must be those rows'.
 */
class AuditFileContractTest {

    /** One input format: how the contract rows are written for the audit to read. */
    abstract static class FileRoundTrip extends MeasureEngineContract {


        private Path input;

        /** Writes the rows as an extract in this format under {@code dir}. */
        abstract Path write(Path dir, List<ContractRow> rows) throws Exception;

        @Override
        protected RowAnswer.Form form() {
            return RowAnswer.Form.OUTPUT_ROWS;
        }

        @Override
        protected List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) throws Exception {
            if (input == null) {
                input = write(workDir(), rows);
            }
            Path out = workDir().resolve("out-" + policy.id());
            Audit.run(AuditOptions.of(input, out).withNullPolicy(policy));
            List<RowAnswer> answers = OutputRows.answers(rows, outputRows(out.resolve("matches.csv")),
                    outputRows(out.resolve("rejected.csv")));
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            OutputRows.assertTotals(answers, key -> summary.get(key).asLong());
            assertThat(summary.get("by_provider").properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactly(ContractRow.PROVIDER);
            assertThat(summary.get("by_month").properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactly(ContractRow.APPOINTMENT_DATE.substring(0, 7));
            return answers;
        }

        /**
         * A CSV output's rows without its header; a text field made safe for a spreadsheet (a leading
         * {@code '}, see {@link CsvOut#text}) is read back as the value it stands for.
         */
        private static List<List<String>> outputRows(Path file) throws IOException {
            List<String[]> rows = AuditOutputs.csv(file);
            return rows.subList(1, rows.size()).stream()
                    .map(r -> java.util.Arrays.stream(r).map(f -> f.startsWith("'") ? f.substring(1) : f).toList())
                    .toList();
        }
    }

    @Nested
    class Comma extends FileRoundTrip {
        @Override
        Path write(Path dir, List<ContractRow> rows) throws IOException {
            return DelimitedExtract.CSV.write(dir.resolve("cases.csv"), rows);
        }
    }

    @Nested
    class PipeCrlfByteOrderMark extends FileRoundTrip {
        @Override
        Path write(Path dir, List<ContractRow> rows) throws IOException {
            return new DelimitedExtract('|', false, true, true, false).write(dir.resolve("cases.txt"), rows);
        }
    }

    @Nested
    class TabEveryFieldQuotedGzip extends FileRoundTrip {
        @Override
        Path write(Path dir, List<ContractRow> rows) throws IOException {
            return new DelimitedExtract('\t', true, false, false, false).write(dir.resolve("cases.tsv.gz"), rows);
        }
    }

    @Nested
    class LowerCaseHeader extends FileRoundTrip {
        @Override
        Path write(Path dir, List<ContractRow> rows) throws IOException {
            return new DelimitedExtract(',', false, false, false, true).write(dir.resolve("lower.csv"), rows);
        }
    }

    /** Parquet as DuckDB exports a text table: every column an optional string, a missing value a null. */
    @Nested
    class Parquet extends FileRoundTrip {
        @Override
        Path write(Path dir, List<ContractRow> rows) throws Exception {
            Path file = dir.resolve("cases.parquet");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                StagingTable.loadDuckDb(c, rows);
                // One thread and row_no order: the file's rows are in the contract's order.
                s.execute("SET threads = 1");
                s.execute("COPY (SELECT * EXCLUDE (row_no) FROM " + StagingTable.NAME + " ORDER BY row_no) TO '"
                        + file.toString().replace("'", "''") + "' (FORMAT parquet, ROW_GROUP_SIZE 100)");
            }
            return file;
        }
    }
}
