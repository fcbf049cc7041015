package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extracts a report must cope with: missing optional columns, no rows, every row rejected, one month. */
class ReportEdgeCasesTest {

    private static final String MEASURE_COLUMNS =
            "Der_Procedure_All,Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Administrative_Category";

    @TempDir
    Path dir;

    private String report(String csv, Disclosure d) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv);
        Path out = dir.resolve("out");
        AuditFigures s = Audit.run(AuditOptions.of(in, out));
        ReportFiles.write(ImagingReport.of(s, new ImagingReport.Options("t", false, d, Optional.empty())), out);
        assertThat(out.resolve(ReportFiles.CSV)).exists();
        assertThat(out.resolve(ReportFiles.JSON)).exists();
        return Files.readString(out.resolve(ReportFiles.HTML));
    }

    @Test
    void onlyTheMeasuresColumnsGiveAReportWithoutOrganisationsOrMonths() throws IOException {
        String html = report(MEASURE_COLUMNS + "\nU054,40,,,01\nU054,50,,,02\n,30,,,01\n", Disclosure.NONE);
        assertThat(html).contains("No funnel plot: the extract has no Der_Provider_Code column")
                .contains("No trend: the extract has no Appointment_Date column")
                .contains("no readable appointment dates");
        assertThat(Files.readString(dir.resolve("out").resolve(ReportFiles.CSV))).contains("total,,,,,,3,1,1,1,0,");
    }

    @Test
    void aHeaderWithoutRowsGivesAnEmptyButHonestReport() throws IOException {
        String html = report(MEASURE_COLUMNS + ",Der_Provider_Code,Appointment_Date,Der_Commissioner_Code\n", Disclosure.CONTROLLED);
        assertThat(html).contains("Rows read").contains("No funnel plot");
        assertThat(Files.readString(dir.resolve("out").resolve(ReportFiles.CSV))).contains("total,,,,,,0,0,0,0,0,-,");
    }

    @Test
    void everyRowRejectedStillReconciles() throws IOException {
        String html = report(MEASURE_COLUMNS + ",Der_Provider_Code,Appointment_Date\nU054,x,,,01,RXH,2024-05-01\nU054,4.5,,,01,RXH,2024-06-01\n",
                Disclosure.NONE);
        assertThat(html).contains("Rejected (unreadable");
        assertThat(Files.readString(dir.resolve("out").resolve(ReportFiles.CSV))).contains("total,,,,,,2,0,0,0,2,0.00,")
                .contains("age_band,,,,unknown,,2,0,0,0,2,");
    }

    @Test
    void oneProviderInOneMonthHasAFunnelPointButNoChart() throws IOException {
        StringBuilder csv = new StringBuilder(MEASURE_COLUMNS + ",Der_Provider_Code,Appointment_Date\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 4 == 0 ? "U054" : "").append(",40,,,01,RXH,2024-05-0").append(1 + i % 9).append('\n');
        }
        String html = report(csv.toString(), Disclosure.CONTROLLED);
        assertThat(html).contains("id=\"funnel-providers\"").contains("fewer than 2 points")
                .contains("RXH (records in fewer than 2 months of the period)");
    }

    @Test
    void aFewStrayDatesDoNotStretchThePeriod() throws IOException {
        StringBuilder csv = new StringBuilder(MEASURE_COLUMNS + ",Der_Provider_Code,Appointment_Date\n");
        for (int month = 1; month <= 6; month++) {
            for (int i = 0; i < 50; i++) {
                csv.append(i % 5 == 0 ? "U054" : "").append(",40,,,01,RXH,2024-0").append(month).append("-1").append(i % 9).append('\n');
            }
        }
        csv.append("U054,40,,,01,RXH,2014-01-15\n");
        String html = report(csv.toString(), Disclosure.NONE);
        assertThat(html).contains("period <b>2024-01 to 2024-06</b>")
                .contains("Rows dated outside the period 2024-01 to 2024-06: 1, in 2014-01");
        String aggregates = Files.readString(dir.resolve("out").resolve(ReportFiles.CSV));
        assertThat(aggregates).contains("month,,,2014-01,,,1,1,0,0,0,");
    }

    @Test
    void codesDifferingOnlyInCaseAreOneOrganisationAndShiftedRowsHaveNone() throws IOException {
        String csv = MEASURE_COLUMNS + ",Der_Provider_Code,Appointment_Date\n"
                + "U054,40,,,01,rxh,2024-05-01\n"
                + "U054,40,,,01,RXH,2024-05-02\n"
                + "U054,40,,,01, Rxh ,2024-05-03\n"
                + "U054,40,,,01,EXTRA,RXA,2024-05-04\n";   // one field too many: fields shifted, rejected
        report(csv, Disclosure.NONE);
        String aggregates = Files.readString(dir.resolve("out").resolve(ReportFiles.CSV));
        assertThat(aggregates).contains("provider,RXH,,,,,3,3,0,0,0,").contains("provider,unknown,,,,,1,0,0,0,1,")
                .doesNotContain("provider,RXA").doesNotContain("provider,rxh").doesNotContain("2024-05-04");
    }

    @Test
    void aHiddenProviderShapesNeitherTheAxesNorTheHeadline() throws IOException {
        StringBuilder csv = new StringBuilder(MEASURE_COLUMNS + ",Der_Provider_Code,Appointment_Date\n");
        for (int p = 0; p < 6; p++) {
            for (int i = 0; i < 400; i++) {
                csv.append(i % 40 == 0 ? "U054" : "").append(",40,,,01,P").append(p).append(",2024-05-01\n");
            }
        }
        // 5 of 20 records counted: 250 per 1,000, far above everyone else (25 per 1,000), and hidden.
        for (int i = 0; i < 20; i++) {
            csv.append(i < 5 ? "U054" : "").append(",40,,,01,SMALL,2024-05-01\n");
        }
        String html = report(csv.toString(), Disclosure.CONTROLLED);
        String funnel = html.substring(html.indexOf("id=\"funnel-providers\""), html.indexOf("</svg>", html.indexOf("id=\"funnel-providers\"")));
        java.util.regex.Matcher ticks = java.util.regex.Pattern.compile("class=\"tick ytick\">([0-9.,]+)<").matcher(funnel);
        double top = 0;
        while (ticks.find()) {
            top = Math.max(top, Double.parseDouble(ticks.group(1).replace(",", "")));
        }
        assertThat(top).as("highest y tick").isPositive().isLessThan(50);
        assertThat(funnel).doesNotContain("SMALL");
        assertThat(html).contains("funnel-suppressed").contains("of 6 providers shown; 1 not shown (small numbers)");
        // Hidden providers come last in the league table, whatever their rate.
        int league = html.indexOf("id=\"league-table\"");
        assertThat(html.indexOf(">SMALL<", league)).isGreaterThan(html.indexOf(">P5<", league));
    }
}
