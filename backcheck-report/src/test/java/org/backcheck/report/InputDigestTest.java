package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input's checksum: a file's, a stream's as it is read, and a folder's parts' by the documented rule. */
class InputDigestTest {

    /** SHA-256("abc"), the worked example of FIPS 180-2, appendix B.1. */
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** SHA-256 of no bytes (FIPS 180-2's algorithm on the empty message; also `sha256sum /dev/null`). */
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    @Test
    void aFileIsItsBytesAsStored() throws Exception {
        Path file = dir.resolve("abc.csv");
        Files.writeString(file, "abc", StandardCharsets.US_ASCII);
        assertThat(InputDigest.ofFile(file)).isEqualTo(new InputIdentity("abc.csv", 3, ABC, InputIdentity.FILE));
        Path empty = dir.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        assertThat(InputDigest.ofFile(empty).sha256()).isEqualTo(EMPTY);
    }

    @Test
    void bytesReadThroughTheCountingStreamAreHashedOnceEachWhateverWayTheyAreRead() throws Exception {
        InputDigest d = new InputDigest();
        byte[] data = "xabcdefghij".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = d.counting(new ByteArrayInputStream(data))) {
            assertThat(in.read()).isEqualTo('x');
            assertThat(in.skip(3)).isEqualTo(3);
            byte[] rest = new byte[100];
            int n = in.read(rest, 0, rest.length);
            assertThat(n).isEqualTo(data.length - 4);
            assertThat(in.read()).isEqualTo(-1);
        }
        InputIdentity id = d.identity("-", InputIdentity.PIPE);
        assertThat(id.bytes()).isEqualTo(data.length);
        assertThat(id.sha256()).isEqualTo(sha256(data));
        assertThat(id.method()).isEqualTo(InputIdentity.PIPE);
    }

    @Test
    void aFolderIsItsPartsPathsAndChecksumsInPathOrder() throws Exception {
        Path folder = dir.resolve("opa.parquet");
        Files.createDirectories(folder.resolve("year=2024"));
        Path b = Files.writeString(folder.resolve("part-b.parquet"), "abc");
        Path a = Files.writeString(folder.resolve("year=2024").resolve("part-a.parquet"), "");
        InputIdentity id = InputDigest.of(folder, List.of(b, a));
        // Worked by hand from InputIdentity.PARTS: "part-b..." sorts before "year=2024/..." ('p' < 'y').
        String lines = "part-b.parquet " + ABC + "\n" + "year=2024/part-a.parquet " + EMPTY + "\n";
        assertThat(id).isEqualTo(new InputIdentity("opa.parquet", 3,
                sha256(lines.getBytes(StandardCharsets.UTF_8)), InputIdentity.PARTS));
        // The order the parts are given in does not matter; a renamed part changes the checksum.
        assertThat(InputDigest.of(folder, List.of(a, b))).isEqualTo(id);
        Path renamed = Files.move(b, folder.resolve("part-c.parquet"));
        assertThat(InputDigest.of(folder, List.of(a, renamed)).sha256()).isNotEqualTo(id.sha256());
    }

    @Test
    void aPathIsNamedWithoutItsFolderAndStandardInputAsADash() {
        assertThat(InputDigest.name(Path.of("/home/analyst/extracts/opa 2024.csv"))).isEqualTo("opa 2024.csv");
        assertThat(InputDigest.name(Path.of("/dev/stdin"))).isEqualTo("-");
        assertThat(InputDigest.name(Path.of("-"))).isEqualTo("-");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
