package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.Population;
import org.backcheck.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on extracts it has never seen: 150 random small extracts (random columns present,
 * delimiters, organisation codes, dates good and bad, ages, codes, row counts from 0 to a few
 * hundred, with or without a population file, either disclosure policy). Every one must give a
 * complete report whose totals add up to the audit's, and a controlled report must never show a
 * count of 1 to 7 in its aggregates.
 */
class ReportOnAnyExtractTest {

    private static final String[] PROVIDERS = {"RXH", "rxh", "R0A", "", " RXH01 ", "ÅBC", "LONG-SITE-CODE-9", "P,Q", "unknown"};
    private static final String[] COMMISSIONERS = {"15E", "00L", "", "99a", "QWE"};
    private static final String[] DATES = {"2024-01-02", "2024-02-29", "2023-02-29", "15/04/2024", "20240415", "", "soon",
        "2014-06-01", "2024-07-31 10:00", "2024-12-01"};
    private static final String[] AGES = {"45", "", "18", "19", "120", "121", "7001", "4.5", " 60", "+30", "-3"};
    private static final String[] PROCEDURES = {"U054", "U055", "X999", "U135,Z665", "", "U212 O162", "u054"};
    private static final String[] DIAGNOSES = {"", "", "M545", "C509", "D37"};
    private static final String[] CATEGORIES = {"01", "02", "", "04"};

    @TempDir
    Path dir;

    @Test
    void everyExtractGivesACompleteReportThatAddsUp() throws IOException {
        SplittableRandom random = new SplittableRandom(20261121L);
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "org_code,year,population\n15E,2024,300000\n00L,2024,120000\n99A,2023,5000\n99A,2024,5000\n");
        Population population = Population.read(pop);
        for (int run = 0; run < 150; run++) {
            List<String> columns = new ArrayList<>(List.of("Der_Procedure_All", "Age_at_Start_of_Episode_SUS",
                    "Der_Age_at_CDS_Activity_Date", "Der_Diagnosis_All", "Administrative_Category"));
            for (String optional : List.of("Der_Provider_Code", "Der_Commissioner_Code", "Appointment_Date", "OPA_Ident")) {
                if (random.nextInt(4) != 0) {
                    columns.add(optional);
                }
            }
            java.util.Collections.shuffle(columns, new java.util.Random(random.nextLong()));
            char delimiter = ",|\t;".charAt(random.nextInt(4));
            int rows = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(400);
            StringBuilder csv = new StringBuilder(String.join(String.valueOf(delimiter), columns)).append('\n');
            for (int r = 0; r < rows; r++) {
                List<String> values = new ArrayList<>();
                for (String c : columns) {
                    String v = switch (c) {
                        case "Der_Procedure_All" -> pick(random, PROCEDURES);
                        case "Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date" -> pick(random, AGES);
                        case "Der_Diagnosis_All" -> pick(random, DIAGNOSES);
                        case "Administrative_Category" -> pick(random, CATEGORIES);
                        case "Der_Provider_Code" -> pick(random, PROVIDERS);
                        case "Der_Commissioner_Code" -> pick(random, COMMISSIONERS);
                        case "Appointment_Date" -> pick(random, DATES);
                        default -> "id" + r;
                    };
                    boolean quote = v.indexOf(delimiter) >= 0 || v.contains(",") || random.nextInt(10) == 0;
                    values.add(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
                }
                csv.append(String.join(String.valueOf(delimiter), values)).append(random.nextBoolean() ? "\n" : "\r\n");
            }
            Path in = dir.resolve("in-" + run + ".csv");
            Files.writeString(in, csv, StandardCharsets.UTF_8);
            Path out = dir.resolve("out-" + run);
            AuditFigures s = Audit.run(AuditOptions.of(in, out));
            Disclosure d = random.nextBoolean() ? Disclosure.CONTROLLED : Disclosure.NONE;
            ImagingReport report = ImagingReport.of(s, new ImagingReport.Options("run " + run, false, d,
                    random.nextBoolean() ? Optional.of(population) : Optional.empty()));
            ReportFiles.write(report, out);
            String as = "run " + run + " (" + rows + " rows, columns " + columns + ", " + d + ")";
            String html = Files.readString(out.resolve(ReportFiles.HTML));
            assertThat(html).as(as).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("id=\"methods\"");
            List<String[]> aggregates = AuditOutputs.csv(out.resolve(ReportFiles.CSV));
            List<String> header = List.of(aggregates.get(0));
            String[] total = aggregates.get(1);
            assertThat(total[0]).as(as).isEqualTo("total");
            assertThat(total[header.indexOf("records")]).as(as).isEqualTo(d.count(s.rowsRead()));
            assertThat(total[header.indexOf("counted")]).as(as).isEqualTo(d.count(s.counted()));
            long monthRows = 0;
            for (String[] row : aggregates.subList(1, aggregates.size())) {
                for (String column : List.of("records", "counted", "excluded", "unmatched", "rejected")) {
                    String shown = row[header.indexOf(column)];
                    if (d == Disclosure.CONTROLLED) {
                        assertThat(shown).as(as + " " + String.join(",", row)).matches("\\*|0|[1-9][0-9]*[05]");
                    }
                }
                if (row[0].equals("month") && d == Disclosure.NONE) {
                    monthRows += Long.parseLong(row[header.indexOf("records")]);
                }
            }
            if (d == Disclosure.NONE) {
                assertThat(monthRows).as(as + ": months add up to the rows read").isEqualTo(s.rowsRead());
            }
            assertThat(out.resolve(ReportFiles.JSON)).as(as).isNotEmptyFile();
        }
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
