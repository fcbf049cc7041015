package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json has one writer for both engines: the Spark job's file is, text for text, the
 * single-machine audit's (but for the provenance's run time and engine), followed by the keys only a
 * Spark run has. Provider codes holding control
 * characters (as a damaged extract can) are escaped the same way by both.
 */
class SummaryTextTest {

    @TempDir
    Path dir;

    @Test
    void theSparkSummaryIsTheSingleMachineSummaryFollowedBySparksOwnKeys() throws IOException {
        Path csv = dir.resolve("codes.csv");
        Files.writeString(csv, "OPA_Ident,Appointment_Date,Der_Provider_Code,Administrative_Category,"
                + "Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Der_Procedure_All\n"
                + "1,2024-01-05,R\u001bX\b,01,45,,,U054\n"
                + "2,2024-02-05,r\fy,01,45,,C509,U054\n"
                + "3,2024-02-05,RXH,01,x,,,U054\n", StandardCharsets.UTF_8);
        Path single = dir.resolve("single");
        Audit.run(AuditOptions.of(csv, single));
        Path out = dir.resolve("spark");
        SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(csv.toString(), out.toString()));

        String singleText = withoutElapsedTime(single.resolve(SummaryJson.FILE));
        String sparkText = withoutElapsedTime(out.resolve(SummaryJson.FILE));
        // What legitimately differs in the shared keys: the provenance's run time and engine (and so its
        // --engine option). Each is checked, then set alike; everything else must be the same text.
        assertThat(singleText).containsPattern("\n    \"run_utc\" : \"[0-9T:-]+Z\",\n    \"engine\" : \"single\",\n")
                .contains("\"--engine\", \"single\", ");
        assertThat(sparkText).containsPattern("\n    \"run_utc\" : \"[0-9T:-]+Z\",\n    \"engine\" : \"spark\",\n")
                .contains("\"--engine\", \"spark\", ");
        singleText = withoutRunTime(singleText);
        sparkText = withoutRunTime(sparkText).replace("\n    \"engine\" : \"spark\",\n", "\n    \"engine\" : \"single\",\n")
                .replace("\"--engine\", \"spark\", ", "\"--engine\", \"single\", ");
        assertThat(singleText).contains("\"R\\u001bX\\u0008\" : {", "\"R\\u000cY\" : {");
        String shared = singleText.substring(0, singleText.length() - "\n}\n".length());
        assertThat(sparkText).startsWith(shared + ",\n  \"engine\" : \"spark\",\n");
    }

    private static String withoutRunTime(String summary) {
        return summary.replaceAll("\"run_utc\" : \"[0-9T:-]+Z\"", "\"run_utc\" : \"\"");
    }

    private static String withoutElapsedTime(Path summary) throws IOException {
        return Files.readString(summary, StandardCharsets.UTF_8).replaceAll("\"elapsed_seconds\" : [0-9.E-]+", "\"elapsed_seconds\" : 0");
    }
}
