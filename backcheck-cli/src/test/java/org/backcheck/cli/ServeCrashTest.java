package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
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
import org.backcheck.service.feedback.FeedbackRoutes;
import org.backcheck.service.feedback.JdbcFeedbackStore;
import org.backcheck.service.feedback.SummaryPeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 13: every card a hook call answered with is counted in the feedback store before the answer
 * leaves, so kill -9 right after the last answer loses none. A separate JVM, killed with SIGKILL
 * ({@link Process#destroyForcibly}): no shutdown hook, no close, no flush.
 */
class ServeCrashTest {

    /** A lumbar MRI ordered with no reason, for a 48-year-old with an empty problem list: one card. */
    static final String ORDER_SIGN = """
            {"hook":"order-sign","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
             "context":{"userId":"Practitioner/gp-7","patientId":"123","draftOrders":{"resourceType":"Bundle","type":"collection",
               "entry":[{"resource":{"resourceType":"ServiceRequest","id":"mri-1","status":"draft","intent":"order",
                 "code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"72148"}],"text":"MRI lumbar spine"},
                 "subject":{"reference":"Patient/123"}}}]}},
             "prefetch":{"patient":{"resourceType":"Patient","id":"123","birthDate":"1978-03-02"},
               "conditions":{"resourceType":"Bundle","type":"searchset","entry":[]}}}""";

    @TempDir
    Path dir;

    @Test
    void cardsAnsweredBeforeAKillDashNineAreAllCounted() throws Exception {
        Path db = dir.resolve("feedback.db");
        Process serve = ChildJvm.java("org.backcheck.cli.Main", "serve", "--port", "0", "--insecure-dev",
                "--db-url", "jdbc:sqlite:" + db, "--report", dir.resolve("report.html").toString())
                .redirectError(dir.resolve("serve.log").toFile()).start();
        long cards = 0;
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            assertThat(line).as(Files.readString(dir.resolve("serve.log"))).isNotNull();
            Matcher url = Pattern.compile("Backcheck is running at (http://127\\.0\\.0\\.1:\\d+/) .*").matcher(line);
            assertThat(url.matches()).as(line).isTrue();
            URI hook = URI.create(url.group(1)).resolve("/cds-services/lumbar-imaging-order-sign");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 30; i++) {
                var r = http.send(HttpRequest.newBuilder(hook).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(ORDER_SIGN)).build(),
                        BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                cards += r.body().split("\"uuid\"", -1).length - 1;
            }
        } finally {
            serve.destroyForcibly(); // SIGKILL
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cards).as("the calls were answered with cards").isEqualTo(30);
        try (JdbcFeedbackStore store = JdbcFeedbackStore.sqlite(db)) {
            String summary = FeedbackRoutes.toJson(store.summary(SummaryPeriod.MONTH)).toString();
            assertThat(summary).contains("\"service\":\"lumbar-imaging-order-sign\",\"cardsIssued\":" + cards + ",");
        }
    }
}
