package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.backcheck.extract.RecordParser;
import org.backcheck.measure.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cutting a file into segments must not change a single record: for damaged text full of quoted
 * line breaks, stray quotes and blank lines, the records read range by range (after the segments
 * are shaped and chained) are exactly those read straight through, at every segment size, with
 * the same row numbers. No Spark here: the same functions the tasks call, on a local file.
 */
class SegmentChainTest {

    @TempDir
    Path dir;

    private static final String HEADER = "OPA_Ident,Appointment_Date,Der_Provider_Code,Administrative_Category,"
            + "Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Der_Procedure_All\n";

    /** Rows that are fine, some with quoted line breaks and doubled quotes. */
    private static final String[] ROWS = {
        "1,2024-01-01,RXH,01,45,,,U054",
        "\"2\",2024-01-01,RXH,01,45,,\"M545\nC509\",\"U055\"",
        "3,,,,,,,",
        "\"4,a\",2024-02-01,R0A,02,19,,,\"U135,\"\"Z665\"\"\"",
        "5,2024-01-01,RXH,01,x,,,U054",
        "\"6\n\n\",2024-03-01,RXH,01,30,,\"\n\",\"U054\n\"",
    };

    /** What damages them. */
    private static final String[] DAMAGE = {"\"", "\"\"", ",", "\r", "\n", "\r\n", "\n\n", " ", "\"x\"y", ",\"", "\"\n"};

    /** One record as read: its row number, why it cannot be read (or ""), and its id slot's bytes. */
    record Read(long row, String malformed, String id) { }

    @Test
    void recordsReadSegmentBySegmentAreTheRecordsReadStraightThrough() throws IOException {
        SplittableRandom random = new SplittableRandom(6);
        Configuration conf = new Configuration();
        for (int n = 0; n < 120; n++) {
            String body = damagedBody(random);
            Path file = dir.resolve("extract-" + n + ".csv");
            Files.write(file, (HEADER + body).getBytes(StandardCharsets.UTF_8));
            CsvFile f = CsvFile.read(new org.apache.hadoop.fs.Path(file.toUri()), Files.size(file), conf, null,
                    Measure.lowerBackImaging(), null);
            List<Read> straight = readRange(f, conf, f.header().dataStart(), Long.MAX_VALUE, 0);
            for (long size : new long[] {1, 2, 3, 5, 8, 13, 40, 1 << 20}) {
                List<SegmentShape> shapes = new ArrayList<>();
                for (CsvInput.Segment s : CsvInput.segments(0, f, size)) {
                    shapes.add(CsvInput.shape(f, s, conf));
                }
                List<Read> segmented = new ArrayList<>();
                for (FileRange r : FileRange.chain(shapes, new long[] {f.length()})) {
                    List<Read> part = readRange(f, conf, r.start(), r.end(), r.rowsBefore());
                    assertThat(part).as("records in range %s", r).hasSize((int) r.records());
                    segmented.addAll(part);
                }
                assertThat(segmented).as("case %d, segments of %d bytes: %s", n, size, escaped(body)).isEqualTo(straight);
            }
        }
    }

    @Test
    void aCompressedFileIsOneSegmentReadWhole() throws IOException {
        Path file = dir.resolve("extract.csv.gz");
        String body = String.join("\n", ROWS) + "\n";
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((HEADER + body).getBytes(StandardCharsets.UTF_8));
        }
        Configuration conf = new Configuration();
        CsvFile f = CsvFile.read(new org.apache.hadoop.fs.Path(file.toUri()), Files.size(file), conf, null,
                Measure.lowerBackImaging(), null);
        List<CsvInput.Segment> segments = CsvInput.segments(0, f, 8);
        assertThat(segments).hasSize(1);
        List<FileRange> ranges = FileRange.chain(List.of(CsvInput.shape(f, segments.get(0), conf)), new long[] {Long.MAX_VALUE});
        assertThat(ranges).singleElement().satisfies(r -> assertThat(r.records()).isEqualTo(ROWS.length));
        List<Read> read = readRange(f, conf, ranges.get(0).start(), ranges.get(0).end(), 0);
        assertThat(read).extracting(Read::id).containsExactly("1", "2", "3", "4,a", "5", "6\n\n");
    }

    private static String damagedBody(SplittableRandom random) {
        StringBuilder body = new StringBuilder();
        int rows = 1 + random.nextInt(8);
        for (int i = 0; i < rows; i++) {
            StringBuilder row = new StringBuilder(ROWS[random.nextInt(ROWS.length)]);
            int damage = random.nextInt(3);
            for (int k = 0; k < damage; k++) {
                int at = random.nextInt(row.length() + 1);
                if (random.nextInt(3) == 0 && at < row.length()) {
                    row.delete(at, Math.min(row.length(), at + 1 + random.nextInt(4)));
                } else {
                    row.insert(at, DAMAGE[random.nextInt(DAMAGE.length)]);
                }
            }
            body.append(row);
            if (i < rows - 1 || random.nextInt(3) > 0) {
                body.append(random.nextBoolean() ? "\n" : "\r\n");
            }
        }
        return body.toString();
    }

    private static List<Read> readRange(CsvFile f, Configuration conf, long start, long end, long rowsBefore) throws IOException {
        RecordParser parser = f.parser();
        int idSlot = Measure.lowerBackImaging().columns().size();
        List<Read> out = new ArrayList<>();
        try (InputStream in = f.open(conf, start, end)) {
            RecordStream records = new RecordStream(in, parser);
            while (records.next(rowsBefore)) {
                String malformed = parser.malformed();
                String id = new String(parser.bytes(idSlot), parser.offset(idSlot), parser.length(idSlot), StandardCharsets.UTF_8);
                out.add(new Read(rowsBefore + records.records(), malformed == null ? "" : malformed, id));
            }
        }
        return out;
    }

    private static String escaped(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
