package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backcheck audit --engine spark} runs the backcheck-spark job in a JVM of its own and gives
 * the single-machine engine's figures and report, with the report options passed through. Needs that module packaged ({@code mvn verify} does it before
 * this module's tests): in CI a missing job fails the test; elsewhere (e.g. {@code mvn test}) it is
 * skipped with the reason.
 */
class SparkEngineCliTest {

    @TempDir
    Path dir;

    @Test
    void theSparkEngineGivesTheSameFiguresAndReportAsTheSingleMachineEngine() throws Exception {
        assumeTheJobIsBuilt();
        Path extract = dir.resolve("opa.csv");
        assertThat(Main.run("generate", "--rows", "4000", "--seed", "9", "--out", extract.toString())).isZero();
        Path population = dir.resolve("population.csv");
        org.backcheck.audit.generate.ExtractGenerator.writeSamplePopulation(population);
        Path organisations = dir.resolve("organisations.csv");
        org.backcheck.audit.generate.ExtractGenerator.writeSampleOrganisations(organisations);
        // ICB-1's name comes from a second file instead (a code named twice must be named the same).
        Files.write(organisations, Files.readAllLines(organisations).stream().filter(l -> !l.startsWith("ICB-1,")).toList());
        Path more = dir.resolve("more.csv");
        Files.writeString(more, "org_code,name,parent_code\nICB-1,\"=Renamed, \"\"ICB\"\"\",\n");
        String[] report = {"--population", population.toString(), "--no-disclosure-control", "--period", "2023-06..2025-02",
            "--title", "Spark and single", "--organisations", organisations.toString(), "--organisations", more.toString(),
            "--benchmark", "11.5", "--target", "9", "--spc-baseline", "12", "--rebase", "2024-06", "--rebase", "2024-10",
            "--funnel-ratio-method", "cqc"};
        Path single = dir.resolve("single");
        Path spark = dir.resolve("spark");
        assertThat(Main.run(concat(new String[] {"audit", "--input", extract.toString(), "--out", single.toString(),
            "--null-policy", "sql"}, report))).isZero();
        assertThat(Main.run(concat(new String[] {"audit", "--engine", "spark", "--threads", "2", "--input", extract.toString(),
            "--out", spark.toString(), "--null-policy", "sql"}, report))).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(single.resolve("summary.json").toFile());
        JsonNode b = json.readTree(spark.resolve("summary.json").toFile());
        for (String f : new String[] {"rows_read", "counted", "excluded", "unmatched", "rejected", "null_policy_sensitive_rows"}) {
            assertThat(b.get(f).asLong()).as(f).isEqualTo(a.get(f).asLong());
        }
        assertThat(b.get("null_policy").asText()).isEqualTo("sql");
        assertThat(Files.exists(spark.resolve("matches"))).isTrue();
        // The same input file, so the same report, byte for byte apart from the provenance (when and on which engine
        // it ran), which is compared field by field: the report options reached the job.
        assertThat(Files.readString(spark.resolve("aggregates.csv"))).as("aggregates.csv")
                .isEqualTo(Files.readString(single.resolve("aggregates.csv")));
        assertThat(withoutFooter(Files.readString(spark.resolve("report.html")))).as("report.html")
                .isEqualTo(withoutFooter(Files.readString(single.resolve("report.html"))));
        com.fasterxml.jackson.databind.node.ObjectNode singleJson =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(single.resolve("aggregates.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode sparkJson =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(spark.resolve("aggregates.json").toFile());
        JsonNode singleRun = singleJson.remove("provenance");
        JsonNode sparkRun = sparkJson.remove("provenance");
        assertThat(sparkJson).as("aggregates.json without its provenance").isEqualTo(singleJson);
        assertThat(sparkRun.get("engine").asText()).isEqualTo("spark");
        assertThat(singleRun.get("engine").asText()).isEqualTo("single");
        for (String key : new String[] {"tool", "version", "commit", "measure", "measure_revision"}) {
            assertThat(sparkRun.get(key)).as("provenance " + key).isEqualTo(singleRun.get(key));
        }
        assertThat(sparkRun.get("input")).as("provenance input: the same file, the same name, size and SHA-256")
                .isEqualTo(singleRun.get("input"));
        assertThat(Files.readString(spark.resolve("report.html"))).contains("Spark and single");
        // Both organisations files reached the job: names, and the trust and ICB roll-ups.
        assertThat(Files.readString(spark.resolve("aggregates.csv"))).startsWith("grain,").contains(",name\n")
                .contains("provider_parent,T-03,").contains("commissioner_parent,,ICB-1,").contains("\"'=Renamed, \"\"ICB\"\"\"\n");
        assertThat(Files.readString(spark.resolve("report.html"))).contains("rebased 2024-10").contains("benchmark 11.50")
                .contains("CQC method");
        assertThat(json.readTree(spark.resolve("aggregates.json").toFile()).get("disclosure_control").asBoolean()).isFalse();
    }

    @Test
    void badReportOptionsAreRefusedWithTheSparkEngineAsWithout() throws Exception {
        assumeTheJobIsBuilt();
        Path extract = dir.resolve("opa.csv");
        Files.writeString(extract, "OPA_Ident,Der_Procedure_All,Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,"
                + "Der_Diagnosis_All,Administrative_Category\n1,U054,45,,,01\n");
        assertThat(Main.run("audit", "--engine", "spark", "--input", extract.toString(), "--out", dir.resolve("o").toString(),
                "--period", "2024-03..2024-01")).isEqualTo(ExitCodes.USAGE);
        Path population = dir.resolve("bad-population.csv");
        Files.writeString(population, "org_code,year,population\n15N,2024,-3\n");
        assertThat(Main.run("audit", "--engine", "spark", "--input", extract.toString(), "--out", dir.resolve("p").toString(),
                "--population", population.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(dir.resolve("p").resolve("summary.json")).doesNotExist();
        Path organisations = dir.resolve("bad-organisations.csv");
        Files.writeString(organisations, "org_code,name,parent_code\nRXH,,\n");
        assertThat(Main.run("audit", "--engine", "spark", "--input", extract.toString(), "--out", dir.resolve("q").toString(),
                "--organisations", organisations.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(dir.resolve("q").resolve("summary.json")).doesNotExist();
        assertThat(Main.run("audit", "--engine", "spark", "--input", extract.toString(), "--out", dir.resolve("q").toString(),
                "--spc-baseline", "6")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("audit", "--engine", "spark", "--input", extract.toString(), "--out", dir.resolve("q").toString(),
                "--funnel-ratio-method", "winsor")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("audit", "--engine", "hadoop", "--input", "x.csv", "--out", dir.toString())).isEqualTo(ExitCodes.USAGE);
    }

    private static void assumeTheJobIsBuilt() {
        boolean built;
        try {
            SparkEngine.argsFile();
            built = true;
        } catch (IllegalArgumentException notBuilt) {
            if (System.getenv("CI") != null) {
                throw notBuilt;
            }
            built = false;
        }
        Assumptions.assumeTrue(built, "backcheck-spark is not packaged: run mvn verify");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The report without its footer, which holds the provenance (run time and engine differ between the runs). */
    private static String withoutFooter(String html) {
        int from = html.indexOf("<footer>");
        int to = html.indexOf("</footer>");
        assertThat(from).as("the report has a footer").isPositive();
        return html.substring(0, from) + html.substring(to);
    }
}
