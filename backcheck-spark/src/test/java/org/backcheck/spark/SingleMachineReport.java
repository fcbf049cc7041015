package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backcheck.audit.parquet.ParquetParts;
import org.backcheck.report.InputDigest;
import org.backcheck.report.InputIdentity;
import org.backcheck.report.Provenance;
import org.backcheck.report.RunRecord;
import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportFiles;

/**
 * The report {@code backcheck audit} writes for a single-machine run (made here as its CLI makes
 * it, not through the Spark job's code), compared with the one the Spark job wrote.
 */
final class SingleMachineReport {

    private SingleMachineReport() {
    }

    /**
     * Asserts that the Spark job's report files in {@code sparkOut} are the single-machine ones for
     * the same settings: aggregates.csv and year_on_year.csv byte for byte, aggregates.json apart from its {@code input},
     * report.html apart from the input's file name; both with the Spark run's record (time, engine,
     * input identity) in the provenance, which is checked apart ({@link #assertSameProvenance}).
     *
     * @param sparkInput the Spark job's input (its name shows in the report)
     * @param scratch    an empty folder for the single-machine report
     * @return the single-machine aggregates.csv
     */
    static String assertSameReport(Path sparkOut, Path sparkInput, AuditFigures single, ReportRequest settings,
                                 Path scratch) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode sparkProvenance = json.readTree(sparkOut.resolve(ReportFiles.JSON).toFile()).get("provenance");
        boolean sameInput = sparkInput.toAbsolutePath().equals(Path.of(single.input()).toAbsolutePath());
        assertSameProvenance(sparkProvenance, Provenance.of(single, settings.provenanceArguments()), sameInput);
        if (!sameInput) {
            // Parquet that Spark wrote from the CSV: a folder of parts, checksummed by the rule both engines share.
            assertThat(sparkProvenance.get("input").get("sha256").asText())
                    .isEqualTo(InputDigest.of(sparkInput, ParquetParts.of(sparkInput).files()).sha256());
        }
        ImagingReport report = ImagingReport.of(single.withRun(runOf(sparkProvenance, settings)), settings.options(false));
        ReportFiles.write(report, scratch);

        String csv = read(scratch.resolve(ReportFiles.CSV));
        assertThat(csv).contains("provider_month", "age_band");
        assertThat(read(sparkOut.resolve(ReportFiles.CSV))).as("aggregates.csv").isEqualTo(csv);
        // A specialty grain exactly when the input has Treatment_Function_Code.
        if (single.activity().hasSpecialty()) {
            assertThat(csv).contains("\nspecialty,");
        } else {
            assertThat(csv).doesNotContain("\nspecialty,");
        }
        assertThat(read(sparkOut.resolve(ReportFiles.YEAR_ON_YEAR))).as("year_on_year.csv")
                .isEqualTo(read(scratch.resolve(ReportFiles.YEAR_ON_YEAR)));

        ObjectNode singleJson = (ObjectNode) json.readTree(scratch.resolve(ReportFiles.JSON).toFile());
        ObjectNode sparkJson = (ObjectNode) json.readTree(sparkOut.resolve(ReportFiles.JSON).toFile());
        assertThat(sparkJson.get("input").asText()).isEqualTo(sparkInput.getFileName().toString());
        assertThat(sparkJson.get("disclosure_control").asBoolean()).isEqualTo(settings.disclosureControl());
        singleJson.remove("input");
        sparkJson.remove("input");
        assertThat(sparkJson).as("aggregates.json apart from input").isEqualTo(singleJson);

        String singleName = Path.of(single.input()).getFileName().toString();
        String sparkName = sparkInput.getFileName().toString();
        String html = read(sparkOut.resolve(ReportFiles.HTML));
        assertThat(html).contains(sparkName);
        assertThat(html.replace(sparkName, singleName)).as("report.html apart from the input's name")
                .isEqualTo(read(scratch.resolve(ReportFiles.HTML)).replace(sparkName, singleName));
        return csv;
    }

    /**
     * The Spark job's provenance against the single machine's for the same settings: the same build,
     * measure revision and options, but for the engine's name (and a delimiter, which Parquet has not);
     * the same input identity when both read the same file; the run's time may differ.
     */
    static void assertSameProvenance(JsonNode spark, Provenance single, boolean sameInput) {
        Map<String, Object> expected = single.toMap();
        assertThat(spark.get("engine").asText()).isEqualTo("spark");
        assertThat(expected.get("engine")).isEqualTo("single");
        for (String key : List.of("tool", "version", "commit", "measure", "measure_revision")) {
            assertThat(spark.get(key).asText()).as("provenance " + key).isEqualTo(expected.get(key));
        }
        List<String> options = new ArrayList<>(single.options());
        options.set(options.indexOf("--engine") + 1, "spark");
        if (!sameInput) {
            int d = options.indexOf("--delimiter");
            options.subList(d, d + 2).clear();
        }
        List<String> sparkOptions = new ArrayList<>();
        spark.get("options").forEach(o -> sparkOptions.add(o.asText()));
        assertThat(sparkOptions).as("provenance options").isEqualTo(options);
        if (sameInput) {
            InputIdentity in = single.run().input();
            assertThat(spark.get("input").get("sha256").asText()).isEqualTo(in.sha256());
            assertThat(spark.get("input").get("bytes").asLong()).isEqualTo(in.bytes());
            assertThat(spark.get("input").get("name").asText()).isEqualTo(in.name());
        }
    }

    /** The Spark job's run record, read back from its provenance. */
    private static RunRecord runOf(JsonNode p, ReportRequest settings) {
        List<String> options = new ArrayList<>();
        p.get("options").forEach(o -> options.add(o.asText()));
        JsonNode in = p.get("input");
        return new RunRecord(Instant.parse(p.get("run_utc").asText()), p.get("engine").asText(),
                new InputIdentity(in.get("name").asText(), in.get("bytes").asLong(), in.get("sha256").asText(),
                        in.get("checksum_of").asText()), p.get("measure_revision").asText(),
                options.subList(0, options.size() - settings.provenanceArguments().size()));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
