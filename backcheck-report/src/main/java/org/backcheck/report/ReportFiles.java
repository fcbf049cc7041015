package org.backcheck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the report's files into the audit's output folder. */
public final class ReportFiles {

    public static final String HTML = "report.html";
    public static final String CSV = "aggregates.csv";
    public static final String JSON = "aggregates.json";
    /** The period against the one before it ({@link YearOnYearTable}). */
    public static final String YEAR_ON_YEAR = YearOnYearTable.FILE;
    public static final List<String> ALL = List.of(HTML, CSV, JSON, YEAR_ON_YEAR);

    private ReportFiles() {
    }

    /** Writes report.html, aggregates.csv, aggregates.json and year_on_year.csv into {@code dir}; returns the report's path. */
    public static Path write(ImagingReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path html = dir.resolve(HTML);
        OutputFile.writeString(html, ReportHtml.render(report));
        Aggregates.writeCsv(report, dir.resolve(CSV));
        Aggregates.writeJson(report, dir.resolve(JSON));
        YearOnYearTable.writeCsv(report, dir.resolve(YEAR_ON_YEAR));
        return html;
    }
}
