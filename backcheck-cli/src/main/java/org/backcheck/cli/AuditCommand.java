package org.backcheck.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backcheck.audit.AuditOptions;
import org.backcheck.extract.Delimiter;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {
            "Applies the EBI measure 2S_lower_back_imaging, exactly as published, to",
            "every row of a SUS+ outpatient extract. Every row gets one status",
            "(counted, excluded, unmatched, rejected); the run checks they add up.",
            "Writes into DIR:",
            "  matches.csv     counted and excluded rows, with why",
            "  rejected.csv    rows that could not be read, with why",
            "  summary.json    exact counts (a working file, not for publication)",
            "  report.html     the report to share: one self-contained page with",
            "                  headline figures, reconciliation, funnel plots,",
            "                  SPC charts, league table and method notes",
            "  aggregates.csv, aggregates.json   the report's figures, for analysis",
            "  year_on_year.csv   the period against the one before it (--period)",
            "The report is disclosure controlled (HES rules) unless",
            "--no-disclosure-control. Text copied from the extract into the CSV files",
            "is written so that a spreadsheet cannot run it: a value starting with",
            "= + - @ tab or CR gets a leading ' (remove one leading ' to undo).",
            "More than 1% of rows rejected: the run succeeds but warns why on stderr."},
        footer = {"", "Needed columns (any case): Der_Procedure_All, Age_at_Start_of_Episode_SUS,",
            "Der_Age_at_CDS_Activity_Date, Der_Diagnosis_All, Administrative_Category.",
            "Optional columns used by the report: Der_Provider_Code, Der_Commissioner_Code, Appointment_Date.",
            "Population file (--population): CSV with the header org_code,year,population; one row per commissioner",
            "code (as in Der_Commissioner_Code) and calendar year; population a whole number above 0.",
            "Example: backcheck audit --input opa_2024.csv.gz --out audit-2024 --population subicb_population.csv"})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "The extract: comma, pipe or tab delimited text with a header row (UTF-8; may be .gz), or Parquet: "
                    + "one file, or a folder of part files read in name order. '-' (or /dev/stdin, or <(zcat ...)) reads "
                    + "a pipe, plain or .gz; Parquet must be a file.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the outputs (created if needed; not a file or a device such as /dev/null): new, empty, or holding only an earlier run's outputs, "
                    + "which are replaced only once every new output is written. A failed or interrupted run leaves DIR as "
                    + "it was; a second run on DIR while one is writing is refused (exit 5).")
    Path out;

    @Option(names = "--null-policy", paramLabel = "POLICY", defaultValue = "clinical",
            description = "What a missing diagnosis or administrative category means: 'clinical' (default: it excludes nothing) "
                    + "or 'sql' (T-SQL three-valued logic: the row is not counted).",
            converter = OptionValues.NullPolicyValue.class)
    NullPolicy nullPolicy;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter: ',', '|', 'tab' or ';'. Default: detected from the header line.")
    String delimiter;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "Column copied to the id column of the outputs. Default: OPA_Ident when present.")
    String idColumn;

    @Mixin
    ReportOptions report;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "single",
            description = "'single' (default: this machine; the faster engine on one machine, see the README's Speed) or "
                    + "'spark' (the same audit as a local Apache Spark job; needs the backcheck-spark module built, which "
                    + "./backcheck does; writes matches/ and rejected/ as folders of parts, summary.json and the same report).",
            converter = OptionValues.EngineValue.class)
    Engine engine;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default 0: one per core; at most four per core).")
    int threads;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = "64MiB",
            description = "Longest record (a line, or the lines of a record with a quoted line break) or Parquet page "
                    + "read, e.g. 1MiB, 64k (k, M, G are powers of 1024; from 1k to 1G; default ${DEFAULT-VALUE}). "
                    + "A longer line is a rejected row and the run goes on; a quoted field open for longer, a longer header "
                    + "or Parquet page stops the run. Bounds memory: see the README's Memory.")
    String maxRecordBytes;

    @Override
    public Integer call() throws Exception {
        AuditOptions.checkThreads(threads);
        org.backcheck.audit.RunFolder.checkTarget(out);
        if (engine == Engine.SPARK) {
            return spark(nullPolicy);
        }
        long limit = org.backcheck.audit.ByteCount.parse(maxRecordBytes, "--max-record-bytes");
        AuditOptions.checkMaxRecordBytes(limit);
        AuditOptions options = new AuditOptions(stdinOr(input), out, Measure.lowerBackImaging(), nullPolicy, delimiter(), idColumn,
                threads, (int) limit);
        ReportRun reportRun = ReportRun.prepare(report.request(), false, spec.commandLine().getErr());
        AuditRun.run(options, reportRun, spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    /**
     * The Spark engine: same inputs, statuses and report; the report options go to the job, which
     * reads the population file and warns about disclosure control as this command does.
     */
    private int spark(NullPolicy policy) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--input", input.toString(), "--output",
                out.toString(), "--null-policy", policy.id(), "--output-format", "csv"));
        org.backcheck.report.ReportRequest request = report.request();
        // Read and checked here too, so that a bad file is reported before Spark starts (the job reads it again).
        request.options(false);
        args.addAll(request.arguments());
        if (delimiter != null) {
            args.add("--delimiter");
            args.add(delimiter);
        }
        if (idColumn != null) {
            args.add("--id-column");
            args.add(idColumn);
        }
        spec.commandLine().getOut().flush();
        return SparkEngine.run(args, threads);
    }

    /** {@code -} is standard input (Linux and macOS have it as /dev/stdin). */
    private static Path stdinOr(Path input) {
        return input.toString().equals("-") ? Path.of("/dev/stdin") : input;
    }

    private Character delimiter() {
        return Delimiter.fromOption(delimiter);
    }
}
