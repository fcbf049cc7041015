package org.backcheck.codelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every codelist's provenance record names its source, url and date, and the list's current checksum. */
class ProvenanceTest {

    @Test
    void everyCodelistMatchesItsRecordedChecksum() throws IOException {
        assertThat(Provenance.problemsIn(Path.of("src/main/resources/org/backcheck/codelists"))).isEmpty();
    }

    @Test
    void aChangedListIsCaughtUntilItsRecordIsUpdated(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("demo.csv");
        Files.writeString(list, "code\nA01\n");
        Files.writeString(dir.resolve("demo.source"), String.join("\n", "source: a document", "url: https://example.org/",
                "date: 2026-12-07", "sha256: " + Provenance.sha256("code\nA01\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(Provenance.problemsIn(dir)).isEmpty();

        Files.writeString(list, "code\nA01\nA02\n");
        assertThat(Provenance.problemsIn(dir)).singleElement().asString()
                .contains("demo.csv has changed since its provenance was recorded").contains("update 'date' and 'sha256'");
    }

    @Test
    void aRecordMissingAKeyOrADateOrTheFileItselfIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.csv"), "code\n");
        Files.writeString(dir.resolve("a.source"), "source: x\nurl: y\nsha256: " + Provenance.sha256("code\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("b.csv"), "code\n");
        Files.writeString(dir.resolve("b.source"), "source: x\nurl: y\ndate: last week\nsha256: 00");
        Files.writeString(dir.resolve("c.csv"), "code\n");
        List<String> problems = Provenance.problemsIn(dir);
        assertThat(problems).containsExactly("a.csv: the .source file has no 'date:' line",
                "b.csv: date 'last week' is not YYYY-MM or YYYY-MM-DD",
                "c.csv: no c.source beside it saying where it comes from");
    }

    @Test
    void sha256IsTheStandardDigest() {
        assertThat(Provenance.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
