package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Parquet input that cannot be audited whole is refused with a message that says why, and the
 * run writes no outputs (an {@link UnreadableExtractException} is exit code 3 in the CLI; a file that
 * cannot be opened at all stays an I/O error, exit code 4).
 */
class ParquetInputErrorsTest {

    private static final List<String> COLUMNS = List.of("OPA_Ident", "Appointment_Date", "Der_Provider_Code",
            "Administrative_Category", "Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date", "Der_Diagnosis_All",
            "Der_Procedure_All");

    @TempDir
    Path dir;

    private static List<Object[]> rows(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Object[] {"id" + i, "2024-01-0" + (1 + i % 9), "RXH", "01", Integer.toString(20 + i % 80), null,
                null, i % 3 == 0 ? "U054" : "X999"});
        }
        return rows;
    }

    private Path valid(String name, int rows) throws IOException {
        return ParquetFixtures.write(dir.resolve(name), ParquetFixtures.textSchema(COLUMNS), rows(rows));
    }

    private Path out() {
        return dir.resolve("out");
    }

    private void audit(Path input) throws IOException {
        Audit.run(AuditOptions.of(input, out()));
    }

    @Test
    void aValidFileIsAudited() throws Exception {
        audit(valid("ok.parquet", 3_000));
        assertThat(Files.readAllLines(out().resolve("matches.csv"))).hasSize(1 + 1_000);
    }

    @Test
    void textNamedParquetIsRefused() throws Exception {
        Path fake = Files.writeString(dir.resolve("opa.parquet"), String.join(",", COLUMNS) + "\n1,2024-01-01,RXH,01,45,,,U054\n");
        assertThatThrownBy(() -> audit(fake)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("is not a Parquet file").hasMessageContaining("PAR1");
        assertThat(out()).doesNotExist();
    }

    @Test
    void aParquetFileIsKnownByItsMagicBytesWhateverItsName() throws Exception {
        Path file = valid("opa.parquet", 300);
        Path renamed = Files.move(file, dir.resolve("opa_extract.csv"));
        audit(renamed);
        assertThat(Files.readAllLines(out().resolve("matches.csv"))).hasSize(1 + 100);
    }

    @ParameterizedTest(name = "cut to {0} of its bytes")
    @ValueSource(doubles = {0.0001, 0.25, 0.5, 0.9, 0.999})
    void aTruncatedFileIsRefused(double keep) throws Exception {
        byte[] bytes = Files.readAllBytes(valid("whole.parquet", 20_000));
        Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, Math.max(4, (int) (bytes.length * keep))));
        assertThatThrownBy(() -> audit(cut)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("cut.parquet").hasMessageContaining("truncated or damaged");
        assertThat(out().resolve("matches.csv")).doesNotExist();
    }

    @Test
    void aDamagedDataPageIsAnErrorNotOtherValues() throws Exception {
        byte[] bytes = Files.readAllBytes(valid("whole.parquet", 20_000));
        // The data pages come first, after the 4 magic bytes; the footer is at the end.
        for (int i = 200; i < 260; i++) {
            bytes[i] ^= 0x5a;
        }
        Path damaged = Files.write(dir.resolve("damaged.parquet"), bytes);
        assertThatThrownBy(() -> audit(damaged)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("damaged.parquet");
    }

    @Test
    void aMissingColumnGivesTheMessageTheCsvGives() throws Exception {
        List<String> without = COLUMNS.stream().filter(c -> !c.equals("Der_Diagnosis_All")).toList();
        List<Object[]> rows = rows(5).stream().map(r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[5], r[7]}).toList();
        Path parquet = ParquetFixtures.write(dir.resolve("no-diagnosis.parquet"), ParquetFixtures.textSchema(without), rows);
        Path csv = ParquetFixtures.writeCsv(dir.resolve("no-diagnosis.csv"), without, rows);
        String csvMessage = catchMessage(csv);
        assertThat(csvMessage).containsIgnoringCase("Der_Diagnosis_All");
        assertThat(catchMessage(parquet)).isEqualTo(csvMessage);
    }

    private String catchMessage(Path input) {
        try {
            audit(input);
        } catch (UnreadableExtractException | IOException e) {
            assertThat(e).isInstanceOf(UnreadableExtractException.class);
            return e.getMessage();
        }
        throw new AssertionError("no error for " + input);
    }

    @Test
    void aDelimiterIsRefusedForParquet() throws Exception {
        Path file = valid("opa.parquet", 10);
        AuditOptions options = new AuditOptions(file, out(), Measure.lowerBackImaging(), NullPolicy.CLINICAL, '|', null, 0);
        assertThatThrownBy(() -> Audit.run(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--delimiter");
    }

    @Test
    void aFolderWithoutPartsIsAnIoErrorAsBefore() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(folder.resolve("_SUCCESS"), "");
        assertThatThrownBy(() -> audit(folder)).isInstanceOf(IOException.class).hasMessageContaining("without .parquet files");
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedRatherThanReadInPart() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("parts"));
        valid("parts/part-00000.parquet", 10);
        Files.writeString(folder.resolve("000001_0"), "a Hive part without an extension");
        Files.createDirectories(folder.resolve("year=2024"));
        assertThatThrownBy(() -> audit(folder)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("000001_0").hasMessageContaining("year=2024/");
    }

    @Test
    void aDeltaTableIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("delta"));
        valid("delta/part-00000.parquet", 10);
        Files.createDirectories(folder.resolve("_delta_log"));
        assertThatThrownBy(() -> audit(folder)).isInstanceOf(UnreadableExtractException.class).hasMessageContaining("Delta");
    }

    @Test
    void partsWithOtherColumnsAreRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mixed"));
        valid("mixed/part-00000.parquet", 10);
        List<String> reordered = new ArrayList<>(COLUMNS);
        java.util.Collections.swap(reordered, 0, 1);
        ParquetFixtures.write(folder.resolve("part-00001.parquet"), ParquetFixtures.textSchema(reordered), rows(10));
        assertThatThrownBy(() -> audit(folder)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("part-00001.parquet").hasMessageContaining("same columns");
    }

    @Test
    void aDamagedLaterPartFailsTheRunAndLeavesNoOutputs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("later"));
        // A first part of more text than the audit's first chunk (4 MiB), so the second is opened mid-run.
        valid("later/part-00000.parquet", 200_000);
        byte[] second = Files.readAllBytes(valid("later/part-00001.parquet", 1_000));
        Files.write(folder.resolve("part-00001.parquet"), Arrays.copyOf(second, second.length - 10));
        // An earlier run's outputs in the folder must not survive the failure.
        Files.createDirectories(out());
        Files.writeString(out().resolve("matches.csv"), "from an earlier run");
        assertThatThrownBy(() -> audit(folder)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("part-00001.parquet");
        assertThat(out().resolve("matches.csv")).doesNotExist();
        assertThat(out().resolve("summary.json")).doesNotExist();
    }

    /**
     * Only the columns the audit reads are decoded: a nested column it has no use for is never read
     * (reading it would be refused), and the results are those of the same file without it. When a
     * needed column is missing, every column is listed as the CSV path lists them.
     */
    @Test
    void columnsTheAuditDoesNotReadAreNeverDecoded() throws Exception {
        String needed = "'id' || i AS OPA_Ident, '2024-01-0' || (1 + i % 9) AS Appointment_Date, 'RXH' AS Der_Provider_Code,"
                + " '01' AS Administrative_Category, CAST(20 + i % 80 AS VARCHAR) AS Age_at_Start_of_Episode_SUS,"
                + " NULL::VARCHAR AS Der_Age_at_CDS_Activity_Date, NULL::VARCHAR AS Der_Diagnosis_All,"
                + " CASE WHEN i % 3 = 0 THEN 'U054' ELSE 'X999' END AS Der_Procedure_All";
        Path plain = dir.resolve("plain.parquet");
        Path extra = dir.resolve("extra.parquet");
        ParquetFixtures.duckDb("COPY (SELECT " + needed + " FROM range(1, 3001) t(i)) TO '" + plain + "' (FORMAT parquet)");
        ParquetFixtures.duckDb("COPY (SELECT " + needed + ", ['U054', 'Z665'] AS Procedure_List, {'a': i} AS Extra_Struct"
                + " FROM range(1, 3001) t(i)) TO '" + extra + "' (FORMAT parquet)");
        Audit.run(AuditOptions.of(plain, dir.resolve("plain-out")));
        Audit.run(AuditOptions.of(extra, dir.resolve("extra-out")));
        assertThat(Files.readString(dir.resolve("extra-out/matches.csv"))).isEqualTo(Files.readString(dir.resolve("plain-out/matches.csv")))
                .isNotEmpty();
        Path missing = dir.resolve("missing.parquet");
        ParquetFixtures.duckDb("COPY (SELECT * EXCLUDE (Der_Diagnosis_All), 'x' AS Notes FROM '" + plain + "') TO '" + missing
                + "' (FORMAT parquet)");
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(missing, dir.resolve("missing-out"))))
                .isInstanceOf(UnreadableExtractException.class).hasMessageContaining("no column der_diagnosis_all")
                .hasMessageContaining("Notes").hasMessageContaining("OPA_Ident");
    }

    /** A category stored as a number means what SQL Server would make of it: 2 is '02', a private patient. */
    @Test
    void anAdministrativeCategoryStoredAsANumberIsTheTwoDigitCode() throws Exception {
        Path typed = dir.resolve("typed-category.parquet");
        ParquetFixtures.duckDb("COPY (SELECT 'id' || i AS OPA_Ident, 'U054' AS Der_Procedure_All, '40' AS Age_at_Start_of_Episode_SUS,"
                + " NULL::VARCHAR AS Der_Age_at_CDS_Activity_Date, NULL::VARCHAR AS Der_Diagnosis_All,"
                + " CAST([1, 2, NULL, 12, 0][i] AS " + "INTEGER) AS Administrative_Category FROM range(1, 6) t(i)) TO '" + typed
                + "' (FORMAT parquet)");
        Audit.run(AuditOptions.of(typed, out()));
        assertThat(Files.readAllLines(out().resolve("matches.csv"))).containsExactly("row,id,status,reason,matched_codes",
                "1,id1,counted,,U054", "2,id2,excluded,private_patient,U054", "3,id3,counted,,U054", "4,id4,counted,,U054",
                "5,id5,counted,,U054");
    }
}
