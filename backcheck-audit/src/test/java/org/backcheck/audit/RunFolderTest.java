package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backcheck.report.OutputWriteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim on an output folder: staging, commit, abandon, lock, leftovers of a killed run. */
class RunFolderTest {

    @TempDir
    Path dir;

    @Test
    void everyReportFileIsAnOutputARunMayReplace() {
        // A file the report writes but the run folder does not know would make the next run refuse the folder.
        assertThat(RunFolder.OUTPUT_NAMES).containsAll(org.backcheck.report.ReportFiles.ALL)
                .contains(org.backcheck.report.ReportFiles.YEAR_ON_YEAR);
    }

    @Test
    void committedOutputsReplaceThePreviousOnesWhole() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("matches.csv"), "old");
        Files.writeString(out.resolve("report.html"), "old");
        try (RunFolder f = RunFolder.claim(out)) {
            Files.writeString(f.staging().resolve("matches.csv"), "new");
            assertThat(Files.readString(out.resolve("matches.csv"))).isEqualTo("old");
            f.commit();
        }
        assertThat(names(out)).containsExactly("matches.csv");
        assertThat(Files.readString(out.resolve("matches.csv"))).isEqualTo("new");
        assertThat(names(dir)).containsExactlyInAnyOrder("out", ".out.backcheck.lock");
    }

    @Test
    void anUncommittedRunLeavesTheFolderAsItWas() throws Exception {
        Path out = dir.resolve("out");
        try (RunFolder f = RunFolder.claim(out)) {
            Files.writeString(f.staging().resolve("matches.csv"), "partial");
        }
        assertThat(out).doesNotExist();
        assertThat(names(dir)).containsExactly(".out.backcheck.lock");
    }

    @Test
    void aSecondClaimIsRefusedUntilTheFirstEnds() throws Exception {
        Path out = dir.resolve("out");
        try (RunFolder f = RunFolder.claim(out)) {
            assertThatThrownBy(() -> RunFolder.claim(out)).isInstanceOf(FolderInUseException.class)
                    .hasMessageContaining(out.toString());
        }
        try (RunFolder again = RunFolder.claim(out)) {
            assertThat(again.staging()).isDirectory();
        }
    }

    @Test
    void aFileOrAFolderOfOtherFilesIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> RunFolder.claim(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is an existing file, not a folder");
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.docx"), "x");
        assertThatThrownBy(() -> RunFolder.claim(mine)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thesis.docx");
        assertThat(mine.resolve("thesis.docx")).exists();
    }

    @Test
    void leftoversOfARunKilledOutrightAreCleanedUpOrPutBack() throws Exception {
        Path out = dir.resolve("out");
        // Killed between moving the previous outputs aside and moving the new ones in.
        Path aside = Files.createDirectories(dir.resolve(".out.previous-1"));
        Files.writeString(aside.resolve("summary.json"), "{}");
        Path staged = Files.createDirectories(dir.resolve(".out.partial-2"));
        Files.writeString(staged.resolve("matches.csv"), "half");
        try (RunFolder f = RunFolder.claim(out)) {
            assertThat(names(dir)).containsExactlyInAnyOrder("out", ".out.backcheck.lock",
                    f.staging().getFileName().toString());
        }
        assertThat(names(out)).containsExactly("summary.json");
    }

    @Test
    void aFailedWriteIsExplainedWithTheFileAndTheFolder() throws Exception {
        Path out = dir.resolve("out");
        try (RunFolder f = RunFolder.claim(out)) {
            IOException e = f.explain(new OutputWriteException("aggregates.csv", new IOException("No space left on device")));
            assertThat(e).hasMessageStartingWith("could not write aggregates.csv in " + out.toAbsolutePath()
                    + ": No space left on device").hasMessageContaining("no outputs were left");
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Security review F3: the leftovers of a1 (a run still writing) are not a[1]'s, nor a?'s. */
    @Test
    void aFolderNamedLikeAGlobDoesNotTakeAnotherFolderLeftovers() throws Exception {
        try (RunFolder a1 = RunFolder.claim(dir.resolve("a1"))) {
            Files.writeString(a1.staging().resolve("matches.csv"), "x");
            for (String name : new String[] {"a[1]", "a?", "x{y"}) {
                try (RunFolder other = RunFolder.claim(dir.resolve(name))) {
                    assertThat(other.staging()).exists();
                }
                assertThat(a1.staging().resolve("matches.csv")).as("a1's staging folder after a run on " + name).exists();
            }
        }
    }
}
