package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.backcheck.codelist.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The CDS service's code and word lists each carry a provenance record (a {@code .source} file
 * beside the list) whose checksum is the list's: a list edited without its record failing here.
 */
class CdsListProvenanceTest {

    @Test
    void everyListMatchesItsRecordedChecksum() throws IOException {
        assertThat(Provenance.problemsIn(Path.of("src/main/resources/org/backcheck/cds"))).isEmpty();
    }
}
