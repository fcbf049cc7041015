package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.extract.UnreadableExtractException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows that cannot be read are counted and listed with the reason, never lost: the wrong number of
 * fields, an unreadable age, text after a closing quote, a quote never closed (the rest of the file
 * is then one field). Cut into segments of a few bytes, so that boundaries fall inside quoted fields.
 */
class BadRowsTest {

    @TempDir
    Path dir;

    private static final String HEADER = "OPA_Ident,Appointment_Date,Der_Provider_Code,Administrative_Category,"
            + "Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Der_Procedure_All\n";

    private static final String BODY = ""
            + "1,2024-01-05,RXH,01,45,,,U054\n"                       // counted
            + "2,2024-01-05,RXH,01,45,,,U054,extra\n"                 // one field too many
            + "3,2024-01-05,RXH,01,4x5,,,U054\n"                      // an age that is not a whole number
            + "\"4\",2024-02-01,RXH,01,50,,\"M545\nC509\",\"U055\"\n" // a line break in a quoted field; cancer: excluded
            + "5,2024-02-01,RXH,\"01\"x,50,,,U054\n"                  // text after a closing quote
            + "\n"                                                    // a blank line: no row
            + "6,2024-02-01,R0A,02,50,,,U054\r\n"                     // CRLF; private patient: excluded
            + "7,2024-03-01,R0A\n"                                    // fields missing
            + "8,2024-03-01,RXH,01,50,,,\"U054\n"                     // a quote never closed: the rest is one field
            + "9,2024-03-01,RXH,01,50,,,U054\n"
            + "10,2024-03-01,RXH,01,50,,,U054\n";

    @Test
    void badRowsAreCountedAndListedWithTheirReasonsAsTheSingleMachineAuditDoes() throws IOException {
        Path csv = dir.resolve("damaged.csv");
        Files.writeString(csv, HEADER + BODY, StandardCharsets.UTF_8);
        Path single = dir.resolve("single");
        AuditFigures singleSummary = Audit.run(AuditOptions.of(csv, single));
        EngineOutputs expected = EngineOutputs.ofSingleMachine(single);

        Path out = dir.resolve("spark");
        ReportRequest exact = ReportRequest.standard().withFlag(ReportOption.NO_DISCLOSURE_CONTROL, true);
        SparkAuditSummary summary = SparkAudit.run(LocalSpark.session(),
                SparkAuditOptions.of(csv.toString(), out.toString()).withSegmentBytes(16).withReport(exact));
        EngineOutputs spark = EngineOutputs.ofSparkParquet(LocalSpark.session(), out);

        assertThat(spark.rejected()).containsExactly(
                List.of("2", "2", "(row)", "expected 8 fields as in the header, found 9"),
                List.of("3", "3", "Age_at_Start_of_Episode_SUS", "not a whole number: '4x5'"),
                List.of("5", "5", "(row)", "text after the closing quote of column 4"),
                List.of("7", "7", "(row)", "expected 8 fields as in the header, found 3"),
                List.of("8", "8", "(row)", "a quoted field is never closed (the rest of the file is this one field)"));
        assertThat(spark.matches()).containsExactly(
                List.of("1", "1", "counted", "", "U054"),
                List.of("4", "4", "excluded", "cancer_diagnosis", "U055"),
                List.of("6", "6", "excluded", "private_patient", "U054"));
        assertThat(summary.figures().reconciliation()).isEqualTo("rows_read 8 = counted 1 + excluded 2 + unmatched 0 + rejected 5");
        assertThat(summary.figures().blankLinesSkipped()).isEqualTo(1);

        assertThat(spark.rejected()).isEqualTo(expected.rejected());
        assertThat(spark.matches()).isEqualTo(expected.matches());
        for (String key : List.of("rows_read", "rejected", "blank_lines_skipped", "by_provider", "by_month")) {
            assertThat(spark.summary().get(key)).as(key).isEqualTo(expected.summary().get(key));
        }
        // In the report, the four rows that could not be split are under an unknown provider and month, as there.
        String aggregates = SingleMachineReport.assertSameReport(out, csv, singleSummary, exact, dir.resolve("single-report"));
        assertThat(aggregates).contains("provider,unknown,");
    }

    @Test
    void codesDifferingOnlyInCaseAreOneOrganisationAsInTheSingleMachineAudit() throws IOException {
        Path csv = dir.resolve("cases.csv");
        Files.writeString(csv, "OPA_Ident,Appointment_Date,Der_Provider_Code,Der_Commissioner_Code,Administrative_Category,"
                + "Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Der_Procedure_All\n"
                + "1,2024-01-05,RXH,15N,01,45,,,U054\n"
                + "2,2024-01-05,rxh ,15n,01,,7003,,U054\n"           // an infant: age band 0-18
                + "3,2024-02-05, Rxh,,01,130,,,U054\n"               // no commissioner; an age out of range
                + "4,2024-02-05,,15N,01,x,,,U054\n"                  // rejected: age band unknown
                + "5,2024-02-05,R0A,15N,01,,,,X999\n", StandardCharsets.UTF_8);
        Path single = dir.resolve("single");
        AuditFigures singleSummary = Audit.run(AuditOptions.of(csv, single));
        Path out = dir.resolve("spark");
        ReportRequest exact = ReportRequest.standard().withFlag(ReportOption.NO_DISCLOSURE_CONTROL, true);
        SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(csv.toString(), out.toString()).withReport(exact));

        String aggregates = SingleMachineReport.assertSameReport(out, csv, singleSummary, exact, dir.resolve("single-report"));
        assertThat(aggregates).contains("provider,RXH,", "commissioner,,15N,").doesNotContain("rxh", "15n");
        assertThat(EngineOutputs.ofSparkParquet(LocalSpark.session(), out).summary().get("by_provider"))
                .isEqualTo(EngineOutputs.ofSingleMachine(single).summary().get("by_provider"));
    }

    @Test
    void aFolderOfPartsIsReadInNameOrderWithRowsNumberedThroughout() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(folder.resolve("part-0.csv"), HEADER + "1,2024-01-05,RXH,01,45,,,U054\n2,2024-01-05,RXH,01,x,,,U054\n");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(folder.resolve("part-1.csv.gz")))) {
            // Another column order and delimiter: each file's header is read for itself.
            gz.write(("Der_Procedure_All|OPA_Ident|Age_at_Start_of_Episode_SUS|Der_Age_at_CDS_Activity_Date|"
                    + "Der_Diagnosis_All|Administrative_Category\nU054|3|45|||01\nU054|4|y|||01\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve(".part-0.csv.crc"), "not data");

        SparkAuditSummary summary = SparkAudit.run(LocalSpark.session(),
                SparkAuditOptions.of(folder.toString(), dir.resolve("out").toString()));
        EngineOutputs spark = EngineOutputs.ofSparkParquet(LocalSpark.session(), dir.resolve("out"));

        assertThat(summary.files()).hasSize(2);
        assertThat(summary.figures().delimiter()).isEqualTo("mixed");
        assertThat(spark.matches()).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly("1:1", "3:3");
        assertThat(spark.rejected()).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly("2:2", "4:4");
        assertThat(summary.figures().reconciliation()).isEqualTo("rows_read 4 = counted 2 + excluded 0 + unmatched 0 + rejected 2");
    }

    @Test
    void aHeaderWithTerminalEscapesIsQuotedEscapedAndBounded() throws IOException {
        Path csv = dir.resolve("escapes.csv");
        Files.writeString(csv, "OPA_Ident,Der_Procedure_All,\u001b]0;owned\u0007\u001b[2J" + "x".repeat(500)
                + ",Der_Diagnosis_All,Administrative_Category\n1,U054,45,,01\n");
        Path out = dir.resolve("escapes-out");
        assertThatThrownBy(() -> SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(csv.toString(), out.toString())))
                .isInstanceOf(UnreadableExtractException.class).hasMessageContaining("\\u001b")
                .hasMessageNotContaining("\u001b").hasMessageNotContaining("\u0007")
                .hasMessageNotContaining("x".repeat(org.backcheck.extract.Excerpt.MAX_NAME + 1));
    }

    @Test
    void anExtractWithoutANeededColumnIsRefusedAndLeavesNoOutputs() throws IOException {
        Path csv = dir.resolve("no-age.csv");
        Files.writeString(csv, "OPA_Ident,Der_Procedure_All,Der_Diagnosis_All,Administrative_Category\n1,U054,,01\n");
        Path out = dir.resolve("refused");
        assertThatThrownBy(() -> SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(csv.toString(), out.toString())))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("no column Age_at_Start_of_Episode_SUS, Der_Age_at_CDS_Activity_Date");
        for (String name : OutputFolder.ALL) {
            assertThat(out.resolve(name)).doesNotExist();
        }
        for (String name : org.backcheck.report.ReportFiles.ALL) {
            assertThat(out.resolve(name)).doesNotExist();
        }
    }
}
