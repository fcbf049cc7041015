package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.extract.UnreadableExtractException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Parquet file whose cell is larger than --max-record-bytes: a few KB on disk (the cell is one
 * repeated character, compressed), refused before its page is decompressed, naming the row.
 */
class ParquetBoundsTest {

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    /** One row whose Der_Diagnosis_All holds {@code cellBytes} zeros, compressed with {@code codec}. */
    private Path bigCell(String codec, int cellBytes) throws Exception {
        Path file = dir.resolve("big-" + codec + ".parquet");
        ParquetFixtures.duckDb("COPY (SELECT 'U054' AS Der_Procedure_All, '45' AS Age_at_Start_of_Episode_SUS, "
                + "NULL::VARCHAR AS Der_Age_at_CDS_Activity_Date, repeat('0', " + cellBytes + ") AS Der_Diagnosis_All, "
                + "'01' AS Administrative_Category FROM range(3)) TO '" + file + "' (FORMAT parquet, COMPRESSION " + codec + ")");
        assertThat(Files.size(file)).isLessThan(1 << 20);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "snappy", "gzip"})
    void aPageLargerThanTheBoundIsRefusedNamingTheRow(String codec) throws Exception {
        Path file = bigCell(codec, 6 << 20);
        AuditOptions options = AuditOptions.of(file, dir.resolve("out")).withMaxRecordBytes(1 << 20);
        assertThatThrownBy(() -> Audit.run(options)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("the Parquet file " + file + " has, at its data row 1 or soon after, a page of")
                .hasMessageContaining("more than --max-record-bytes (1 MiB)");
        assertThat(dir.resolve("out/matches.csv")).doesNotExist();
        // Within the bound (the default, 64 MiB) the same file is read.
        AuditFigures s = Audit.run(AuditOptions.of(file, dir.resolve("ok")));
        assertThat(s.rowsRead()).isEqualTo(3);
        assertThat(s.counted()).isEqualTo(3);
    }
}
