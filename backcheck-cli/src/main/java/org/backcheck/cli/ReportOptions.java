package org.backcheck.cli;

import java.nio.file.Path;
import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;
import picocli.CommandLine.Option;

/**
 * The report's options of {@code backcheck audit}: picocli reads them here, and
 * {@link ReportRequest} checks their values, as it does for the Spark job (one implementation for
 * both engines). Files are passed on with absolute paths, so that another process reads the same file.
 */
final class ReportOptions {

    @Option(names = "--population", paramLabel = "FILE",
            description = "Population by commissioner and year (CSV org_code,year,population) for rates per 100,000 "
                    + "and a funnel plot of commissioners.")
    Path population;

    @Option(names = "--no-disclosure-control",
            description = "Show exact counts, including 1 to 7, in the report and aggregates. For internal use only: "
                    + "the outputs are marked as not disclosure controlled.")
    boolean noDisclosureControl;

    @Option(names = "--period", paramLabel = "FIRST..LAST",
            description = "Months the report covers, e.g. 2024-04..2025-03. Default: found from the data (from the first "
                    + "to the last month with at least a tenth of the median month's records).")
    String period;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = ReportRequest.DEFAULT_TITLE,
            description = "Heading of report.html (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--benchmark", paramLabel = "RATE",
            description = "A comparator rate per 1,000 records (e.g. a published national rate): a line on every chart"
                    + " and a column in the tables, beside the extract's own pooled rate.")
    String benchmark;

    @Option(names = "--target", paramLabel = "RATE",
            description = "A target rate per 1,000 records: the SPC charts show the Making Data Count assurance icon"
                    + " (consistently passing, consistently failing, or hit and miss; lower is better).")
    String target;

    @Option(names = "--spc-baseline", paramLabel = "N",
            description = "Fix the SPC limits from the first N months (N at least 12) of each chart, or of each"
                    + " stretch after a --rebase month.")
    String spcBaseline;

    @Option(names = "--rebase", paramLabel = "YYYY-MM",
            description = "Recalculate the SPC limits from this month, e.g. after a change of practice; repeatable."
                    + " Marked on the charts.")
    java.util.List<String> rebase = new java.util.ArrayList<>();

    @Option(names = "--funnel-ratio-method", paramLabel = "shmi|cqc",
            description = "Overdispersion of the commissioners' ratio funnel as FunnelPlotR offers it: shmi (default;"
                    + " the top and bottom 10%% of z-scores trimmed, log scale) or cqc (Winsorised, square-root scale).")
    String funnelRatioMethod;

    /** The options as one request; a wrong value is refused with the option's name. */
    ReportRequest request() {
        return ReportRequest.standard()
                .with(ReportOption.TITLE, title)
                .withIfGiven(ReportOption.POPULATION, absolute(population))
                .withFlag(ReportOption.NO_DISCLOSURE_CONTROL, noDisclosureControl)
                .withIfGiven(ReportOption.PERIOD, period)
                .withIfGiven(ReportOption.BENCHMARK, benchmark)
                .withIfGiven(ReportOption.TARGET, target)
                .withIfGiven(ReportOption.SPC_BASELINE, spcBaseline)
                .withIfGiven(ReportOption.FUNNEL_RATIO_METHOD, funnelRatioMethod)
                .withAll(ReportOption.REBASE, rebase);
    }

    /** A file's absolute path as text, or null when not given. */
    static String absolute(Path file) {
        return file == null ? null : file.toAbsolutePath().toString();
    }
}
