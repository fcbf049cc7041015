package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * backcheck-report is engine-neutral: no class of it names a class of an engine (the single-machine
 * audit, org.backcheck.audit; the Spark job, org.backcheck.spark). Class files hold the names of the
 * classes they use as text, so a reference of any kind (a type, a call, a constant) shows up here.
 */
class ModuleBoundaryTest {

    @Test
    void noReportClassNamesAnEngineClass() throws IOException, URISyntaxException {
        Path classes = Path.of(AuditFigures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).as("classes of backcheck-report in " + classes).hasSizeGreaterThan(20);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(classes.relativize(f).toString()).doesNotContain("org/backcheck/audit", "org/backcheck/spark");
        }
    }
}
