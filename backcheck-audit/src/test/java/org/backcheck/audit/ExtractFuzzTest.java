package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.fuzz.FuzzRun;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded fuzzing of the extract reader (issue 11): mutated delimited text and mutated gzip, each
 * for a fixed budget ({@link FuzzRun}). Every input must either be audited with every row
 * accounted for (rows read = counted + excluded + unmatched + rejected) or be refused as a whole
 * with a clear error: {@link UnreadableExtractException} for text, and for gzip also an
 * {@link IOException} that says what is wrong with the file. Nothing else, and no hang.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExtractFuzzTest {

    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", ExtractFile.OPA_COLUMNS) + "\n";
    private static final String ROWS = """
            1,2024-01-01,RXH,01,45,,,U054
            2,2024-02-29,RXH,01,45,46,"M545,M544",U054
            3,2024-03-01,RTH,02,,,"M54.5","U051,X621"
            4,2024-03-02,RTH,01,72,72,C795,U055
            5,2024-03-03,RXH,01,17,17,,
            """;

    private static List<byte[]> seeds() {
        return List.of((HEADER + ROWS).getBytes(StandardCharsets.UTF_8),
                (HEADER + ROWS).replace(',', '|').replace("\"M545|M544\"", "M545").replace("\"U051|X621\"", "U051")
                        .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void delimitedTextIsAuditedWithEveryRowAccountedForOrRefusedClearly() throws Exception {
        int checked = new FuzzRun("csv", ExtractFuzzTest.class, seeds()).run(input -> audit(input, "in.csv", false));
        assertThat(checked).isGreaterThan(seeds().size());
    }

    @Test
    void gzipIsReadWholeOrRefusedClearly() throws Exception {
        List<byte[]> gzipped = seeds().stream().map(ExtractFuzzTest::gzip).toList();
        int checked = new FuzzRun("gzip", ExtractFuzzTest.class, gzipped).run(input -> audit(input, "in.csv.gz", true));
        assertThat(checked).isGreaterThan(gzipped.size());
    }

    private void audit(byte[] input, String name, boolean gzip) throws IOException {
        Path in = dir.resolve(name);
        Files.write(in, input);
        AuditFigures s;
        try {
            s = Audit.run(AuditOptions.of(in, dir.resolve("out")), 64);
        } catch (UnreadableExtractException e) {
            assertThat(e.getMessage()).as("the refusal says why").isNotBlank();
            return;
        } catch (IOException e) {
            if (!gzip) {
                throw e;
            }
            // The reader's own refusals: a truncated file (EOFException) or corrupt data (ZipException), each saying which.
            assertThat(e).isInstanceOfAny(java.io.EOFException.class, java.util.zip.ZipException.class);
            assertThat(e.getMessage()).as("the gzip refusal says why").isNotBlank();
            return;
        }
        assertThat(s.rowsRead()).isEqualTo(s.counted() + s.excluded() + s.unmatched() + s.rejected());
        assertThat(Files.exists(dir.resolve("out/summary.json"))).isTrue();
    }

    private static byte[] gzip(byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
