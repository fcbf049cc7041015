package org.backcheck.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportRequest;
import org.backcheck.report.ReportFiles;
import org.backcheck.report.ReportWarnings;

/**
 * The report {@code backcheck audit} writes beside its outputs ({@code report.html},
 * {@code aggregates.csv}, {@code aggregates.json}), made by backcheck-report from the run's
 * {@link AuditFigures}, as for the single-machine audit, so that both engines give an analyst the same
 * shareable report. Made on the driver: its figures are a few thousand cells whatever the extract's size.
 */
final class AuditReport {

    private final ImagingReport.Options options;

    private AuditReport(ImagingReport.Options options) {
        this.options = options;
    }

    /**
     * Reads and checks the population file, and warns when disclosure control is off, before the
     * extract is read (so a bad file costs no audit).
     *
     * @throws org.backcheck.report.InvalidPopulationFileException when the population file cannot be used
     */
    static AuditReport prepare(ReportRequest request, PrintStream err) throws IOException {
        ImagingReport.Options options = request.options(false);
        if (!request.disclosureControl()) {
            err.println(ReportWarnings.NO_DISCLOSURE_CONTROL);
            err.flush();
        }
        return new AuditReport(options);
    }

    /** Writes the three files into the run's output folder; returns their names. */
    List<String> write(AuditFigures figures, OutputFolder out, PrintStream err) throws IOException {
        if (options.population().isPresent() && !figures.activity().hasCommissioner()) {
            err.println(ReportWarnings.POPULATION_NOT_USED);
            err.flush();
        }
        ImagingReport report = ImagingReport.of(figures, options);
        out.writeLocalFiles(ReportFiles.ALL, dir -> ReportFiles.write(report, dir));
        return ReportFiles.ALL;
    }
}
