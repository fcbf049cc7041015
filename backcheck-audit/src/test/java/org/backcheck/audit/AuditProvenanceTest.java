package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.InputDigest;
import org.backcheck.report.InputIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-machine audit's provenance: the input's SHA-256 is that of its bytes (checked against
 * MessageDigest over the whole file), for CSV and .gz; the run's time and options; and a checksum
 * taken in a child JVM is the one taken in this JVM.
 */
class AuditProvenanceTest {

    @TempDir
    Path dir;

    private static final String CSV = String.join(",", ExtractFile.OPA_COLUMNS) + "\n"
            + "1,2024-01-01,RXH,01,45,,,U054\n2,2024-02-01,RXH,01,45,,,U051\n";

    @Test
    void aCsvFilesChecksumIsItsBytesAndTheRunIsRecordedInSummaryJson() throws Exception {
        Path in = Files.writeString(dir.resolve("opa extract.csv"), CSV, StandardCharsets.UTF_8);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AuditFigures f = Audit.run(AuditOptions.of(in, dir.resolve("out")));
        Instant after = Instant.now();
        assertThat(f.run().input()).isEqualTo(new InputIdentity("opa extract.csv", Files.size(in),
                sha256(Files.readAllBytes(in)), InputIdentity.FILE));
        assertThat(f.run().started()).isBetween(before, after);
        assertThat(f.run().engine()).isEqualTo("single");
        assertThat(f.run().engineOptions()).containsExactly("--engine", "single", "--null-policy", "clinical",
                "--delimiter", "comma");

        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("out").resolve("summary.json").toFile()).get("provenance");
        assertThat(provenance.get("input").get("sha256").asText()).isEqualTo(f.run().input().sha256());
        assertThat(provenance.get("input").get("bytes").asLong()).isEqualTo(Files.size(in));
        assertThat(provenance.get("engine").asText()).isEqualTo("single");
        assertThat(provenance.get("run_utc").asText()).isEqualTo(f.run().started().toString());
        assertThat(provenance.get("measure_revision").asText()).contains("last revised December 2023");
    }

    @Test
    void aGzipFilesChecksumIsOfItsCompressedBytesAsStored() throws Exception {
        byte[] gz = GzipInputTest.gzip(CSV);
        Path in = Files.write(dir.resolve("opa.csv.gz"), gz);
        AuditFigures f = Audit.run(AuditOptions.of(in, dir.resolve("out")));
        assertThat(f.rowsRead()).isEqualTo(2);
        assertThat(f.run().input()).isEqualTo(new InputIdentity("opa.csv.gz", gz.length, sha256(gz), InputIdentity.FILE));
    }

    @Test
    void aChecksumTakenInAChildJvmIsTheOneTakenHereForAFileAndForAFoldersParts() throws Exception {
        Random random = new Random(13);
        byte[] big = new byte[(int) FileChecksum.CHILD_JVM_FROM_BYTES + 1000];
        random.nextBytes(big);
        Path file = Files.write(dir.resolve("large.csv"), big);
        assertThat(FileChecksum.inChildJvm(List.of(file))).isEqualTo(Map.of(file, sha256(big)));
        assertThat(FileChecksum.identity(file, List.of(), true)).isEqualTo(InputDigest.ofFile(file));

        Path folder = Files.createDirectories(dir.resolve("parts.parquet"));
        Path a = Files.write(folder.resolve("part-0.parquet"), java.util.Arrays.copyOf(big, big.length / 2 + 10));
        Path b = Files.write(folder.resolve("part-1.parquet"), java.util.Arrays.copyOfRange(big, 5, big.length));
        InputIdentity inChild = FileChecksum.identity(folder, List.of(b, a), true);
        assertThat(inChild).isEqualTo(InputDigest.of(folder, List.of(a, b)));
        assertThat(inChild.method()).isEqualTo(InputIdentity.PARTS);
        assertThat(inChild.bytes()).isEqualTo(Files.size(a) + Files.size(b));
    }

    @Test
    void whenTheChildJvmFailsTheChecksumIsTakenHere() throws Exception {
        Path missing = dir.resolve("gone.csv");
        assertThat(FileChecksum.inChildJvm(List.of(missing))).isEmpty();
        // Surefire runs this JVM with C2, so the audit hashes here; the launcher's C1-only JVM would use a child.
        assertThat(FileChecksum.ownJitLacksC2()).isFalse();
    }

    @Test
    void aChildThatHangsIsStoppedAtTheTimeoutAndTheChecksumIsTakenHere() throws Exception {
        Path file = Files.write(dir.resolve("small.csv"), new byte[] {1, 2, 3});
        // A child that neither prints nor exits (its output stays open): the timeout must still apply.
        List<String> hangs = List.of("sleep", "47");
        long start = System.nanoTime();
        assertThat(FileChecksum.fromChild(hangs, List.of(file), java.time.Duration.ofSeconds(1))).isEmpty();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
        // The child was stopped, not left running.
        Thread.sleep(200);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains("47")).orElse(false))).isEmpty();
        // A child that answers in time is still used.
        String sum = sha256(new byte[] {1, 2, 3});
        assertThat(FileChecksum.fromChild(List.of("echo", sum), List.of(file), java.time.Duration.ofSeconds(30)))
                .isEqualTo(Map.of(file, sum));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
