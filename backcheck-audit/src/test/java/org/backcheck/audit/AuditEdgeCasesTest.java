package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corners of the audit found by review: each test names what once went wrong. */
class AuditEdgeCasesTest {

    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", ExtractFile.OPA_COLUMNS) + "\n";
    private static final String ROW = "1,2024-01-01,RXH,01,45,,,U054\n";

    private Path input(String content) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, content, StandardCharsets.UTF_8);
        return in;
    }

    private AuditFigures audit(String content, int chunk) throws IOException {
        return Audit.run(AuditOptions.of(input(content), dir.resolve("out")), chunk);
    }

    private AuditOptions withId(Path in, String idColumn) {
        return new AuditOptions(in, dir.resolve("out-" + idColumn), Measure.lowerBackImaging(), NullPolicy.CLINICAL,
                null, idColumn, 0);
    }

    @Test
    void anIdColumnThatTheMeasureOrTheSummaryAlsoReadsFeedsBoth() throws Exception {
        // Once: a column fed one slot only, so --id-column naming a measure column left the id
        // empty, and naming the provider or date column put every row under "unknown" in
        // by_provider or by_month.
        Path in = input(HEADER + ROW);
        AuditFigures s = Audit.run(withId(in, "Der_Procedure_All"));
        assertThat(AuditOutputs.csv(dir.resolve("out-Der_Procedure_All/matches.csv")).get(1))
                .containsExactly("1", "U054", "counted", "", "U054");
        assertThat(s.counted()).isEqualTo(1);

        s = Audit.run(withId(in, "der_provider_code"));
        assertThat(AuditOutputs.csv(dir.resolve("out-der_provider_code/matches.csv")).get(1)[1]).isEqualTo("RXH");
        assertThat(s.byProvider()).containsOnlyKeys("RXH");

        s = Audit.run(withId(in, "Appointment_Date"));
        assertThat(AuditOutputs.csv(dir.resolve("out-Appointment_Date/matches.csv")).get(1)[1]).isEqualTo("2024-01-01");
        assertThat(s.byMonth()).containsOnlyKeys("2024-01");
    }

    @Test
    void aQuoteInsideAHeaderNameIsAnOrdinaryCharacter() throws Exception {
        // Once: the header reader took any quote for the start of a quoted section, so a name
        // such as Notes "free text" made it run on past the line end and swallow data rows.
        String header = HEADER.strip() + ",Comments \"free text\n";
        String rows = "1,2024-01-01,RXH,01,45,,,U054,a\n"
                + "2,2024-01-01,RXH,01,45,,,U054,\"b\"\n"
                + "3,2024-01-01,RXH,01,45,,,U054,c\n";
        for (int chunk : new int[] {16, 1 << 20}) {
            AuditFigures s = audit(header + rows, chunk);
            assertThat(s.rowsRead()).as("chunk %d", chunk).isEqualTo(3);
            assertThat(s.counted()).as("chunk %d", chunk).isEqualTo(3);
        }
        // How the header line itself is read: org.backcheck.extract.HeaderTest.
    }

    @Test
    void aQuotedHeaderNameHoldingALineFeedIsReadWholeAtAnyChunkSize() throws Exception {
        // Once: the header was read from the first chunk only, so a chunk cut inside a quoted
        // name left the rest of the header to be read as data.
        String content = "\"Free\ntext\"," + HEADER + "\"a\nb\"," + ROW + "x," + ROW;
        for (int chunk : new int[] {4, 8, 16, 64, 1 << 20}) {
            AuditFigures s = audit(content, chunk);
            assertThat(s.rowsRead()).as("chunk %d", chunk).isEqualTo(2);
            assertThat(s.counted()).as("chunk %d", chunk).isEqualTo(2);
        }
    }

    @Test
    void aCarriageReturnAloneAtTheEndOfTheFileIsABlankLineNotARow() throws Exception {
        // Once: a last line of a lone CR (a CRLF file cut between CR and LF after a blank line)
        // became a rejected row of one field, at every chunk size.
        for (int chunk : new int[] {8, 1 << 20}) {
            AuditFigures s = audit(HEADER + ROW.replace("\n", "\r\n") + "\r\n\r", chunk);
            assertThat(s.rowsRead()).as("chunk %d", chunk).isEqualTo(1);
            assertThat(s.counted()).isEqualTo(1);
            assertThat(s.blankLinesSkipped()).isEqualTo(2);
        }
    }

    @Test
    void aFailedRunLeavesNoSummaryOfAnEarlierRunBehind() throws Exception {
        // Once: a run that failed part-way (here a truncated .gz) left the new, partial
        // matches.csv beside the summary.json of an earlier run into the same folder.
        Path out = dir.resolve("out");
        Audit.run(AuditOptions.of(input(HEADER + ROW), out));
        assertThat(out.resolve("summary.json")).exists();
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 5000; i++) {
            rows.append(ROW);
        }
        byte[] gz = GzipInputTest.gzip(rows.toString());
        Path broken = dir.resolve("broken.csv.gz");
        Files.write(broken, java.util.Arrays.copyOf(gz, gz.length - 20));
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(broken, out), 1024)).isInstanceOf(IOException.class);
        assertThat(out.resolve("summary.json")).doesNotExist();
        assertThat(out.resolve("matches.csv")).doesNotExist();
        assertThat(out.resolve("rejected.csv")).doesNotExist();
    }

    @Test
    void anInputThatIsOneOfTheOutputsIsRefusedAndLeftAlone() throws Exception {
        // Once: auditing out/rejected.csv into out overwrote the input with the run's own output.
        Path out = Files.createDirectories(dir.resolve("out"));
        Path in = out.resolve("rejected.csv");
        Files.writeString(in, HEADER + ROW);
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(in, out))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is one of the outputs");
        assertThat(Files.readString(in)).isEqualTo(HEADER + ROW);
    }

    @Test
    void aFileWithoutLineFeedsIsRefusedWithoutReadingItWhole() throws Exception {
        // Once: to find the end of the header the reader doubled its buffer until it held the
        // whole file (a CR-only "Macintosh" CSV, a binary file): a large one ended in
        // OutOfMemoryError (or, past 1 GiB, an int overflow and an ArrayIndexOutOfBoundsException):
        // an internal error, not a refusal.
        byte[] line = (HEADER.strip() + "\r" + ROW.strip() + "\r").getBytes(StandardCharsets.US_ASCII);
        Path in = dir.resolve("mac.csv");
        try (var out = Files.newOutputStream(in)) {
            for (int written = 0; written < (4 << 20); written += line.length) {
                out.write(line);
            }
        }
        try (InputChunks chunks = new InputChunks(in, 4096)) {
            assertThatThrownBy(chunks::next).isInstanceOf(UnreadableExtractException.class)
                    .hasMessageContaining("no line feed");
            assertThat(chunks.bytesRead()).isLessThan(3L << 20);
        }
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(in, dir.resolve("out")), 4096))
                .isInstanceOf(UnreadableExtractException.class);
    }

    @Test
    void aDataLineLongerThanTheFirstLineLimitIsRead() throws Exception {
        // A long data line (here 3 MiB in one quoted field, more than the first-line limit) is fine.
        String longField = "x".repeat(3 << 20);
        AuditFigures s = audit(HEADER + "1,2024-01-01,RXH,01,45,,\"" + longField + "\",U054\n" + ROW, 4096);
        assertThat(s.rowsRead()).isEqualTo(2);
        assertThat(s.counted()).isEqualTo(2);
        List<String[]> m = AuditOutputs.csv(dir.resolve("out/matches.csv"));
        assertThat(m).hasSize(3);
    }

    @Test
    void aMissingClosingQuoteEarlyInALargeFileIsRefusedNotReadOnForever() throws Exception {
        // Once: the record left open was re-joined and re-read with every following chunk, all
        // of it held in memory, so one stray quote near the top of a large file cost time growing
        // with the square of the file size, then all memory. Now a record open for more than the
        // limit (64 MiB; 1 MiB here) refuses the extract, naming the row.
        StringBuilder text = new StringBuilder(HEADER).append(ROW).append("2,2024-01-01,RXH,01,45,,\"M545,U054\n");
        while (text.length() < (3 << 20)) {
            text.append(ROW);
        }
        Path in = input(text.toString());
        long started = System.nanoTime();
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(in, dir.resolve("out")), 16 << 10, 1 << 20))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("data row 2 has a quoted field that runs on over more than 1 MiB");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(5.0);
        // Within the limit the documented reading stands: the rest of the file is that one field.
        AuditFigures s = Audit.run(AuditOptions.of(in, dir.resolve("out")), 256 << 10, 8 << 20);
        assertThat(s.rowsRead()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
    }
}
