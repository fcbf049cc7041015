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

    @Option(names = "--period", paramLabel = "PERIOD",
            description = "Months the report covers: FIRST..LAST months (2024-04..2025-03); a financial year, April to "
                    + "March (2024/25); a financial quarter, Q1 = April to June (2024/25 Q3 = October to December 2024); "
                    + "or a calendar quarter, Q1 = January to March (2024Q3 = July to September 2024). The report also "
                    + "compares the period with the one of the same length before it (year on year, for a year). "
                    + "Default: found from the data (from the first to the last month with at least a tenth of the "
                    + "median month's records).")
    String period;

    @Option(names = "--organisations", paramLabel = "FILE",
            description = "Names and parents of organisations, repeatable (the files combine): CSV with the header "
                    + "org_code,name,parent_code, or files as NHS ODS publishes them (etr.csv trusts, ets.csv sites, "
                    + "eccg.csv sub-ICB locations). Names are shown beside codes, and the report adds trust and ICB "
                    + "roll-ups (see docs/organisations.md).")
    java.util.List<Path> organisations = new java.util.ArrayList<>();

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
        ReportRequest r = ReportRequest.standard()
                .with(ReportOption.TITLE, title)
                .withIfGiven(ReportOption.POPULATION, absolute(population))
                .withFlag(ReportOption.NO_DISCLOSURE_CONTROL, noDisclosureControl)
                .withIfGiven(ReportOption.PERIOD, period)
                .withIfGiven(ReportOption.BENCHMARK, benchmark)
                .withIfGiven(ReportOption.TARGET, target)
                .withIfGiven(ReportOption.SPC_BASELINE, spcBaseline)
                .withIfGiven(ReportOption.FUNNEL_RATIO_METHOD, funnelRatioMethod)
                .withAll(ReportOption.REBASE, rebase);
        for (Path f : organisations) {
            r = r.with(ReportOption.ORGANISATIONS, absolute(f));
        }
        return r;
    }

    /** A file's absolute path as text, or null when not given. */
    static String absolute(Path file) {
        return file == null ? null : file.toAbsolutePath().toString();
    }
}
