package org.backcheck.service.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.Population;
import org.backcheck.report.ReportFiles;

/**
 * The reports the browser tests open, made once per test JVM: 300,000 rows of synthetic extract
 * (enough for every chart; a few seconds), audited, then written twice with the sample population
 * file: under disclosure control and without it. The reports stay in {@code target/audit-report/}
 * beside the screenshots, to be looked at; the extract and the row-level outputs go in a temporary
 * folder removed when the JVM exits.
 *
 * @param controlled       the report's figures, disclosure controlled
 * @param controlledHtml   its report.html
 * @param uncontrolledHtml report.html of the same audit with {@link Disclosure#NONE}
 * @param scratch          a folder for a test's own files, removed when the JVM exits
 */
record SampleReports(ImagingReport controlled, Path controlledHtml, Path uncontrolledHtml, Path scratch) {

    static final String TITLE = "Lumbar imaging audit: browser test extract";
    static final long ROWS = 300_000;
    static final long SEED = 5;
    static final Path OUT = Path.of("target", "audit-report");

    private static SampleReports made;

    static synchronized SampleReports get() {
        if (made == null) {
            try {
                made = make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return made;
    }

    private static SampleReports make() throws IOException {
        Path scratch = Files.createTempDirectory("backcheck-report-test-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(scratch)));
        Path extract = scratch.resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(ROWS, SEED, ','), extract);
        Path populationFile = scratch.resolve("population.csv");
        ExtractGenerator.writeSamplePopulation(populationFile);
        Optional<Population> population = Optional.of(Population.read(populationFile));
        AuditFigures summary = Audit.run(AuditOptions.of(extract, scratch.resolve("audit")));

        delete(OUT);
        ImagingReport controlled = ImagingReport.of(summary,
                new ImagingReport.Options(TITLE, true, Disclosure.CONTROLLED, population));
        Path controlledHtml = ReportFiles.write(controlled, OUT.resolve("controlled"));
        ImagingReport uncontrolled = ImagingReport.of(summary,
                new ImagingReport.Options(TITLE, true, Disclosure.NONE, population));
        Path uncontrolledHtml = ReportFiles.write(uncontrolled, OUT.resolve("uncontrolled"));
        return new SampleReports(controlled, controlledHtml.toAbsolutePath(), uncontrolledHtml.toAbsolutePath(), scratch);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
