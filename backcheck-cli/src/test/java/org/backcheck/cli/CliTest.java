package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line end to end: outputs, exit codes, messages. */
class CliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private String out() {
        return console.out();
    }

    private String err() {
        return console.err();
    }

    @Test
    void generateThenAuditWritesTheThreeOutputsAndReconciles() throws Exception {
        Path extract = dir.resolve("opa.csv.gz");
        assertThat(Main.run("generate", "--rows", "30000", "--seed", "3", "--out", extract.toString())).isZero();
        assertThat(out()).contains("Wrote 30,000 rows");
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString())).isZero();
        assertThat(out()).contains("reconciliation: rows_read 30000 = counted").contains("OK");
        assertThat(result.resolve("matches.csv")).exists();
        assertThat(result.resolve("rejected.csv")).exists();
        JsonNode summary = new ObjectMapper().readTree(result.resolve("summary.json").toFile());
        long counted = summary.get("counted").asLong();
        long excluded = summary.get("excluded").asLong();
        assertThat(summary.get("rows_read").asLong()).isEqualTo(30000);
        assertThat(counted + excluded + summary.get("unmatched").asLong() + summary.get("rejected").asLong()).isEqualTo(30000);
        assertThat(summary.get("null_policy").asText()).isEqualTo("clinical");
        assertThat(summary.get("null_policy_sensitive_rows").asLong()).isPositive();
        assertThat(summary.get("excluded_by_reason").has("cancer_diagnosis")).isTrue();
        assertThat(summary.get("by_provider").size()).isGreaterThan(5);
        assertThat(summary.get("by_month").size()).isGreaterThan(12);
        List<String> matches = Files.readAllLines(result.resolve("matches.csv"));
        assertThat(matches.get(0)).isEqualTo("row,id,status,reason,matched_codes");
        assertThat(matches).hasSize((int) (counted + excluded) + 1);
        List<String> rejected = Files.readAllLines(result.resolve("rejected.csv"));
        assertThat(rejected).hasSize((int) summary.get("rejected").asLong() + 1);
    }

    @Test
    void sqlNullPolicyCountsFewerAndSaysSo() throws Exception {
        Path extract = dir.resolve("opa.csv");
        Main.run("generate", "--rows", "20000", "--seed", "4", "--out", extract.toString());
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("c").toString())).isZero();
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("s").toString(), "--null-policy", "sql")).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode clinical = json.readTree(dir.resolve("c/summary.json").toFile());
        JsonNode sql = json.readTree(dir.resolve("s/summary.json").toFile());
        assertThat(sql.get("counted").asLong()).isLessThan(clinical.get("counted").asLong());
        assertThat(clinical.get("under_other_null_policy").get("counted").asLong()).isEqualTo(sql.get("counted").asLong());
        assertThat(clinical.get("counted").asLong() - sql.get("counted").asLong())
                .isEqualTo(clinical.get("null_policy_sensitive_rows").asLong());
    }

    @Test
    void aMissingColumnExitsThreeAndListsTheColumnsFound() throws Exception {
        Path extract = dir.resolve("bad.csv");
        Files.writeString(extract, "OPA_Ident|Der_Procedure_All\n1|U054\n");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("o").toString())).isEqualTo(3);
        assertThat(err()).contains("cannot audit this extract").contains("Columns found: [OPA_Ident, Der_Procedure_All]");
    }

    @Test
    void aMissingFileExitsFour() {
        assertThat(Main.run("audit", "--input", dir.resolve("none.csv").toString(), "--out", dir.toString())).isEqualTo(4);
        assertThat(err()).contains("no such file");
    }

    @Test
    void malformedRowsAreRejectedNotFatal() throws Exception {
        Path extract = dir.resolve("messy.csv");
        Files.writeString(extract, "Der_Procedure_All,Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Administrative_Category\n"
                + "U054,45,,,01\nU054,forty,,,01\nU054,45\n\"U055,45,,,01\n");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("o").toString())).isZero();
        assertThat(out()).contains("rows_read 4 = counted 1 + excluded 0 + unmatched 0 + rejected 3");
        assertThat(Files.readString(dir.resolve("o/rejected.csv")))
                .contains("2,,Age_at_Start_of_Episode_SUS,not a whole number: 'forty'")
                .contains("3,,(row),\"expected 5 fields");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(Main.run("audit", "--input", "x.csv")).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--out=DIR'");
        assertThat(Main.run("audit", "--input", "x.csv", "--out", "o", "--null-policy", "maybe")).isEqualTo(2);
        assertThat(err()).contains("unknown NULL policy 'maybe'");
        assertThat(Main.run("audit", "--input", "x.csv", "--out", "o", "--delimiter", "#")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "audit", "generate", "demo", "assess", "serve"})
    void everyCommandHasHelp(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        assertThat(Main.run(args)).isZero();
        assertThat(out()).contains("Usage: backcheck");
    }

    @Test
    void demoRunsTheWholeJobAndSaysWhatToDoNext() {
        assertThat(Main.run("demo", "--rows", "5000", "--out", dir.resolve("demo").toString())).isZero();
        assertThat(out()).contains("reconciliation").contains("Next:");
        assertThat(dir.resolve("demo/audit/summary.json")).exists();
    }
}
