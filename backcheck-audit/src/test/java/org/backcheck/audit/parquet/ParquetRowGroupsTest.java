package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.audit.parquet.ParquetFixtures.assertSameAudit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.audit.generate.ExtractGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row groups are decoded in parallel, but a row's number is its place in the file and the outputs
 * are written in that order: on a file of many small row groups, every thread count gives the
 * audit of the same rows as CSV, byte for byte. Among the rows, two near the record limit: one
 * longer than it only once quoted as CSV (rejected unread, as the CSV path rejects it), one whose
 * quoting keeps it under (read).
 */
class ParquetRowGroupsTest {

    private static final int LIMIT = 60_000;
    private static final List<String> HEADER = ExtractGenerator.HEADER;

    @TempDir
    static Path dir;

    private static Path csv;
    private static Path parquet;

    @BeforeAll
    static void write() throws Exception {
        List<String[]> rows = new ArrayList<>(ParquetFixtures.generate(12_000, 2026_1207L).rows());
        int procedures = HEADER.indexOf("Der_Procedure_All");
        int diagnoses = HEADER.indexOf("Der_Diagnosis_All");
        int provider = HEADER.indexOf("Der_Provider_Code");
        String[] quotedTooLong = rows.get(5_000).clone();
        quotedTooLong[diagnoses] = "\"".repeat(15_000);
        quotedTooLong[procedures] = "U054" + "\"".repeat(15_000);
        quotedTooLong[provider] = "\"".repeat(15_000);
        String[] quotedWithin = rows.get(5_001).clone();
        quotedWithin[diagnoses] = "M54" + "a".repeat(10_000);
        quotedWithin[procedures] = "U054," + "b".repeat(10_000);
        quotedWithin[provider] = "R\"X\"H" + "c".repeat(10_000);
        rows.set(5_000, quotedTooLong);
        rows.set(5_001, quotedWithin);
        csv = ParquetFixtures.writeCsv(dir.resolve("opa.csv"), HEADER, rows);
        parquet = ParquetFixtures.writeWithDuckDb(dir.resolve("opa.parquet"), HEADER, rows, 1_000);
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet))) {
            assertThat(r.getRowGroups()).hasSizeGreaterThanOrEqualTo(5); // DuckDB rounds row groups up to 2,048 rows
        }
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 4})
    void everyThreadCountWritesTheCsvsAuditInRowOrder(int threads) throws Exception {
        Path fromCsv = dir.resolve("csv-" + threads);
        Path fromParquet = dir.resolve("parquet-" + threads);
        Audit.run(AuditOptions.of(csv, fromCsv).withMaxRecordBytes(LIMIT));
        Audit.run(AuditOptions.of(parquet, fromParquet).withMaxRecordBytes(LIMIT).withThreads(threads));
        assertSameAudit(fromCsv, fromParquet);

        List<String> rejected = Files.readAllLines(fromParquet.resolve("rejected.csv"));
        assertThat(rejected).anyMatch(line -> line.startsWith("5001,,(row),") && line.contains("--max-record-bytes"));
        assertThat(rejected).noneMatch(line -> line.startsWith("5002,"));
        List<String> matches = Files.readAllLines(fromParquet.resolve("matches.csv"));
        assertThat(matches).anyMatch(line -> line.startsWith("5002,"));
        long[] rowNumbers = matches.stream().skip(1).mapToLong(line -> Long.parseLong(line.substring(0, line.indexOf(','))))
                .toArray();
        assertThat(rowNumbers).hasSizeGreaterThan(100).isSorted();
        assertThat(rowNumbers[0]).isLessThan(2_048); // from the first row group to the last
        assertThat(rowNumbers[rowNumbers.length - 1]).isGreaterThan(10_240);
        assertThat(Arrays.stream(rowNumbers).distinct().count()).isEqualTo(rowNumbers.length);
    }
}
