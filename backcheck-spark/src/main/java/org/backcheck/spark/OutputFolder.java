package org.backcheck.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.backcheck.report.ReportFiles;
import org.backcheck.report.SummaryJson;

/**
 * The run's output folder: {@code matches/}, {@code rejected/}, {@code by_provider_month/} and
 * {@code by_status/} (each a Spark output folder of Parquet or CSV parts), {@code summary.json} and
 * the report's files ({@link ReportFiles#ALL}).
 * CSV parts are written as RFC 4180 with a header line, like the single-machine audit's files.
 */
final class OutputFolder {

    static final String MATCHES = "matches";
    static final String REJECTED = "rejected";
    static final String BY_PROVIDER_MONTH = "by_provider_month";
    static final String BY_STATUS = "by_status";
    static final String SUMMARY = SummaryJson.FILE;
    static final List<String> ALL = List.of(MATCHES, REJECTED, BY_PROVIDER_MONTH, BY_STATUS, SUMMARY);

    private final SparkSession spark;
    private final Path dir;
    private final FileSystem fs;
    private final SparkAuditOptions.OutputFormat format;

    OutputFolder(SparkSession spark, String dir, SparkAuditOptions.OutputFormat format) throws IOException {
        this.spark = spark;
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(dir);
        this.fs = path.getFileSystem(conf);
        this.dir = fs.makeQualified(path);
        this.format = format;
    }

    /** The folder, as Hadoop names it. */
    String dir() {
        return dir.toString();
    }

    String path(String name) {
        return new Path(dir, name).toString();
    }

    /** Removes every output a run writes, so that the folder never mixes two runs. */
    void clear() throws IOException {
        for (String name : ALL) {
            fs.delete(new Path(dir, name), true);
        }
        for (String name : ReportFiles.ALL) {
            fs.delete(new Path(dir, name), true);
        }
    }

    void write(Dataset<Row> rows, String name) {
        DataFrameWriter<Row> w = rows.write().mode(SaveMode.Overwrite);
        if (format == SparkAuditOptions.OutputFormat.CSV) {
            csv(w).csv(path(name));
        } else {
            w.parquet(path(name));
        }
    }

    /** Rows in a written output, read back from what is on disk. */
    long countWritten(String name) {
        DataFrameReader r = spark.read();
        if (format == SparkAuditOptions.OutputFormat.CSV) {
            return r.option("header", true).option("multiLine", true).option("quote", "\"").option("escape", "\"")
                    .csv(path(name)).count();
        }
        return r.parquet(path(name)).count();
    }

    void writeSummary(String json) throws IOException {
        try (OutputStream out = fs.create(new Path(dir, SUMMARY), true)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes files into a folder of this machine's file system. */
    @FunctionalInterface
    interface LocalWriter {
        void writeInto(java.nio.file.Path dir) throws IOException;
    }

    /**
     * Files made on the driver: written straight into the output folder when it is on this
     * machine's file system; otherwise ({@code hdfs:}, {@code s3a:}, {@code dbfs:}, ...) made in a
     * temporary local folder and copied up with Hadoop's file system API.
     *
     * @param names the files {@code writer} makes
     */
    void writeLocalFiles(List<String> names, LocalWriter writer) throws IOException {
        if ("file".equals(dir.toUri().getScheme())) {
            writer.writeInto(java.nio.file.Path.of(dir.toUri()));
            return;
        }
        java.nio.file.Path local = Files.createTempDirectory("backcheck-report");
        try {
            writer.writeInto(local);
            for (String name : names) {
                fs.copyFromLocalFile(false, true, new Path(local.resolve(name).toUri()), new Path(dir, name));
            }
        } finally {
            for (String name : names) {
                Files.deleteIfExists(local.resolve(name));
            }
            Files.deleteIfExists(local);
        }
    }

    /** RFC 4180: quotes doubled, values as they are (no trimming), an empty value written as nothing. */
    private static DataFrameWriter<Row> csv(DataFrameWriter<Row> w) {
        return w.option("header", true).option("quote", "\"").option("escape", "\"").option("emptyValue", "")
                .option("ignoreLeadingWhiteSpace", false).option("ignoreTrailingWhiteSpace", false)
                .option("lineSep", "\n");
    }
}
