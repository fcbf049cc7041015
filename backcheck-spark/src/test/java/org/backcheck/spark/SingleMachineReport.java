package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * report.html apart from the input's file name.
     *
     * @param sparkInput the Spark job's input (its name shows in the report)
     * @param scratch    an empty folder for the single-machine report
     * @return the single-machine aggregates.csv
     */
    static String assertSameReport(Path sparkOut, Path sparkInput, AuditFigures single, ReportRequest settings,
                                 Path scratch) throws IOException {
        ImagingReport report = ImagingReport.of(single, settings.options(false));
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

        ObjectMapper json = new ObjectMapper();
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
                .isEqualTo(read(scratch.resolve(ReportFiles.HTML)));
        return csv;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
