package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per output folder, and no partial outputs: whatever stops a run (a full disk, a broken
 * input, SIGTERM), --out holds either the previous run's complete outputs or nothing, no staging
 * folder is left beside it, and a second run on a folder in use is refused.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OutputFolderCliTest {

    /** ExitCodes.FOLDER_IN_USE, written out so that this test also runs against code without it. */
    private static final int FOLDER_IN_USE = 5;

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private Path extract;
    private Path out;

    @BeforeEach
    void extract() {
        extract = dir.resolve("opa.csv");
        assertThat(Main.run("generate", "--rows", "20000", "--seed", "3", "--out", extract.toString())).isZero();
        out = dir.resolve("out");
    }

    @Test
    void aFullDiskNamesTheFileAndLeavesThePreviousRunAsItWas() throws Exception {
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isZero();
        Map<String, String> previous = contents(out);
        // A file size limit of 140 KiB for the child: the write of report.html or aggregates.csv (each over 140 KB;
        // the files before them are smaller) fails as on a full disk, with EFBIG ("File too large") from the kernel.
        Process p = limited(140, "audit", "--input", extract.toString(), "--out", out.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("child.err"));
        assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.IO);
        assertThat(err).contains("could not write report.html in " + out.toAbsolutePath()).contains("File too large")
                .doesNotContain("Exception");
        assertThat(contents(out)).isEqualTo(previous);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFullDiskOnAFirstRunLeavesNoFolder() throws Exception {
        Process p = limited(100, "audit", "--input", extract.toString(), "--out", out.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.IO);
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anInputErrorMidRunLeavesThePreviousRunAsItWas() throws Exception {
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isZero();
        Map<String, String> previous = contents(out);
        Path gz = dir.resolve("opa.csv.gz");
        // Large enough that the cut comes after the first 4 MiB chunk, when outputs are being written.
        assertThat(Main.run("generate", "--rows", "150000", "--seed", "4", "--out", gz.toString())).isZero();
        byte[] whole = Files.readAllBytes(gz);
        Path truncated = dir.resolve("truncated.csv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        console.reset();
        assertThat(Main.run("audit", "--input", truncated.toString(), "--out", out.toString())).isEqualTo(ExitCodes.IO);
        assertThat(console.err()).contains("truncated");
        assertThat(contents(out)).isEqualTo(previous);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheFolderAndSigtermLeavesThePreviousRun() throws Exception {
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isZero();
        Map<String, String> previous = contents(out);
        // The first run reads a FIFO nobody writes to: it stays in progress until it is stopped.
        Path fifo = dir.resolve("extract.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process first = ChildJvm.java("-XX:-UsePerfData", "-Xmx256m", Main.class.getName(), "audit", "--input",
                fifo.toString(), "--out", out.toString())
                .redirectError(dir.resolve("child.err").toFile()).redirectOutput(dir.resolve("child.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (staging().isEmpty() && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(staging()).as("the first run's staging folder").hasSize(1);

            console.reset();
            assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isEqualTo(FOLDER_IN_USE);
            assertThat(console.err()).contains("another Backcheck run is writing to " + out.toAbsolutePath())
                    .contains("another --out folder");
            assertThat(contents(out)).isEqualTo(previous);

            first.destroy(); // SIGTERM
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isNotZero();
        } finally {
            first.destroyForcibly();
        }
        assertThat(contents(out)).isEqualTo(previous);
        assertThat(leftovers()).isEmpty();
        // And the folder is free again.
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isZero();
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("holds 1 file(s) Backcheck did not write (notes.txt)");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(contents(out)).containsOnlyKeys("notes.txt");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aSecondRunReplacesTheFirstWhole() throws Exception {
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString(), "--no-disclosure-control"))
                .isZero();
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString())).isZero();
        assertThat(Files.readString(out.resolve("aggregates.csv"))).contains("HES disclosure control")
                .doesNotContain("NONE: not disclosure controlled");
        assertThat(leftovers()).isEmpty();
    }

    /** A child JVM running the command line with a file size limit of {@code kib} KiB (bash's ulimit -f). */
    private Process limited(int kib, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + kib + " && exec \"$@\"", "bash"));
        command.addAll(ChildJvm.java("-XX:-UsePerfData", "-Xmx256m", Main.class.getName()).command());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile())
                .redirectOutput(dir.resolve("child.out").toFile()).start();
    }

    /** Every file in {@code folder} by name, with its size and SHA-256, or an empty map when there is no folder. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return m;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                m.put(f.getFileName().toString(), bytes.length + " bytes, sha-256 " + sha256(bytes));
            }
        }
        return m;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> staging() throws IOException {
        return names().stream().filter(n -> n.startsWith(".out.partial-")).toList();
    }

    /** Staging or set-aside folders beside --out. */
    private List<String> leftovers() throws IOException {
        return names().stream().filter(n -> n.startsWith(".out.") && !n.equals(".out.backcheck.lock")).toList();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
