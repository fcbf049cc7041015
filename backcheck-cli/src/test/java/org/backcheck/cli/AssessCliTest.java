package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Assessor;
import org.backcheck.service.AssessmentJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code backcheck assess} and {@code backcheck serve} end to end, and the audit's start-up kept free of them. */
class AssessCliTest {

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

    private Path write(String json) throws Exception {
        Path file = dir.resolve("case.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void printsTheAssessmentAsJsonByDefault() throws Exception {
        Path file = write("{\"age\": 45, \"duration_weeks\": 3, \"screening\": {\"cauda_equina\": \"absent\", "
                + "\"cord_compression\": \"absent\", \"cancer\": \"absent\", \"infection\": \"absent\", \"fracture\": \"absent\"}}");
        assertThat(Main.run("assess", "--input", file.toString())).isZero();
        JsonNode printed = new ObjectMapper().readTree(out());
        assertThat(printed.get("recommendation").asText()).isEqualTo("no_imaging");
        JsonNode expected = AssessmentJson.toJson(Assessor.standard().assess(AssessmentRequest.of(45, 3).screenedFully()));
        assertThat(printed).isEqualTo(expected);
        assertThat(err()).isEmpty();
    }

    @Test
    void printsReadableText() throws Exception {
        Path file = write("{\"age\": 45, \"duration_weeks\": 3, \"red_flags\": [\"saddle_anaesthesia\"]}");
        assertThat(Main.run("assess", "--input", file.toString(), "--format", "text")).isZero();
        assertThat(out()).startsWith("Recommendation: Emergency MRI: refer immediately [emergency_mri]")
                .contains("Urgency: emergency (now)")
                .contains("Suspected: cauda equina syndrome")
                .contains("\nWhy:\n  - ")
                .contains("\nSources:\n")
                .doesNotContain("{\"");
        assertThat(out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(88));
    }

    @Test
    void readsStandardInputForADash() throws Exception {
        InputStream oldIn = System.in;
        System.setIn(new ByteArrayInputStream("{\"age\": 30, \"duration_weeks\": 1, \"red_flags\": [\"fever\"]}".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(Main.run("assess", "--input", "-", "--format", "text")).isZero();
        } finally {
            System.setIn(oldIn);
        }
        assertThat(out()).startsWith("Recommendation: Imaging indicated [imaging_indicated]").contains("Urgency: same day");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"age\": \"45\", \"duration_weeks\": 3}|age: must be a whole number",
        "{\"age\": 45}|duration_weeks: is required",
        "{\"age\": 45, \"duration_weeks\": 3, \"weight\": 80}|weight: unknown field",
        "{\"age\": 45, \"duration_weeks\": 3, \"red_flags\": [\"headache\"]}|red_flags: unknown red flag 'headache'",
        "{\"age\": 45, \"duration_weeks\": 3, \"start_back\": {\"fear\": \"agree\"}}|start_back.leg_pain: is required",
        "{\"age\": 45, \"duration_weeks\": 3|(body): is not valid JSON at line 1"})
    void anInvalidCaseExitsTwoNamingTheField(String json, String message) throws Exception {
        Path file = write(json);
        assertThat(Main.run("assess", "--input", file.toString())).isEqualTo(2);
        assertThat(err()).startsWith("backcheck: cannot assess this case: " + message);
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingFileExitsFour() {
        assertThat(Main.run("assess", "--input", dir.resolve("none.json").toString())).isEqualTo(4);
        assertThat(err()).contains("no such file").doesNotContain("generate");
    }

    @Test
    void anUnknownFormatExitsTwo() throws Exception {
        Path file = write("{\"age\": 45, \"duration_weeks\": 3}");
        assertThat(Main.run("assess", "--input", file.toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err()).contains("--format must be 'json' or 'text'");
    }

    /** A separate JVM, because serve runs until the process is told to stop (SIGTERM, as Ctrl-C's SIGINT). */
    @Test
    void serveListensUntilStopped() throws Exception {
        Path logFile = dir.resolve("serve.log");
        Path report = dir.resolve("report.html");
        Files.writeString(report, "<!DOCTYPE html><title>Audit report 42</title>");
        Process serve = ChildJvm.java("org.backcheck.cli.Main", "serve", "--port", "0", "--db-url",
                "jdbc:sqlite:" + dir.resolve("feedback.db"), "--report", report.toString())
                .redirectError(logFile.toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            assertThat(line).as("first line of serve's output").isNotNull();
            Matcher url = Pattern.compile("Backcheck is running at (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C to stop\\)").matcher(line);
            assertThat(url.matches()).as(line).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            var health = http.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/healthz"))
                    .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            var page = http.send(HttpRequest.newBuilder(URI.create(url.group(1))).build(), BodyHandlers.ofString());
            assertThat(page.body()).contains("<title>Backcheck");
            // No --trusted-issuers: every CDS Hooks call is refused, saying how to configure it.
            var hook = http.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/cds-services/lumbar-imaging-order-sign"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    BodyHandlers.ofString());
            assertThat(hook.statusCode()).isEqualTo(401);
            assertThat(hook.body()).contains("--trusted-issuers");
            var discovery = http.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/cds-services")).build(),
                    BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(401);
            var summary = http.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/api/feedback/summary")).build(),
                    BodyHandlers.ofString());
            assertThat(summary.statusCode()).as("no --admin-token-file: the summary is off").isEqualTo(403);
            // The latest audit report, read afresh on each request, under a policy allowing inline styles only.
            var shown = http.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/report")).build(),
                    BodyHandlers.ofString());
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).contains("Audit report 42");
            assertThat(shown.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).startsWith("default-src 'none'; style-src 'unsafe-inline'"));
            Files.delete(report);
            var missing = http.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/report")).header("Accept", "text/html").build(),
                    BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("No audit report yet").contains("./backcheck demo");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(logFile)).contains("GET /healthz 200").contains("GET / 200")
                .contains("POST /cds-services/lumbar-imaging-order-sign 401");
    }

    /**
     * An audit never loads the point-of-care classes: none of the service module, Javalin, Jetty,
     * Kotlin, SLF4J or Jackson (the launcher's class-data archive and start-up time depend on it).
     */
    @Test
    void anAuditLoadsNoServiceClasses() throws Exception {
        Path extract = dir.resolve("opa.csv");
        Files.writeString(extract, "Der_Procedure_All,Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,"
                + "Der_Diagnosis_All,Administrative_Category\nU054,45,,,01\nU054,forty,,,01\n");
        Process audit = ChildJvm.java("-Xlog:class+load=info", "org.backcheck.cli.Main", "audit", "--input", extract.toString(),
                "--out", dir.resolve("out").toString()).redirectErrorStream(true).start();
        String log = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(audit.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(audit.exitValue()).as(log).isZero();
        assertThat(log).contains("org.backcheck.cli.AuditCommand").contains("org.backcheck.cli.AssessCommand")
                .doesNotContain("org.backcheck.cli.AssessRun", "org.backcheck.cli.ServeRun", "org.backcheck.service.",
                        "io.javalin.", "org.eclipse.jetty.", "kotlin.", "org.slf4j.", "com.fasterxml.");
    }
}
