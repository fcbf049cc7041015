package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.SpaFeature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP API on a real server on a random port, through the JDK's HTTP client. */
class BackcheckServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
    private static BackcheckServer server;

    @BeforeAll
    static void start() {
        server = new BackcheckServer(Assessor.standard(), LOG::add).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI at(String path) {
        return server.uri().resolve(path);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return post(BodyPublishers.ofString(body), "application/json");
    }

    private static HttpResponse<String> post(BodyPublisher body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(at("/api/assessments")).POST(body).timeout(Duration.ofSeconds(10));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(at(path)).timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = JSON.readTree(response.body());
        assertThat(p.get("type").asText()).isEqualTo("about:blank");
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
        return p;
    }

    @Test
    void anAssessmentComesBackAsJson() throws Exception {
        HttpResponse<String> response = post("{\"age\": 40, \"duration_weeks\": 2}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode a = JSON.readTree(response.body());
        // Today's input, without screening answers: no conclusion before the red flags are asked.
        assertThat(a.get("recommendation").asText()).isEqualTo("screening_incomplete");
        assertThat(a.get("urgency").isNull()).isTrue();
        assertThat(a.get("reasons").get(0).get("citations").get(0).has("locator")).isTrue();
        assertThat(a.get("patient_information").get("about_your_back_pain").asText()).isNotBlank();
    }

    @Test
    void aCaudaEquinaFlagGivesAnEmergencyMri() throws Exception {
        JsonNode a = JSON.readTree(post("{\"age\": 40, \"duration_weeks\": 2, \"red_flags\": [\"bladder_dysfunction\"]}").body());
        assertThat(a.get("recommendation").asText()).isEqualTo("emergency_mri");
        assertThat(a.get("urgency").asText()).isEqualTo("emergency");
        assertThat(a.get("suspected")).extracting(JsonNode::asText).containsExactly("cauda_equina");
    }

    @Test
    void theSameRequestGivesTheSameBytes() throws Exception {
        String body = "{\"age\": 60, \"duration_weeks\": 30, \"red_flags\": [\"fever\", \"history_of_cancer\"], \"sciatica\": true}";
        assertThat(post(body).body()).isEqualTo(post(body).body());
    }

    @Test
    void anInvalidRequestIsABadRequestNamingTheField() throws Exception {
        JsonNode p = problem(post("{\"age\": \"45\", \"duration_weeks\": 2}"), 400);
        assertThat(p.get("title").asText()).isEqualTo("Bad Request");
        assertThat(p.get("field").asText()).isEqualTo("age");
        assertThat(p.get("detail").asText()).startsWith("age: must be a whole number");

        assertThat(problem(post("{\"age\": 45, \"duration_weeks\": 2, \"start_back\": {\"fear\": \"agree\"}}"), 400)
                .get("field").asText()).startsWith("start_back.");
        assertThat(problem(post("{\"age\": 45, \"duration_weeks\": 2, \"red_flags\": [\"headache\"]}"), 400)
                .get("detail").asText()).contains("valid: [bladder_dysfunction");
        assertThat(problem(post("{\"age\": 45,"), 400).get("field").asText()).isEqualTo("(body)");
        assertThat(problem(post(""), 400).get("field").asText()).isEqualTo("(body)");
    }

    @Test
    void aBodyOverTheLimitIsContentTooLarge() throws Exception {
        String padding = " ".repeat(BackcheckServer.MAX_BODY_BYTES);
        JsonNode p = problem(post("{\"age\": 45, \"duration_weeks\": 2}" + padding), 413);
        assertThat(p.get("detail").asText()).contains("64 KiB");
        assertThat(p.has("field")).isFalse();
        // The same without a Content-Length (chunked): counted as it is read.
        byte[] bytes = ("{\"age\": 45, \"duration_weeks\": 2}" + padding).getBytes(StandardCharsets.UTF_8);
        problem(post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), "application/json"), 413);
        // Exactly at the limit is fine.
        String exact = "{\"age\": 45, \"duration_weeks\": 2}";
        exact = exact + " ".repeat(BackcheckServer.MAX_BODY_BYTES - exact.length());
        assertThat(post(exact).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
        "application/jsonp", "multipart/form-data; boundary=x"})
    void anotherContentTypeIsUnsupported(String type) throws Exception {
        JsonNode p = problem(post(BodyPublishers.ofString("{\"age\": 45, \"duration_weeks\": 2}"), type), 415);
        assertThat(p.get("detail").asText()).contains("application/json");
    }

    @Test
    void aMissingContentTypeIsUnsupported() throws Exception {
        problem(post(BodyPublishers.ofString("{\"age\": 45, \"duration_weeks\": 2}"), null), 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
    void jsonInUtf8IsAccepted(String type) throws Exception {
        assertThat(post(BodyPublishers.ofString("{\"age\": 45, \"duration_weeks\": 2}"), type).statusCode()).isEqualTo(200);
    }

    @Test
    void theRedFlagVocabularyIsServedInOrder() throws Exception {
        HttpResponse<String> response = get("/api/red-flags");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode flags = JSON.readTree(response.body());
        assertThat(flags).extracting(f -> f.get("id").asText()).containsExactlyElementsOf(RedFlags.vocabulary().keySet());
        for (JsonNode f : flags) {
            assertThat(f.get("pathology").asText()).isEqualTo(RedFlags.vocabulary().get(f.get("id").asText()).pathology().id());
            assertThat(f.get("label").asText()).isNotBlank();
        }
    }

    @Test
    void theSpaFeaturesAreServed() throws Exception {
        JsonNode features = JSON.readTree(get("/api/spa-features").body());
        assertThat(features).extracting(f -> f.get("id").asText())
                .containsExactly(java.util.Arrays.stream(SpaFeature.values()).map(SpaFeature::id).toArray(String[]::new));
    }

    @Test
    void healthz() throws Exception {
        HttpResponse<String> response = get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void anUnknownPathIsAProblemToo() throws Exception {
        problem(get("/api/nothing-here"), 404);
    }

    @Test
    void thePageAndItsFilesAreServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Backcheck").contains("src=\"app.js\"").contains("href=\"app.css\"");
        assertThat(get("/app.js").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(get("/app.css").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(get("/favicon.svg").statusCode()).isEqualTo(200);
    }

    /** No CDN, no web font, no analytics: the page's own files name no other origin. */
    @Test
    void thePageLoadsNothingFromElsewhere() throws Exception {
        for (String file : List.of("index.html", "app.js", "app.css")) {
            String text = resource("/public/" + file);
            assertThat(text).as(file).doesNotContainPattern("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}")
                    .doesNotContainPattern("(?i)@import|url\\(|<iframe|<object|<embed");
        }
        // fetch() only to relative paths of this origin
        assertThat(resource("/public/app.js")).containsPattern("fetch\\('api/assessments'")
                .doesNotContainPattern("fetch\\(['\"]/?/");
    }

    /** The page names every recommendation, urgency and pathology the engine can return. */
    @Test
    void thePageHasAWordForEveryId() throws Exception {
        String js = resource("/public/app.js");
        for (var id : java.util.stream.Stream.of(org.backcheck.guidance.Recommendation.values(),
                org.backcheck.guidance.Urgency.values(), org.backcheck.guidance.Pathology.values())
                .flatMap(java.util.Arrays::stream).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList()) {
            assertThat(js).as(id).containsPattern("\\b" + id + ": '");
        }
        for (var item : AssessmentJson.START_BACK_FIELDS) {
            assertThat(js + resource("/public/index.html")).as(item).contains(item);
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<String>> responses = List.of(get("/"), get("/app.js"), get("/api/red-flags"), get("/healthz"),
                post("{\"age\": 40, \"duration_weeks\": 2}"), post("{\"age\": -1, \"duration_weeks\": 2}"),
                post(BodyPublishers.ofString("x"), "text/plain"));
        for (HttpResponse<String> r : responses) {
            var h = r.headers();
            assertThat(h.firstValue("X-Content-Type-Options")).as(r.uri() + " " + r.statusCode()).hasValue("nosniff");
            assertThat(h.firstValue("Content-Security-Policy")).as(r.uri().toString())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'self'"));
            assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(h.firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void theRequestLogHasMethodPathStatusAndDurationOnly() throws Exception {
        LOG.clear();
        post("{\"age\": 40, \"duration_weeks\": 2}");
        post("{\"age\": 40, \"duration_weeks\": \"two\"}");
        List<String> lines = awaitLines(LOG, 2);
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("POST /api/assessments (200|400) \\d+\\.\\dms"));
    }

    /**
     * The whole log output (Backcheck's request log, Javalin's and Jetty's lines) through the SLF4J
     * binding to stderr: requests carrying a marker in every field reach the log as method, path,
     * status and duration, and the marker never does.
     */
    @Test
    void noRequestBodyReachesTheLog() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BackcheckServer logged = new BackcheckServer();
        try {
            logged.start(0);
            URI uri = logged.uri().resolve("/api/assessments?note=QUERYMARKER");
            String marker = "ZQXJ-PATIENT-7741";
            List<String> bodies = List.of(
                    "{\"age\": 67, \"duration_weeks\": 9, \"red_flags\": [\"" + marker + "\"]}",
                    "{\"age\": \"" + marker + "\", \"duration_weeks\": 9}",
                    "{\"" + marker + "\": 1}",
                    "{\"age\": 67, \"duration_weeks\": 9, \"red_flags\": [\"fever\"]} " + marker,
                    "{\"age\": 67, \"duration_weeks\": 9, \"red_flags\": [\"bladder_dysfunction\"]}");
            for (String body : bodies) {
                HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
            }
            HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/plain")
                    .POST(BodyPublishers.ofString(marker)).build(), BodyHandlers.ofString());
            awaitText(captured, "POST /api/assessments 415");
        } finally {
            logged.stop();
            System.setErr(oldErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("POST /api/assessments 400", "POST /api/assessments 200", "POST /api/assessments 415")
                .doesNotContain("ZQXJ", "QUERYMARKER", "duration_weeks", "bladder", "\"age\"");
    }

    private static List<String> awaitLines(List<String> log, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (log.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private static void awaitText(ByteArrayOutputStream out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = Objects.requireNonNull(BackcheckServer.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
