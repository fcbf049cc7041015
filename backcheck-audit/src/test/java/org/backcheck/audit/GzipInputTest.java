package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.backcheck.report.AuditFigures;
import org.backcheck.extract.UnreadableExtractException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .gz extract is read whole or not at all: a truncated or corrupt file is an error, never a
 * shorter audit. Files of several gzip members (pigz, bgzip, {@code cat a.gz b.gz}) are read
 * member after member, however small the last one.
 */
class GzipInputTest {

    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", ExtractFile.OPA_COLUMNS) + "\n";

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String rows(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append(i).append(",2024-01-01,RXH,01,45,,,U054\n");
        }
        return sb.toString();
    }

    private AuditFigures audit(byte[] gz) throws IOException {
        Path in = dir.resolve("in.csv.gz");
        Files.write(in, gz);
        return Audit.run(AuditOptions.of(in, dir.resolve("out")), 256);
    }

    @Test
    void aShortLastMemberIsReadToo() throws Exception {
        // A member of a few bytes, holding one short row: read, and the row rejected, not lost.
        byte[] gz = concat(gzip(HEADER + rows(1, 6)), gzip("7\n"));
        AuditFigures s = audit(gz);
        assertThat(s.rowsRead()).isEqualTo(7);
        assertThat(s.counted()).isEqualTo(6);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out/rejected.csv"))).contains("7,7,(row),");
    }

    @Test
    void manyMembersAreReadInOrder() throws Exception {
        byte[] gz = concat(gzip(HEADER + rows(1, 50)), gzip(rows(51, 52)), gzip(""), gzip(rows(53, 300)));
        AuditFigures s = audit(gz);
        assertThat(s.rowsRead()).isEqualTo(300);
        assertThat(s.counted()).isEqualTo(300);
    }

    @Test
    void aFileTruncatedAnywhereIsAnError() throws Exception {
        byte[] first = gzip(HEADER + rows(1, 20));
        byte[] gz = concat(first, gzip(rows(21, 40)));
        assertThat(audit(gz).rowsRead()).isEqualTo(40);
        for (int cut = 2; cut < gz.length; cut++) {
            if (cut == first.length) {
                continue; // a whole first member is a complete gzip file: nothing tells it was cut
            }
            byte[] truncated = Arrays.copyOf(gz, cut);
            int at = cut;
            assertThatThrownBy(() -> audit(truncated)).as("cut at %d of %d", at, gz.length).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCorruptSecondMemberHeaderIsAnError() throws Exception {
        byte[] first = gzip(HEADER + rows(1, 40));
        for (int at = 0; at < 3; at++) {
            byte[] gz = concat(first, gzip(rows(41, 80)));
            gz[first.length + at] ^= 0x40;
            int where = at;
            assertThatThrownBy(() -> audit(gz)).as("byte %d of the second header", where).isInstanceOf(IOException.class);
        }
    }

    @Test
    void dataAfterTheLastMemberIsAnErrorButZeroPaddingIsNot() throws Exception {
        byte[] whole = gzip(HEADER + rows(1, 40));
        assertThatThrownBy(() -> audit(concat(whole, "1,2024-01-01,RXH,01,45,,,U054\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("gzip");
        assertThatThrownBy(() -> audit(concat(whole, new byte[] {0x1f}))).isInstanceOf(IOException.class);
        assertThat(audit(concat(whole, new byte[512])).rowsRead()).isEqualTo(40);
    }

    @Test
    void aFlippedBitInTheCompressedDataIsAnError() throws Exception {
        byte[] gz = gzip(HEADER + rows(1, 20));
        // Past the 10-byte header (whose time and OS fields carry no data) up to the end of the trailer.
        for (int at = 10; at < gz.length; at++) {
            byte[] corrupt = gz.clone();
            corrupt[at] ^= 0x01;
            int where = at;
            // Caught by the checksum at the latest; a damaged header line may be noticed first.
            assertThatThrownBy(() -> audit(corrupt)).as("flip at %d", where)
                    .isInstanceOfAny(IOException.class, UnreadableExtractException.class);
        }
    }
}
