package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet file can be tiny and still hold millions of rows in one row group (a repeated row
 * compresses to almost nothing). The audit must not hold one row group's results whole: it takes
 * them back in slices of a bounded number of rows (independent review of issue 12, finding 1, where
 * a 1 KB file with 20 million rows in one row group ran a 1 GiB heap out of memory).
 *
 * <p>Run in a child JVM with a small heap: 2,000,000 matched rows in one row group are about
 * 200 MB of results if held at once, far over the child's 64 MB.
 */
class RowGroupMemoryTest {

    @TempDir
    Path dir;

    @Test
    void oneHugeRowGroupOfMatchesRunsInASmallHeap() throws Exception {
        long rows = 2_000_000;
        Path file = dir.resolve("one-group.parquet");
        ParquetFixtures.duckDb("SET threads = 1", "COPY (SELECT 'U054' AS Der_Procedure_All, '45' AS Age_at_Start_of_Episode_SUS, "
                + "NULL::VARCHAR AS Der_Age_at_CDS_Activity_Date, 'X' AS Der_Diagnosis_All, "
                + "'01' AS Administrative_Category FROM range(" + rows + ")) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE "
                + rows + ")");
        assertThat(Files.size(file)).isLessThan(64 * 1024);
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                file.toString(), out.toString()));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String said = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("the child audit ended within 120 s").isTrue();
        assertThat(child.exitValue()).as(said).isZero();
        assertThat(said).contains("rows_read=" + rows + " counted=" + rows);
        try (var lines = Files.lines(out.resolve("matches.csv"))) {
            assertThat(lines.count()).isEqualTo(rows + 1);
        }
        assertThat(Files.readAllLines(out.resolve("matches.csv")).get((int) rows)).startsWith(rows + ",");
    }

    /** The child: one audit of a Parquet file, its totals on stdout. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            AuditFigures figures = Audit.run(AuditOptions.of(Path.of(args[0]), Path.of(args[1])).withThreads(2));
            System.out.println("rows_read=" + figures.rowsRead() + " counted=" + figures.counted());
        }
    }
}
