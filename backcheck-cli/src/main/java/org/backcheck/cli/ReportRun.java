package org.backcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportRequest;
import org.backcheck.report.ReportFiles;

/**
 * The report step of {@code audit} and {@code demo}: the population file is read and checked before
 * the extract (so a bad one costs no audit), and the report is written from the audit's summary.
 */
final class ReportRun {

    private final ImagingReport.Options options;

    private ReportRun(ImagingReport.Options options, PrintWriter err) {
        this.options = options;
        this.err = err;
    }

    private final PrintWriter err;

    /**
     * Reads and checks the report's files and says when disclosure control is off, before the extract is read.
     *
     * @param sampleData whether the report is of sample data (the demo)
     */
    static ReportRun prepare(ReportRequest request, boolean sampleData, PrintWriter err) throws IOException {
        ImagingReport.Options options = request.options(sampleData);
        if (!request.disclosureControl()) {
            err.println(org.backcheck.report.ReportWarnings.NO_DISCLOSURE_CONTROL);
            err.flush();
        }
        return new ReportRun(options, err);
    }

    /** Writes the report's files into {@code dir} (the run's staging folder). */
    void write(AuditFigures summary, Path dir) throws IOException {
        if (options.population().isPresent() && !summary.activity().hasCommissioner()) {
            err.println(org.backcheck.report.ReportWarnings.POPULATION_NOT_USED);
            err.flush();
        }
        ReportFiles.write(ImagingReport.of(summary, options), dir);
        // The audit wrote summary.json without the report's options; written again with them in its provenance.
        org.backcheck.report.SummaryJson.write(summary, options.arguments(), dir.resolve(org.backcheck.report.SummaryJson.FILE));
    }

    /** Says where the report is, once the outputs are in {@code outDir}; returns the report's path. */
    Path describe(Path outDir, PrintWriter out) {
        Path html = outDir.resolve(ReportFiles.HTML);
        out.println("Report: " + html.toAbsolutePath() + " (open it in a browser; it works offline)");
        out.println("        with " + ReportFiles.CSV + ", " + ReportFiles.JSON + " and " + ReportFiles.YEAR_ON_YEAR + " beside it, "
                + (options.disclosure() == Disclosure.CONTROLLED ? "disclosure controlled (HES rules)."
                        : "NOT disclosure controlled: internal use only."));
        return html;
    }
}
