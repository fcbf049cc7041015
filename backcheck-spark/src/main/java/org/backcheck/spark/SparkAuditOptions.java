package org.backcheck.spark;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.backcheck.extract.Delimiter;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;

/**
 * What one run of the Spark job does.
 *
 * @param input        a CSV (or delimited text) file or folder of files, {@code .gz} allowed; or a Parquet file or
 *                     folder of parts. Any path Spark's Hadoop layer reads ({@code file:}, {@code hdfs:}, {@code s3a:},
 *                     {@code abfss:}, {@code dbfs:}); a plain path is taken as Spark's default file system would
 * @param output       the folder for {@code matches}, {@code rejected}, the aggregates and {@code summary.json}
 * @param inputFormat  how to read the input
 * @param outputFormat how to write the row-level and aggregate outputs
 * @param nullPolicy   what a missing exclusion field means
 * @param delimiter    CSV only: the delimiter, or {@code null} to detect it from each file's header line
 * @param idColumn     the column copied to the {@code id} output column, or {@code null} for {@code OPA_Ident} when present
 * @param master       the Spark master for a run outside spark-submit (e.g. {@code local[2]}), or {@code null}
 * @param segmentBytes CSV only: how many bytes of a file one task reads (a record is never split, whatever this is)
 * @param report       what the report shows, or {@code null} to write none
 */
public record SparkAuditOptions(String input, String output, InputFormat inputFormat, OutputFormat outputFormat,
                                NullPolicy nullPolicy, Character delimiter, String idColumn, String master,
                                long segmentBytes, ReportRequest report) implements Serializable {

    /** Default bytes per CSV task: small enough to keep both cores of a small machine busy on a 300 MB file. */
    public static final long DEFAULT_SEGMENT_BYTES = 32L << 20;

    /** Input formats. */
    public enum InputFormat {
        CSV, PARQUET;

        /** Parquet when the path ends in {@code .parquet} (a file or a folder so named), else CSV. */
        static InputFormat fromPath(String path) {
            String p = path.toLowerCase(Locale.ROOT);
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return p.endsWith(".parquet") ? PARQUET : CSV;
        }
    }

    /** Output formats. */
    public enum OutputFormat {
        PARQUET, CSV
    }

    public SparkAuditOptions {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(outputFormat, "outputFormat");
        Objects.requireNonNull(nullPolicy, "nullPolicy");
        Delimiter.orDetect(delimiter); // refuses any other
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segment bytes must be 1 or more");
        }
    }

    /** The usual run: format from the input's name, Parquet outputs, clinical NULL policy, the standard report. */
    public static SparkAuditOptions of(String input, String output) {
        return new SparkAuditOptions(input, output, InputFormat.fromPath(input), OutputFormat.PARQUET, NullPolicy.CLINICAL,
                null, null, null, DEFAULT_SEGMENT_BYTES, ReportRequest.standard());
    }

    public SparkAuditOptions withNullPolicy(NullPolicy policy) {
        return new SparkAuditOptions(input, output, inputFormat, outputFormat, policy, delimiter, idColumn, master,
                segmentBytes, report);
    }

    public SparkAuditOptions withOutput(String dir) {
        return new SparkAuditOptions(input, dir, inputFormat, outputFormat, nullPolicy, delimiter, idColumn, master,
                segmentBytes, report);
    }

    public SparkAuditOptions withOutputFormat(OutputFormat format) {
        return new SparkAuditOptions(input, output, inputFormat, format, nullPolicy, delimiter, idColumn, master,
                segmentBytes, report);
    }

    public SparkAuditOptions withSegmentBytes(long bytes) {
        return new SparkAuditOptions(input, output, inputFormat, outputFormat, nullPolicy, delimiter, idColumn, master,
                bytes, report);
    }

    /** @param settings the report's settings, or null for no report */
    public SparkAuditOptions withReport(ReportRequest settings) {
        return new SparkAuditOptions(input, output, inputFormat, outputFormat, nullPolicy, delimiter, idColumn, master,
                segmentBytes, settings);
    }

    /** The command line of {@link SparkAudit#main}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SparkAuditOptions parse(String... args) {
        String input = null;
        String output = null;
        String format = null;
        String outputFormat = "parquet";
        String policy = "clinical";
        String delimiter = null;
        String idColumn = null;
        String master = null;
        long segment = DEFAULT_SEGMENT_BYTES;
        ReportRequest report = ReportRequest.standard();
        boolean noReport = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
            if (name.equals("--no-report")) {
                noReport = true;
                continue;
            }
            java.util.Optional<ReportOption> reportOption = ReportOption.named(name);
            if (reportOption.isPresent() && reportOption.get().isFlag()) {
                report = report.withFlag(reportOption.get(), true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--input" -> input = value;
                case "--output", "--out" -> output = value;
                case "--format" -> format = value;
                case "--output-format" -> outputFormat = value;
                case "--null-policy" -> policy = value;
                case "--delimiter" -> delimiter = value;
                case "--id-column" -> idColumn = value;
                case "--master" -> master = value;
                case "--segment-mb" -> segment = megabytes(value);
                default -> {
                    if (reportOption.isEmpty()) {
                        throw new IllegalArgumentException("unknown option " + name);
                    }
                    report = report.with(reportOption.get(), value);
                }
            }
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException("--input and --output are required");
        }
        InputFormat in = format == null ? InputFormat.fromPath(input) : switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> InputFormat.CSV;
            case "parquet" -> InputFormat.PARQUET;
            default -> throw new IllegalArgumentException("--format must be csv or parquet, not '" + format + "'");
        };
        OutputFormat out = switch (outputFormat.toLowerCase(Locale.ROOT)) {
            case "csv" -> OutputFormat.CSV;
            case "parquet" -> OutputFormat.PARQUET;
            default -> throw new IllegalArgumentException("--output-format must be parquet or csv, not '" + outputFormat + "'");
        };
        return new SparkAuditOptions(input, output, in, out, NullPolicy.fromId(policy), delimiter(delimiter), idColumn,
                master, segment, noReport ? null : report);
    }

    private static long megabytes(String value) {
        try {
            long mb = Long.parseLong(value.trim());
            if (mb < 1 || mb > 1024) {
                throw new IllegalArgumentException("--segment-mb must be 1 to 1024, not " + value);
            }
            return mb << 20;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--segment-mb must be a whole number of MiB, not '" + value + "'");
        }
    }

    private static Character delimiter(String d) {
        return Delimiter.fromOption(d);
    }
}
