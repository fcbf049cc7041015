package org.backcheck.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.SummaryJson;

/**
 * One Spark audit run: the figures every engine reports ({@link AuditFigures}, which {@code summary.json}
 * and the report are written from), and what only a Spark run has.
 *
 * @param figures     the run's counts, named and checked as for the single-machine audit
 * @param inputFormat {@code csv} or {@code parquet}
 * @param files       the files read, in row order
 * @param output      the output folder, as Spark names it
 * @param outputFormat the format of the row outputs ({@code matches}, {@code rejected}, ...)
 * @param reportFiles the report's files written into the output folder; empty when no report was asked for
 */
public record SparkAuditSummary(AuditFigures figures, String inputFormat, List<String> files, String output,
                                String outputFormat, String sparkVersion, List<String> reportFiles) {

    public SparkAuditSummary {
        Objects.requireNonNull(figures, "figures");
        files = List.copyOf(files);
        reportFiles = List.copyOf(reportFiles);
    }

    /**
     * {@code summary.json}: the keys both engines write, then the Spark run's own ({@code engine},
     * {@code spark_version}, {@code input_format}, {@code input_files}, {@code outputs}, the report's
     * files among them); {@code reportArguments} go into the provenance after the engine's options.
     */
    String json(List<String> reportArguments) {
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("engine", "spark");
        spark.put("spark_version", sparkVersion);
        spark.put("input_format", inputFormat);
        spark.put("input_files", files.size());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("format", outputFormat);
        for (String name : OutputFolder.ALL) {
            outputs.put(name, output + "/" + name);
        }
        for (String name : reportFiles) {
            outputs.put(name, output + "/" + name);
        }
        spark.put("outputs", outputs);
        return SummaryJson.of(figures, reportArguments, spark);
    }
}
