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

    private ReportRun(ImagingReport.Options options, PrintWriter err) {
        this.options = options;
        this.err = err;
    }

    private final PrintWriter err;

    static ReportRun prepare(Path populationFile, boolean noDisclosureControl, String title, boolean sampleData,
                             PrintWriter err) throws IOException {
        return prepare(populationFile, noDisclosureControl, title, sampleData, null, err);
    }

    /** @param period "yyyy-MM..yyyy-MM", or null to find the period from the data */
    static ReportRun prepare(Path populationFile, boolean noDisclosureControl, String title, boolean sampleData,
                             String period, PrintWriter err) throws IOException {
        Optional<java.time.YearMonth[]> months = period == null ? Optional.empty() : Optional.of(period(period));
        Optional<Population> population = populationFile == null ? Optional.empty() : Optional.of(Population.read(populationFile));
        if (noDisclosureControl) {
            err.println("WARNING: --no-disclosure-control: the report and aggregates will show exact counts, including 1 to 7.");
            err.println("         They are marked as not disclosure controlled. Do not publish or share them outside your organisation.");
            err.flush();
        }
        return new ReportRun(new ImagingReport.Options(title, sampleData,
                noDisclosureControl ? Disclosure.NONE : Disclosure.CONTROLLED, population, months), err);
    }

    private static java.time.YearMonth[] period(String text) {
        String[] parts = text.strip().split("\\.\\.", -1);
        try {
            if (parts.length == 2) {
                java.time.YearMonth from = java.time.YearMonth.parse(parts[0].strip());
                java.time.YearMonth to = java.time.YearMonth.parse(parts[1].strip());
                if (!from.isAfter(to)) {
                    return new java.time.YearMonth[] {from, to};
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("--period must be FIRST..LAST months as yyyy-MM..yyyy-MM, the first not after"
                + " the last (e.g. 2024-04..2025-03), not '" + text + "'");
    }

    Path write(AuditSummary summary, Path outDir, PrintWriter out) throws IOException {
        if (options.population().isPresent() && !summary.activity().hasCommissioner()) {
            err.println("WARNING: the extract has no Der_Commissioner_Code column, so the population file is not used:"
                    + " the report has no rates per head.");
            err.flush();
        }
        ImagingReport report = ImagingReport.of(summary, options);
        Path html = ReportFiles.write(report, outDir);
        out.println("Report: " + html.toAbsolutePath() + " (open it in a browser; it works offline)");
        out.println("        with " + ReportFiles.CSV + " and " + ReportFiles.JSON + " beside it, "
                + (options.disclosure() == Disclosure.CONTROLLED ? "disclosure controlled (HES rules)."
                        : "NOT disclosure controlled: internal use only."));
        return html;
    }
}
