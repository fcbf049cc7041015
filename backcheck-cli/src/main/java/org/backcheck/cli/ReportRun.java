package org.backcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.backcheck.audit.AuditSummary;
import org.backcheck.audit.report.Disclosure;
import org.backcheck.audit.report.ImagingReport;
import org.backcheck.audit.report.Population;
import org.backcheck.audit.report.ReportFiles;

/**
 * The report step of {@code audit} and {@code demo}: the population file is read and checked before
 * the extract (so a bad one costs no audit), and the report is written from the audit's summary.
 */
final class ReportRun {

    private final ImagingReport.Options options;

    private ReportRun(ImagingReport.Options options) {
        this.options = options;
    }

    static ReportRun prepare(Path populationFile, boolean noDisclosureControl, String title, boolean sampleData,
                             PrintWriter err) throws IOException {
        Optional<Population> population = populationFile == null ? Optional.empty() : Optional.of(Population.read(populationFile));
        if (noDisclosureControl) {
            err.println("WARNING: --no-disclosure-control: the report and aggregates will show exact counts, including 1 to 7.");
            err.println("         They are marked as not disclosure controlled. Do not publish or share them outside your organisation.");
            err.flush();
        }
        return new ReportRun(new ImagingReport.Options(title, sampleData,
                noDisclosureControl ? Disclosure.NONE : Disclosure.CONTROLLED, population));
    }

    Path write(AuditSummary summary, Path outDir, PrintWriter out) throws IOException {
        ImagingReport report = ImagingReport.of(summary, options);
        Path html = ReportFiles.write(report, outDir);
        out.println("Report: " + html.toAbsolutePath() + " (open it in a browser; it works offline)");
        out.println("        with " + ReportFiles.CSV + " and " + ReportFiles.JSON + " beside it, "
                + (options.disclosure() == Disclosure.CONTROLLED ? "disclosure controlled (HES rules)."
                        : "NOT disclosure controlled: internal use only."));
        return html;
    }
}
