package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code audit} says about input it cannot use, and about the bounds it reads within: each a
 * clear message on one line, the documented exit code, no stack trace.
 */
class AuditMessagesCliTest {

    private static final String HEADER = AuditInputCliTest.HEADER;
    private static final String ROW = AuditInputCliTest.ROW;

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private int audit(Path input, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "--input";
        args[1] = input.toString();
        args[2] = "--out";
        args[3] = dir.resolve("out").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        String[] all = new String[args.length + 1];
        all[0] = "audit";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all);
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private void assertNoStackTrace() {
        assertThat(console.err()).doesNotContain("\tat ").doesNotContain("    at ").doesNotContain("internal error");
    }

    @Test
    void wrongStatisticalOptionsAreUsageErrorsNamingTheOption() throws Exception {
        Path input = file("ok.csv", (HEADER + ROW).getBytes(StandardCharsets.UTF_8));
        String[][] cases = {{"--benchmark", "high"}, {"--target", "-2"}, {"--spc-baseline", "11"}, {"--rebase", "24-07"},
            {"--funnel-ratio-method", "both"}};
        for (String[] c : cases) {
            console.reset();
            assertThat(audit(input, c)).as(c[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(console.err()).as(c[0]).contains(c[0]);
            assertNoStackTrace();
        }
        assertThat(dir.resolve("out").resolve("summary.json")).doesNotExist();
        console.reset();
        assertThat(audit(input, "--benchmark", "11.5", "--target", "9", "--rebase", "2024-06", "--rebase", "2024-09",
                "--spc-baseline", "12", "--funnel-ratio-method", "cqc")).isZero();
        assertThat(Files.readString(dir.resolve("out").resolve("aggregates.json"))).contains("\"benchmark_per_1000_records\" : 11.5");
    }

    @Test
    void utf16InputIsNamedWithHowToConvertIt() throws Exception {
        byte[] bom = "\uFEFF".getBytes(StandardCharsets.UTF_16LE);
        byte[] text = (HEADER + ROW).getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(text, 0, withBom, bom.length, text.length);
        for (Path input : new Path[] {file("le.csv", withBom), file("be.csv", (HEADER + ROW).getBytes(StandardCharsets.UTF_16BE))}) {
            console.reset();
            assertThat(audit(input)).isEqualTo(3);
            assertThat(console.err()).contains(input + " is UTF-16 text").contains("iconv -f UTF-16 -t UTF-8");
            assertNoStackTrace();
        }
    }

    @Test
    void aSpreadsheetOrZipIsNamedAsOneWithHowToExportIt() throws Exception {
        Path xlsx = dir.resolve("opa.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(xlsx))) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(audit(xlsx)).isEqualTo(3);
        assertThat(console.err()).contains("is a zip archive (an .xlsx or .ods spreadsheet is one), not delimited text")
                .contains("export the sheet as CSV");
        assertNoStackTrace();
    }

    @Test
    void anOutThatIsAFileOrDevNullIsAUsageError() throws Exception {
        Path input = file("opa.csv", (HEADER + ROW).getBytes(StandardCharsets.US_ASCII));
        Path existing = file("out.txt", "keep me".getBytes(StandardCharsets.US_ASCII));
        assertThat(Main.run("audit", "--input", input.toString(), "--out", existing.toString())).isEqualTo(2);
        assertThat(console.err()).contains("--out " + existing + " is an existing file, not a folder");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        console.reset();
        assertThat(Main.run("audit", "--input", input.toString(), "--out", "/dev/null")).isEqualTo(2);
        assertThat(console.err()).contains("--out /dev/null is a device or other special file, not a folder");
        assertNoStackTrace();
    }

    @Test
    void aHeaderLongerThanAMiBIsReadAndOneLongerThanTheBoundIsNamed() throws Exception {
        String longName = "Notes_" + "x".repeat(3 << 19); // a 1.5 MiB column name
        Path input = file("wide.csv", (HEADER.strip() + "," + longName + "\n" + ROW.strip() + ",n\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(audit(input)).as(console.err()).isZero();
        assertThat(console.out()).contains("rows_read 1 = counted 1");
        console.reset();
        assertThat(audit(input, "--max-record-bytes", "1MiB")).isEqualTo(3);
        assertThat(console.err()).contains("the header line (the first line) is longer than --max-record-bytes (1 MiB)");
        assertNoStackTrace();
    }

    @Test
    void aWrongDelimiterHintsAtTheOneThatSplitsTheHeader() throws Exception {
        Path input = file("pipes.txt", (HEADER + ROW).replace(',', '|').getBytes(StandardCharsets.US_ASCII));
        assertThat(audit(input, "--delimiter", ",")).isEqualTo(3);
        assertThat(console.err()).contains("with --delimiter ',' the header line splits into 1 column(s)")
                .contains("split at the pipe it has them all: give --delimiter '|'");
        assertNoStackTrace();
    }

    @Test
    void anUnknownOptionAndAMissingOneAreBothReported() {
        assertThat(Main.run("audit", "--input", "x.csv", "--bogus", "1")).isEqualTo(2);
        assertThat(console.err()).contains("Unknown option: '--bogus'").contains("Missing required option: '--out=DIR'");
    }

    @Test
    void aMissingPopulationFileSaysWhatTheFileMustBe() throws Exception {
        Path input = file("opa.csv", (HEADER + ROW).getBytes(StandardCharsets.US_ASCII));
        assertThat(audit(input, "--population", dir.resolve("pop.csv").toString())).isEqualTo(2);
        assertThat(console.err()).contains("the population file " + dir.resolve("pop.csv") + " (--population) does not exist")
                .contains("header org_code,year,population").doesNotContain("generate");
        assertNoStackTrace();
    }

    @Test
    void aRecordLongerThanTheBoundIsARejectedRowWithItsNumber() throws Exception {
        String longLine = "U054,45,,," + "0".repeat(5000) + "\n";
        String hugeLine = "U054,45,,," + "0".repeat(3 << 20) + "\n"; // longer than a read buffer of the bound
        Path input = file("long.csv", (HEADER + ROW + longLine + ROW + hugeLine + ROW).getBytes(StandardCharsets.US_ASCII));
        assertThat(audit(input, "--max-record-bytes", "1k")).as(console.err()).isZero();
        assertThat(console.out()).contains("rows_read 5 = counted 3 + excluded 0 + unmatched 0 + rejected 2");
        String rejected = Files.readString(dir.resolve("out/rejected.csv"));
        assertThat(rejected).contains("2,,(row),\"the record is longer than --max-record-bytes (1 KiB)")
                .contains("4,,(row),\"the record is longer than --max-record-bytes (1 KiB)");
    }

    @Test
    void threadsAndMaxRecordBytesOutsideTheirRangesAreUsageErrors() throws Exception {
        Path input = file("opa.csv", (HEADER + ROW).getBytes(StandardCharsets.US_ASCII));
        assertThat(audit(input, "--threads", "-1")).isEqualTo(2);
        assertThat(console.err()).contains("--threads must be from 0 (one per core, the default) to");
        console.reset();
        assertThat(audit(input, "--threads", "100000")).isEqualTo(2);
        assertThat(console.err()).contains("four per core").contains("not 100000");
        console.reset();
        assertThat(audit(input, "--max-record-bytes", "lots")).isEqualTo(2);
        assertThat(console.err()).contains("--max-record-bytes must be a number of bytes such as 65536, 64k, 64MiB or 1G");
        console.reset();
        assertThat(audit(input, "--max-record-bytes", "2G")).isEqualTo(2);
        assertThat(console.err()).contains("--max-record-bytes must be from 1k to 1G, not 2 GiB");
    }

    @Test
    void aFileThatReportsSizeZeroButHasContentIsRead() throws Exception {
        // /proc/PID/environ reports size 0 but holds the process's environment: here, an extract.
        ProcessBuilder sleeper = new ProcessBuilder("sleep", "30");
        sleeper.environment().clear();
        sleeper.environment().put(HEADER.strip() + ",Extra", "x\n" + ROW.strip() + ",y\n" + ROW.strip() + ",z\n");
        Process p = sleeper.start();
        try {
            Path environ = Path.of("/proc", Long.toString(p.pid()), "environ");
            assertThat(Files.size(environ)).isZero();
            assertThat(audit(environ)).as(console.err()).isZero();
            // The line after the last line feed is the NUL that ends the environment: a short row.
            assertThat(console.out()).contains("rows_read 3 = counted 2 + excluded 0 + unmatched 0 + rejected 1");
        } finally {
            p.destroyForcibly();
        }
    }
}
