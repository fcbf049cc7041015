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
 * the single-machine engine's figures. Needs that module packaged ({@code mvn verify} does it before
 * this module's tests): in CI a missing job fails the test; elsewhere (e.g. {@code mvn test}) it is
 * skipped with the reason.
 */
class SparkEngineCliTest {

    @TempDir
    Path dir;

    @Test
    void theSparkEngineGivesTheSameFiguresAsTheSingleMachineEngine() throws Exception {
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
        Path extract = dir.resolve("opa.csv");
        assertThat(Main.run("generate", "--rows", "4000", "--seed", "9", "--out", extract.toString())).isZero();
        Path single = dir.resolve("single");
        Path spark = dir.resolve("spark");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", single.toString(), "--null-policy", "sql")).isZero();
        assertThat(Main.run("audit", "--engine", "spark", "--threads", "2", "--input", extract.toString(), "--out",
                spark.toString(), "--null-policy", "sql")).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(single.resolve("summary.json").toFile());
        JsonNode b = json.readTree(spark.resolve("summary.json").toFile());
        for (String f : new String[] {"rows_read", "counted", "excluded", "unmatched", "rejected", "null_policy_sensitive_rows"}) {
            assertThat(b.get(f).asLong()).as(f).isEqualTo(a.get(f).asLong());
        }
        assertThat(b.get("null_policy").asText()).isEqualTo("sql");
        assertThat(Files.exists(spark.resolve("matches"))).isTrue();
    }

    @Test
    void reportOptionsAreRefusedWithTheSparkEngine() {
        assertThat(Main.run("audit", "--engine", "spark", "--input", "x.csv", "--out", dir.toString(), "--period",
                "2024-01..2024-03")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("audit", "--engine", "hadoop", "--input", "x.csv", "--out", dir.toString())).isEqualTo(ExitCodes.USAGE);
    }
}
