package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feedback handlers in a tiny Javalin app on a random port, over a SQLite store. */
class FeedbackRoutesHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CARD = FeedbackRequestTest.CARD;

    @TempDir
    Path dir;
    private JdbcFeedbackStore store;
    private Javalin app;

    @BeforeEach
    void start() {
        store = JdbcFeedbackStore.sqlite(dir.resolve("feedback.db"));
        FeedbackRoutes routes = new FeedbackRoutes(store, Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.post("/cds-services/{id}/feedback",
                    ctx -> routes.postFeedback(ctx, ctx.pathParam("id"), "https://ehr.example", "t-1"));
            config.routes.get("/api/feedback/summary", routes::getSummary);
        }).start();
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/cds-services/svc/feedback"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void storesValidFeedbackAndSummarisesIt() throws Exception {
        store.recordCardsIssued("svc", 2, Instant.parse("2025-03-01T09:00:00Z"));
        HttpResponse<String> r = post("""
                {"feedback":[{"card":"%s","outcome":"overridden",
                  "overrideReason":{"reason":{"code":"patient-refused","system":"https://b.example/o","display":"Patient refused"}},
                  "outcomeTimestamp":"2025-03-01T10:00:00Z"}]}""".formatted(CARD), "application/json; charset=utf-8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("received").asInt()).isEqualTo(1);
        assertThat(store.feedback("svc")).singleElement().satisfies(f -> {
            assertThat(f.issuer()).isEqualTo("https://ehr.example");
            assertThat(f.tenant()).isEqualTo("t-1");
            assertThat(f.receivedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        });

        JsonNode summary = JSON.readTree(get("/api/feedback/summary").body());
        assertThat(summary.get("period").asText()).isEqualTo("month");
        JsonNode svc = summary.at("/periods/0/services/0");
        assertThat(summary.at("/periods/0/period").asText()).isEqualTo("2025-03");
        assertThat(svc.get("service").asText()).isEqualTo("svc");
        assertThat(svc.get("cardsIssued").asLong()).isEqualTo(2);
        assertThat(svc.get("accepted").asLong()).isZero();
        assertThat(svc.get("overridden").asLong()).isEqualTo(1);
        assertThat(svc.at("/overrideReasons/0/reason/code").asText()).isEqualTo("patient-refused");
        assertThat(svc.at("/overrideReasons/0/count").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(get("/api/feedback/summary?period=day").body()).at("/periods/0/period").asText())
                .isEqualTo("2025-03-01");
    }

    @Test
    void invalidFeedbackIs400NamingTheField() throws Exception {
        HttpResponse<String> r = post("{\"feedback\":[{\"card\":\"" + CARD + "\",\"outcome\":\"maybe\","
                + "\"outcomeTimestamp\":\"2025-03-01T10:00:00Z\"}]}", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("field").asText()).isEqualTo("feedback[0].outcome");
        assertThat(p.get("detail").asText()).contains("feedback[0].outcome").contains("\"accepted\" or \"overridden\"");
        assertThat(store.feedback("svc")).isEmpty();
    }

    @Test
    void wrongContentTypeIs415AndHugeBodiesAre413() throws Exception {
        assertThat(post("{}", "text/plain").statusCode()).isEqualTo(415);
        HttpResponse<String> big = post("{\"feedback\":[],\"pad\":\"" + "x".repeat(70_000) + "\"}", "application/json");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(big.body()).get("detail").asText()).contains("64 KiB");
    }

    @Test
    void aTimestampInTheYearPlus99999IsA400ProblemAndNothingIsStored() throws Exception {
        // Issue 11 item 14: accepted before, and stored as a date no summary period could hold.
        HttpResponse<String> r = post("{\"feedback\":[{\"card\":\"" + CARD + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"+99999-01-01T00:00:00Z\"}]}", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("feedback[0].outcomeTimestamp");
    }

    @Test
    void unknownPeriodIs400() throws Exception {
        HttpResponse<String> r = get("/api/feedback/summary?period=year");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("period");
    }
}
