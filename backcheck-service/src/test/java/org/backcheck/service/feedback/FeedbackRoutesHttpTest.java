package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.backcheck.service.AdminToken;
import org.backcheck.service.BackcheckServer;
import org.backcheck.service.security.CdsSecurity;
import org.backcheck.service.security.VerifiedCaller;
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

/** The feedback routes of a {@link BackcheckServer} on a random port, over a SQLite store; callers set by a stand-in security check. */
class FeedbackRoutesHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CARD = FeedbackRequestTest.CARD;
    private static final String SVC = "lumbar-imaging-order-sign";
    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private JdbcFeedbackStore store;
    private BackcheckServer app;

    @BeforeEach
    void start() {
        store = JdbcFeedbackStore.sqlite(dir.resolve("feedback.db"));
        app = server(AdminToken.of(ADMIN));
    }

    private BackcheckServer server(AdminToken admin) {
        VerifiedCaller caller = new VerifiedCaller("https://ehr.example", "sub", "t-1", "jti-1", Instant.parse("2030-01-01T00:00:00Z"));
        return BackcheckServer.builder().requestLog(line -> { }).clock(CLOCK).feedbackStore(store).adminToken(admin)
                .cdsSecurity(ctx -> ctx.attribute(CdsSecurity.CALLER_ATTRIBUTE, caller)).build().start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/cds-services/" + SVC + "/feedback"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(app, path, "Bearer " + ADMIN);
    }

    private static HttpResponse<String> get(BackcheckServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSummaryNeedsTheAdminTokenAndIsOffWithoutOne() throws Exception {
        HttpResponse<String> none = get(app, "/api/feedback/summary", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"admin\"");
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> wrong = get(app, "/api/feedback/summary", "Bearer " + ADMIN.replace('0', '1'));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(ADMIN);
        assertThat(get(app, "/api/feedback/summary", "Bearer " + ADMIN.substring(1)).statusCode()).isEqualTo(401);
        assertThat(get(app, "/api/feedback/summary", ADMIN).statusCode()).as("no Bearer scheme").isEqualTo(401);
        assertThat(get(app, "/api/feedback/summary", "bearer " + ADMIN).statusCode()).as("the scheme is case-blind").isEqualTo(200);
        try (BackcheckServer off = server(AdminToken.off())) {
            HttpResponse<String> r = get(off, "/api/feedback/summary", "Bearer " + ADMIN);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("--admin-token-file");
        }
    }

    @Test
    void anAdminTokenTooShortToGuardAnythingIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminToken.of("short-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16").hasMessageNotContaining("short-token");
    }

    @Test
    void storesValidFeedbackAndSummarisesIt() throws Exception {
        store.recordCardsIssued(SVC, 2, Instant.parse("2025-03-01T09:00:00Z"));
        HttpResponse<String> r = post("""
                {"feedback":[{"card":"%s","outcome":"overridden",
                  "overrideReason":{"reason":{"code":"patient-refused","system":"https://b.example/o","display":"Patient refused"}},
                  "outcomeTimestamp":"2025-03-01T10:00:00Z"}]}""".formatted(CARD), "application/json; charset=utf-8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("received").asInt()).isEqualTo(1);
        assertThat(store.feedback(SVC)).singleElement().satisfies(f -> {
            assertThat(f.issuer()).isEqualTo("https://ehr.example");
            assertThat(f.tenant()).isEqualTo("t-1");
            assertThat(f.receivedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        });

        JsonNode summary = JSON.readTree(get("/api/feedback/summary").body());
        assertThat(summary.get("period").asText()).isEqualTo("month");
        JsonNode svc = summary.at("/periods/0/services/0");
        assertThat(summary.at("/periods/0/period").asText()).isEqualTo("2025-03");
        assertThat(svc.get("service").asText()).isEqualTo(SVC);
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
        assertThat(store.feedback(SVC)).isEmpty();
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
