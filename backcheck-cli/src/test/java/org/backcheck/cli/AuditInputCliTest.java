package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code audit} in a JVM of its own: memory bounded by --max-record-bytes on a hostile .gz (a
 * small -Xmx, so that holding the line whole would end in OutOfMemoryError), and input through
 * pipes and FIFOs (standard input, /dev/stdin, a named pipe), plain and gzip-compressed.
 */
@EnabledOnOs(OS.LINUX)
class AuditInputCliTest {

    static final String HEADER = "Der_Procedure_All,Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,"
            + "Der_Diagnosis_All,Administrative_Category\n";
    static final String ROW = "U054,45,,,01\n";

    @TempDir
    Path dir;

    /** What a finished child JVM printed, and its exit code. */
    record Run(int exit, String out, String err) { }

    /** Runs {@code audit args} in a child JVM with the given heap, feeding {@code stdin} (or nothing), for at most 60 s. */
    private Run audit(String heap, byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(heap, "org.backcheck.cli.Main", "audit"));
        command.addAll(List.of(args));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = ChildJvm.java(command.toArray(String[]::new)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin);
                    }
                } catch (IOException e) {
                    // the child stopped reading: its exit code and stderr tell why
                }
            });
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("audit finished within 60 s").isTrue();
            feeding.get(10, TimeUnit.SECONDS);
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    /** A gzip file of the header, a line of {@code zeros} NUL bytes, and one good row: a few hundred KB on disk. */
    private Path zeroBomb(long zeros) throws IOException {
        Path gz = dir.resolve("zeros.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            for (long left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.write('\n');
            out.write(ROW.getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Files.size(gz)).isLessThan(2 << 20);
        return gz;
    }

    @Test
    void aGzipOfAHugeLineOfZerosIsARejectedRowNotOutOfMemory() throws Exception {
        Path gz = zeroBomb(320L << 20);
        // Default --max-record-bytes (64 MiB) in a 192 MB heap: the 320 MB line was held whole before.
        Run run = audit("-Xmx192m", null, "--input", gz.toString(), "--out", dir.resolve("o").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(run.out()).contains("rows_read 2 = counted 1 + excluded 0 + unmatched 0 + rejected 1");
        assertThat(Files.readString(dir.resolve("o/rejected.csv")))
                .contains("1,,(row),\"the record is longer than --max-record-bytes (64 MiB)");
        // A small bound keeps a tiny heap enough.
        Run small = audit("-Xmx40m", null, "--input", gz.toString(), "--out", dir.resolve("s").toString(),
                "--max-record-bytes", "1MiB");
        assertThat(small.exit()).as(small.err()).isZero();
        assertThat(small.out()).contains("rejected 1");
    }

    private byte[] csv() {
        return (HEADER + ROW + "U054,forty,,,01\n" + ROW).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] gzip(byte[] bytes) throws IOException {
        var buffer = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "/dev/stdin", "/proc/self/fd/0"})
    void standardInputIsReadPlainAndGzipped(String input) throws Exception {
        for (boolean gz : new boolean[] {false, true}) {
            Path out = dir.resolve("o" + gz);
            Run run = audit("-Xmx128m", gz ? gzip(csv()) : csv(), "--input", input, "--out", out.toString());
            assertThat(run.exit()).as("gzip " + gz + ": " + run.err()).isZero();
            assertThat(run.out()).contains("rows_read 3 = counted 2 + excluded 0 + unmatched 0 + rejected 1");
            assertThat(Files.readString(out.resolve("rejected.csv"))).contains("2,,Age_at_Start_of_Episode_SUS");
            assertPipeChecksum(out, gz ? gzip(csv()) : csv());
        }
    }

    /** A pipe's checksum is of the bytes read from it (compressed, for gzip), taken as they passed. */
    private static void assertPipeChecksum(Path out, byte[] fed) throws Exception {
        com.fasterxml.jackson.databind.JsonNode input = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile()).get("provenance").get("input");
        assertThat(input.get("checksum_of").asText()).isEqualTo(org.backcheck.report.InputIdentity.PIPE);
        assertThat(input.get("bytes").asLong()).isEqualTo(fed.length);
        assertThat(input.get("sha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(fed)));
    }

    @Test
    void aNamedPipeIsReadPlainAndGzipped() throws Exception {
        for (boolean gz : new boolean[] {false, true}) {
            Path fifo = dir.resolve("fifo" + gz);
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            byte[] bytes = gz ? gzip(csv()) : csv();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream w = Files.newOutputStream(fifo)) {
                    w.write(bytes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Run run = audit("-Xmx128m", null, "--input", fifo.toString(), "--out", dir.resolve("f" + gz).toString());
            assertThat(run.exit()).as("gzip " + gz + ": " + run.err()).isZero();
            assertThat(run.out()).contains("rows_read 3 = counted 2");
            writer.get(10, TimeUnit.SECONDS);
            assertPipeChecksum(dir.resolve("f" + gz), bytes);
        }
    }

    @Test
    void parquetThroughAPipeIsRefusedSayingToWriteAFile() throws Exception {
        byte[] parquetish = "PAR1 then pages, and the footer at the end".getBytes(StandardCharsets.US_ASCII);
        Run run = audit("-Xmx64m", parquetish, "--input", "-", "--out", dir.resolve("p").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is Parquet coming through a pipe").contains("write it to a file");
    }
}
