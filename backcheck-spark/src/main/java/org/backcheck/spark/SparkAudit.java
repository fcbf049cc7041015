package org.backcheck.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.backcheck.classify.Status;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.measure.Exclusion;
import org.backcheck.measure.Measure;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.RunRecord;
import org.backcheck.report.ReportFiles;

/**
 * {@code backcheck audit} on Apache Spark: the EBI measure from backcheck-core, applied by its own
 * {@link org.backcheck.classify.Classifier} to a CSV or Parquet extract of any size, with the
 * single-machine audit's outputs (matches, rejected rows with the reason, counts by status, provider
 * and month) and its reconciliation: {@code rows_read = counted + excluded + unmatched + rejected},
 * checked against the rows written and the provider and month totals; a run that does not
 * reconcile fails and leaves no outputs. Beside them, the single-machine audit's report
 * ({@code report.html}, {@code aggregates.csv}, {@code aggregates.json}) from the same figures.
 *
 * <p>{@code spark-submit --class org.backcheck.spark.SparkAudit backcheck-spark.jar --input PATH --output DIR
 * [--format csv|parquet] [--output-format parquet|csv] [--null-policy clinical|sql] [--delimiter C]
 * [--id-column NAME] [--segment-mb N] [--no-report] [--master local[N]]} and the report's options
 * ({@link org.backcheck.report.ReportOption}), as {@code backcheck audit} takes them.
 */
public final class SparkAudit {

    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE_ERROR = 2;
    static final int BAD_EXTRACT = 3;
    static final int IO = 4;

    private SparkAudit() {
    }

    /**
     * With {@code --master} (a local run, as the CLI makes): starts and stops its own Spark and
     * exits with {@code backcheck audit}'s exit codes. Without (spark-submit, a Databricks JAR
     * task): uses the platform's session ({@code getOrCreate}), never stops it nor calls
     * {@code System.exit}, and fails the job by throwing.
     */
    public static void main(String[] args) {
        SparkAuditOptions options;
        try {
            options = SparkAuditOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("backcheck-spark: " + Excerpt.escapeMessage(e.getMessage()));
            System.err.println(USAGE);
            if (Arrays.asList(args).contains("--master")) {
                System.exit(USAGE_ERROR);
            }
            throw e;
        }
        if (options.master() == null) {
            try {
                report(run(SparkSession.builder().appName("backcheck audit").getOrCreate(), options), options, System.out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        int code = runLocal(options, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    static final String USAGE = "usage: SparkAudit --input PATH --output DIR [--format csv|parquet]"
            + " [--output-format parquet|csv] [--null-policy clinical|sql] [--delimiter C] [--id-column NAME]"
            + " [--segment-mb N] [--no-report] [--master local[N]]" + org.backcheck.report.ReportOption.usage();

    /** A run in its own local Spark: prints the figures, returns the exit code (as {@code backcheck audit}'s). */
    static int runLocal(SparkAuditOptions options, PrintStream out, PrintStream err) {
        // A local run's output is the audit's, not Spark's progress: warnings only, from start-up on.
        SparkSession spark = SparkSession.builder().appName("backcheck audit").master(options.master())
                .config("spark.ui.enabled", false).config("spark.log.level", "WARN").getOrCreate();
        try {
            report(run(spark, options), options, out);
            return OK;
        } catch (UnreadableExtractException e) {
            err.println("backcheck-spark: cannot audit " + options.input() + ": "
                    + Excerpt.escapeMessage(e.getMessage()));
            return BAD_EXTRACT;
        } catch (IllegalArgumentException e) {
            err.println("backcheck-spark: " + Excerpt.escapeMessage(e.getMessage()));
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("backcheck-spark: cannot read or write: " + Excerpt.escapeMessage(e.getMessage()));
            return IO;
        } catch (RuntimeException e) {
            UnreadableExtractException cause = causeOf(e);
            if (cause != null) {
                err.println("backcheck-spark: cannot audit " + options.input() + ": "
                        + Excerpt.escapeMessage(cause.getMessage()));
                return BAD_EXTRACT;
            }
            err.println("backcheck-spark: internal error: " + e);
            e.printStackTrace(err);
            return INTERNAL;
        } finally {
            spark.stop();
        }
    }

    private static void report(SparkAuditSummary run, SparkAuditOptions options, PrintStream out) {
        AuditFigures s = run.figures();
        out.println("rows read " + s.rowsRead() + ": counted " + s.counted() + ", excluded " + s.excluded()
                + " " + s.excludedByReason() + ", unmatched " + s.unmatched() + ", rejected " + s.rejected());
        out.println("null policy " + s.nullPolicy().id() + "; under " + s.otherNullPolicy().id() + ": counted "
                + s.otherPolicyCounted() + " (" + s.nullPolicySensitiveRows() + " rows differ)");
        out.println("reconciliation: " + s.reconciliation() + "  OK");
        out.println("outputs in " + run.output() + " (" + run.outputFormat() + "): " + String.join(", ", OutputFolder.ALL));
        if (!run.reportFiles().isEmpty()) {
            out.println("Report: " + run.output() + "/" + run.reportFiles().get(0) + " (open it in a browser; it works offline)");
            out.println("        with " + String.join(" and ", run.reportFiles().subList(1, run.reportFiles().size()))
                    + " beside it, " + (options.report().disclosureControl() ? "disclosure controlled (HES rules)."
                    : "NOT disclosure controlled: internal use only."));
        }
    }

    /**
     * Runs the audit on {@code spark}; returns its figures once the outputs are written.
     *
     * @throws UnreadableExtractException when the input cannot be audited as a whole (no header, a needed column missing, ...)
     * @throws org.backcheck.report.InvalidPopulationFileException when the report's population file cannot be used
     *                                    (found before the extract is read)
     * @throws IllegalStateException      when the rows do not reconcile (a bug; the outputs are removed)
     * @throws IOException                when the input cannot be read or the outputs written
     */
    public static SparkAuditSummary run(SparkSession spark, SparkAuditOptions options) throws IOException {
        long started = System.nanoTime();
        AuditReport report = options.report() == null ? null : AuditReport.prepare(options.report(), System.err);
        Measure measure = Measure.lowerBackImaging();
        java.time.Instant startedAt = java.time.Instant.now();
        InputFiles.checkApart(options.input(), options.output(), spark.sparkContext().hadoopConfiguration());
        OutputFolder out = new OutputFolder(spark, options.output(), options.outputFormat());
        out.clear();
        try {
            ClassifiedInput input = options.inputFormat() == SparkAuditOptions.InputFormat.CSV
                    ? CsvInput.classify(spark, options, measure) : ParquetInput.classify(spark, options, measure);
            Dataset<Row> verdicts = input.verdicts().persist(StorageLevel.MEMORY_AND_DISK());
            // The input's checksum is read on the driver while the executors audit it.
            org.backcheck.report.PendingIdentity identity = SparkInputIdentity.start(options.input(), spark.sparkContext().hadoopConfiguration());
            try {
                return write(spark, options, measure, input, verdicts, out, report, started,
                        () -> new RunRecord(startedAt, "spark", identity.get(), RunRecord.measureRevision(measure),
                                RunRecord.engineOptions("spark", options.nullPolicy(), input.delimiter(), options.idColumn())));
            } finally {
                verdicts.unpersist();
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                out.clear();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static SparkAuditSummary write(SparkSession spark, SparkAuditOptions options, Measure measure,
                                           ClassifiedInput input, Dataset<Row> verdicts, OutputFolder out,
                                           AuditReport report, long started, RunSource run)
            throws IOException {
        spark.sparkContext().setJobDescription("backcheck: classifying and writing matches");
        out.write(verdicts.filter(col("kind").equalTo(Verdicts.MATCH))
                .select("row", "id", "status", "reason", "matched_codes"), OutputFolder.MATCHES);
        spark.sparkContext().setJobDescription("backcheck: writing rejected rows");
        out.write(verdicts.filter(col("kind").equalTo(Verdicts.REJECTED))
                .select(col("row"), col("id"), col("field"), col("reason")), OutputFolder.REJECTED);
        spark.sparkContext().setJobDescription("backcheck: adding up");
        List<Row> summed = verdicts.filter(col("kind").isin(Verdicts.COUNT, Verdicts.DETAIL, Verdicts.EXCLUSION, Verdicts.FIGURE,
                        Verdicts.PROVIDER_CELL, Verdicts.COMMISSIONER_CELL, Verdicts.SPECIALTY_CELL))
                .groupBy("kind", "status", "reason", "field", "provider", "month").agg(sum("n"))
                .collectAsList();
        List<String> exclusions = measure.exclusions().stream().map(Exclusion::name).toList();
        Totals totals = Totals.of(summed, exclusions);
        spark.sparkContext().setJobDescription("backcheck: checking the rows written");
        long matchesWritten = out.countWritten(OutputFolder.MATCHES);
        long rejectedWritten = out.countWritten(OutputFolder.REJECTED);
        reconcile(totals, input.expectedRows(), matchesWritten, rejectedWritten);

        spark.sparkContext().setJobDescription("backcheck: writing the aggregates");
        out.write(spark.createDataFrame(totals.providerMonthRows(), Totals.BY_PROVIDER_MONTH).coalesce(1),
                OutputFolder.BY_PROVIDER_MONTH);
        out.write(spark.createDataFrame(totals.statusRows(), Totals.BY_STATUS).coalesce(1), OutputFolder.BY_STATUS);
        spark.sparkContext().setJobDescription(null);

        long[] s = totals.statusesByReason();
        AuditFigures figures = new AuditFigures(measure.id(), options.input(), options.nullPolicy(), input.delimiter(),
                totals.figure(Verdicts.ROWS), s[Status.COUNTED.ordinal()], s[Status.EXCLUDED.ordinal()],
                totals.excludedByReason, s[Status.UNMATCHED.ordinal()], s[Status.REJECTED.ordinal()],
                totals.figure(Verdicts.POLICY_SENSITIVE), totals.figure(Verdicts.OTHER_COUNTED),
                totals.figure(Verdicts.OTHER_EXCLUDED), totals.figure(Verdicts.BLANK_LINES),
                measure.notes().stream().map(n -> n.id() + ": " + n.text()).toList(), (System.nanoTime() - started) / 1e9,
                totals.activity(input.hasProvider(), input.hasCommissioner(), input.hasDate(), input.hasSpecialty()), Map.of(),
                run.get());
        SparkAuditSummary summary = new SparkAuditSummary(figures, options.inputFormat().name().toLowerCase(Locale.ROOT),
                input.files(), out.dir(), options.outputFormat().name().toLowerCase(Locale.ROOT), spark.version(),
                report == null ? List.of() : ReportFiles.ALL);
        if (report != null) {
            // On the driver: the report's figures are the collected totals, not the rows.
            report.write(figures, out, System.err);
        }
        out.writeSummary(summary.json(options.report() == null ? List.of() : options.report().provenanceArguments()));
        return summary;
    }

    /** The run's record, once the input's checksum is read. */
    private interface RunSource {
        RunRecord get() throws IOException;
    }

    /**
     * The counts must agree however they were reached: records read, records counted apart before
     * classifying (CSV: while finding record boundaries; Parquet: rows per file), statuses by reason,
     * statuses by provider and month, and the rows on disk in matches and rejected.
     */
    static void reconcile(Totals t, long expectedRows, long matchesWritten, long rejectedWritten) {
        long rows = t.figure(Verdicts.ROWS);
        long[] byReason = t.statusesByReason();
        long[] byProviderMonth = t.statusesByProviderMonth();
        long matched = byReason[Status.COUNTED.ordinal()] + byReason[Status.EXCLUDED.ordinal()];
        if (rows != expectedRows || rows != Arrays.stream(byReason).sum() || !Arrays.equals(byReason, byProviderMonth)
                || !Arrays.equals(byReason, t.statusesByProviderCell()) || !Arrays.equals(byReason, t.statusesByCommissionerCell())
                || !Arrays.equals(byReason, t.statusesBySpecialtyCell())
                || matchesWritten != matched || rejectedWritten != byReason[Status.REJECTED.ordinal()]) {
            throw new IllegalStateException("rows do not reconcile: rows read " + rows + ", rows in the input "
                    + expectedRows + ", " + t + ", matches written " + matchesWritten + " (counted + excluded " + matched
                    + "), rejected written " + rejectedWritten);
        }
    }

    private static UnreadableExtractException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnreadableExtractException u) {
                return u;
            }
        }
        // A task's exception reaches the driver as text (a SparkException naming the class).
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            String marker = UnreadableExtractException.class.getName() + ": ";
            if (m != null && m.contains(marker)) {
                String rest = m.substring(m.indexOf(marker) + marker.length());
                return new UnreadableExtractException(rest.lines().findFirst().orElse(rest));
            }
        }
        return null;
    }
}
