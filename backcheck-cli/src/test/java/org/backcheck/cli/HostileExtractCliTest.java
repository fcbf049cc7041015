package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extracts written to attack whoever reads the outputs: terminal escapes and identifiers that must
 * not reach stderr, formulas that must not run in a spreadsheet, and a run that rejects most rows
 * and must say so.
 */
class HostileExtractCliTest {

    private static final String HEADER = "OPA_Ident,Der_Procedure_All,Age_at_Start_of_Episode_SUS,"
            + "Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Administrative_Category,Der_Provider_Code,"
            + "Der_Commissioner_Code,Appointment_Date\n";
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void stderrQuotesNoEscapesAndNoDataRows() throws Exception {
        // A header whose names carry terminal escapes (one is "Age" under another name, so a
        // needed column is missing), and rows carrying escapes and identifiers.
        String header = "OPA_Ident,Der_Procedure_All," + ESC + "]0;owned" + "\u0007" + ESC + "[2J" + "x".repeat(500)
                + ",Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Administrative_Category\n";
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            rows.append("PSEUDO-ID-").append(1000 + i).append(",U054,4").append(ESC).append("[31m5,,M545,01\n");
        }
        Path extract = Files.writeString(dir.resolve("hostile.csv"), header + rows);
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("o").toString()))
                .isEqualTo(ExitCodes.BAD_EXTRACT);
        String err = console.err();
        assertThat(err).contains("no column Age_at_Start_of_Episode_SUS").contains("\\u001b").doesNotContain(ESC)
                .doesNotContain("\u0007").doesNotContain("PSEUDO-ID").doesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        assertThat(err.length()).isLessThan(800);
    }

    @Test
    void anExtractWithoutAHeaderDoesNotHaveItsFirstRowQuoted() throws Exception {
        Path extract = Files.writeString(dir.resolve("noheader.csv"),
                "PSEUDO-ID-0042,U054,45,45,M545,01,RXX,00L,2024-05-01\nPSEUDO-ID-0043,U054,45,45,M545,01,RXX,00L,2024-05-01\n");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("o").toString()))
                .isEqualTo(ExitCodes.BAD_EXTRACT);
        assertThat(console.err()).contains("Is the header row missing?").doesNotContain("PSEUDO-ID").doesNotContain("M545");
    }

    @Test
    void formulasAreWrittenAsTextAndReadBackWithTheirQuote() throws Exception {
        List<String> hostile = List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "'quoted");
        // A leading tab or CR is whitespace the reader strips from every field (CsvOut's unit test covers them).
        List<String> stripped = List.of("\tTAB", "\rCR");
        StringBuilder rows = new StringBuilder(HEADER);
        for (String id : java.util.stream.Stream.concat(hostile.stream(), stripped.stream()).toList()) {
            // Counted (U054, age 45, no exclusion), from a provider and commissioner whose codes are formulas.
            rows.append(csv(id)).append(",U054,45,45,M545,01,=1+2,-3+4,2024-05-01\n");
            // Rejected: the age is not a number.
            rows.append(csv(id)).append(",U054,forty,45,M545,01,=1+2,-3+4,2024-05-01\n");
        }
        Path extract = Files.writeString(dir.resolve("formulas.csv"), rows.toString());
        Path out = dir.resolve("o");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", out.toString(), "--no-disclosure-control"))
                .isZero();

        List<CsvRecord> matches = read(out.resolve("matches.csv"));
        List<CsvRecord> rejected = read(out.resolve("rejected.csv"));
        assertThat(matches).hasSize(hostile.size() + stripped.size());
        assertThat(rejected).hasSize(hostile.size() + stripped.size());
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(matches.get(i).getField(1)).isEqualTo("'" + hostile.get(i));
            assertThat(rejected.get(i).getField(1)).isEqualTo("'" + hostile.get(i));
        }
        Map<String, CsvRecord> aggregates = read(out.resolve("aggregates.csv")).stream()
                .collect(Collectors.toMap(r -> r.getField(0), Function.identity(), (a, b) -> a));
        assertThat(aggregates.get("provider").getField(1)).isEqualTo("'=1+2");
        assertThat(aggregates.get("commissioner").getField(2)).isEqualTo("'-3+4");
        // The figures Backcheck computes are numbers, not text.
        assertThat(aggregates.get("total").getField(6)).isEqualTo(Integer.toString(2 * (hostile.size() + stripped.size())));
        for (Path csvFile : List.of(out.resolve("matches.csv"), out.resolve("rejected.csv"), out.resolve("aggregates.csv"))) {
            for (CsvRecord r : read(csvFile)) {
                for (String field : r.getFields()) {
                    assertThat(field).as(csvFile.getFileName() + " line " + r.getStartingLineNumber())
                            .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                            .doesNotStartWith("\t").doesNotStartWith("\r");
                }
            }
        }
    }

    @Test
    void aRunThatRejectsManyRowsWarnsWhyButSucceeds() throws Exception {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) {
            String age = i < 3 ? "forty" : i < 5 ? "-" : "45";
            rows.append("ID").append(i).append(",U054,").append(age).append(",45,M545,01,RXX,00L,2024-05-01\n");
        }
        rows.append("ID100,U054\n"); // too few fields
        Path extract = Files.writeString(dir.resolve("many.csv"), rows.toString());
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("o").toString())).isZero();
        assertThat(console.err()).contains("warning: 6 of 101 data rows (5.9%) were rejected, more than 1%")
                .contains("Age_at_Start_of_Episode_SUS: not a whole number (5 rows)")
                .contains("(row): expected 9 fields as in the header, found 2 (1 rows)")
                .doesNotContain("forty").doesNotContain("ID1");
    }

    @Test
    void aRunThatRejectsFewRowsDoesNotWarn() throws Exception {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            rows.append("ID").append(i).append(",U054,").append(i == 0 ? "forty" : "45").append(",45,M545,01,RXX,00L,2024-05-01\n");
        }
        Path extract = Files.writeString(dir.resolve("few.csv"), rows.toString());
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("o").toString())).isZero();
        assertThat(console.out()).containsPattern("rejected +1 ");
        assertThat(console.err()).doesNotContain("warning");
    }

    private static String csv(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The data records of a CSV output (the header line left out). */
    private static List<CsvRecord> read(Path file) throws IOException {
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(file)) {
            return r.stream().skip(1).toList();
        }
    }
}
