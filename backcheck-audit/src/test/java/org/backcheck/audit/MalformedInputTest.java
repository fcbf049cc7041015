package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.backcheck.report.AuditFigures;
import org.backcheck.extract.UnreadableExtractException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedInputTest {

    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", ExtractFile.OPA_COLUMNS) + "\n";

    private AuditFigures audit(String content) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, content);
        return Audit.run(AuditOptions.of(in, dir.resolve("out")));
    }

    private List<String[]> rejected() throws Exception {
        return AuditOutputs.csv(dir.resolve("out/rejected.csv"));
    }

    @Test
    void rowsWithTheWrongNumberOfFieldsAreRejectedAndTheRestGoOn() throws Exception {
        AuditFigures s = audit(HEADER
                + "1,2024-01-01,RXH,01,45,,,U054\n"
                + "2,2024-01-01,RXH,01,45,,U054\n"
                + "3,2024-01-01,RXH,01,45,,,U054,extra\n"
                + "4,2024-01-01,RXH,01,45,,,U055\n");
        assertThat(s.rowsRead()).isEqualTo(4);
        assertThat(s.counted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(2);
        List<String[]> r = rejected();
        assertThat(r).hasSize(3);
        assertThat(r.get(1)).containsExactly("2", "2", "(row)", "expected 8 fields as in the header, found 7");
        assertThat(r.get(2)).containsExactly("3", "3", "(row)", "expected 8 fields as in the header, found 9");
    }

    @Test
    void aShortRowAfterAFullOneIsRejectedWithoutCrashing() throws Exception {
        // Regression: the short row has no provider field; the scanner once reused the previous
        // row's offset for it and failed.
        AuditFigures s = audit(HEADER + "1,2024-01-01,RXH,01,45,,,U054\n2\n\"\n");
        assertThat(s.rowsRead()).isEqualTo(3);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.byProvider()).containsKeys("RXH", "unknown");
    }

    /** Generated garbage under the header, cut into tiny chunks: never a crash, always a reconciliation. */
    @Test
    void randomBytesNeverCrashTheScanner() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        String alphabet = "\"\"\",,,,\n\n\r U054Z6513é|\t";
        for (int n = 0; n < 300; n++) {
            StringBuilder body = new StringBuilder(HEADER);
            int len = random.nextInt(400);
            for (int i = 0; i < len; i++) {
                body.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Path in = dir.resolve("fuzz.csv");
            Files.writeString(in, body);
            Path out = dir.resolve("fuzz-out");
            AuditFigures s = Audit.run(AuditOptions.of(in, out), 1 + random.nextInt(64));
            AuditFigures whole = Audit.run(AuditOptions.of(in, dir.resolve("fuzz-whole")));
            assertThat(s.rowsRead()).as("case %d", n).isEqualTo(whole.rowsRead());
            assertThat(AuditOutputs.statuses(out)).as("case %d", n).isEqualTo(AuditOutputs.statuses(dir.resolve("fuzz-whole")));
        }
    }

    @Test
    void textAfterAClosingQuoteIsRejected() throws Exception {
        AuditFigures s = audit(HEADER + "1,2024-01-01,RXH,01,45,,,\"U054\"x\n2,2024-01-01,RXH,01,45,,,U054\n");
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.counted()).isEqualTo(1);
        assertThat(rejected().get(1)[3]).isEqualTo("text after the closing quote of column 8");
    }

    @Test
    void anUnclosedQuoteAtTheEndOfTheFileIsOneRejectedRow() throws Exception {
        AuditFigures s = audit(HEADER + "1,2024-01-01,RXH,01,45,,,U054\n2,2024-01-01,RXH,01,45,,\"M545,U054\n3,x\n");
        assertThat(s.rowsRead()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(rejected().get(1)[3]).contains("quoted field is never closed");
    }

    @Test
    void blankLinesAreSkippedAndCountedAndTheLastLineNeedsNoLineFeed() throws Exception {
        AuditFigures s = audit(HEADER + "\n1,2024-01-01,RXH,01,45,,,U054\n\r\n2,2024-01-01,RXH,01,45,,,U055");
        assertThat(s.rowsRead()).isEqualTo(2);
        assertThat(s.counted()).isEqualTo(2);
        assertThat(s.blankLinesSkipped()).isEqualTo(2);
        assertThat(AuditOutputs.statuses(dir.resolve("out"))).containsOnlyKeys(1L, 2L);
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyAuditNotAnError() throws Exception {
        AuditFigures s = audit(HEADER);
        assertThat(s.rowsRead()).isZero();
        assertThat(Files.readString(dir.resolve("out/summary.json"))).contains("\"rows_read\" : 0");
    }

    @Test
    void aMissingColumnNamesWhatIsMissingAndWhatWasFound() {
        assertThatThrownBy(() -> audit("OPA_Ident,Der_Procedure_All,Age_at_Start_of_Episode_SUS\n1,U054,45\n"))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("no column der_diagnosis_all, Administrative_Category, Der_Age_at_CDS_Activity_Date")
                .hasMessageContaining("Columns found: [OPA_Ident, Der_Procedure_All, Age_at_Start_of_Episode_SUS]");
    }

    @Test
    void aDuplicatedNeededColumnIsRefused() {
        assertThatThrownBy(() -> audit(HEADER.strip() + ",der_procedure_all\n"))
                .isInstanceOf(UnreadableExtractException.class).hasMessageContaining("two columns named Der_Procedure_All");
    }

    @Test
    void anEmptyFileOrAnUnknownDelimiterIsRefused() {
        assertThatThrownBy(() -> audit("")).isInstanceOf(UnreadableExtractException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> audit("just one column\n1\n")).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("--delimiter");
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(dir.resolve("nope.csv"), dir.resolve("out"))))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void idsNeedingQuotesAreQuotedInTheOutputs() throws Exception {
        audit(HEADER + "\"A,1\",2024-01-01,RXH,01,45,,,U054\n");
        List<String[]> m = AuditOutputs.csv(dir.resolve("out/matches.csv"));
        assertThat(m.get(1)).containsExactly("1", "A,1", "counted", "", "U054");
    }
}
