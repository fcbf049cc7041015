package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.backcheck.service.feedback.JdbcFeedbackStore;

/**
 * Issue 11 item 12: a request the server cannot use is the client's error (4xx problem+json), and a client
 * that goes away mid-body costs one request-log line, not a stack trace.
 */
class ErrorAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    private static BackcheckServer server;
    private static JdbcFeedbackStore store;

    @BeforeAll
    static void start() throws Exception {
        store = JdbcFeedbackStore.sqlite(java.nio.file.Files.createTempDirectory("backcheck-errors-").resolve("feedback.db"));
        server = BackcheckServer.builder().requestLog(REQUESTS::add).clock(TODAY).feedbackStore(store)
                .adminToken(AdminToken.of("admin-token-0123456789abcdef")).build().start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static List<BackcheckServer.Route> routes() {
        return server.routes();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path.replace("{id}", "lumbar-imaging-order-sign")))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.request() + " " + r.body()).isBetween(400, 599);
        assertThat(r.headers().firstValue("Content-Type")).as(r.request() + " " + r.body())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(r.statusCode());
        assertThat(p.get("type").asText()).isEqualTo("about:blank");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void everyRoutesErrorsAreProblemJson(BackcheckServer.Route route) throws Exception {
        String other = route.method().toString().equals("GET") ? "POST" : "GET";
        assertProblem(send(other, route.path(), "application/json", other.equals("POST") ? "{}" : null));
        if (route.method().toString().equals("POST")) {
            assertProblem(send("POST", route.path(), "text/plain", "{}"));
            assertProblem(send("POST", route.path(), "application/json", "{\"unclosed\":"));
        } else if (!route.path().equals("/healthz") && !route.path().startsWith("/api/red-flags")
                && !route.path().startsWith("/api/spa") && !route.path().equals("/cds-services")) {
            // The routes that can refuse a GET: the summary (no admin token) and the report (none yet).
            assertProblem(send("GET", route.path(), null, null));
        }
    }

    @Test
    void theRouteTableHasEveryRouteAndAnUnknownPathIsAProblemToo() throws Exception {
        assertThat(routes()).extracting(BackcheckServer.Route::path).contains("/api/assessments", "/api/feedback/summary",
                "/report", "/healthz", "/cds-services", "/cds-services/{id}", "/cds-services/{id}/feedback");
        assertProblem(send("GET", "/api/no-such-thing", null, null));
        assertProblem(send("DELETE", "/cds-services", null, null));
    }

    private static ObjectNode example() throws Exception {
        try (InputStream in = ErrorAnswersTest.class.getResourceAsStream("/cds/order-sign-request.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void aMalformedFhirResourceInPrefetchIsABadRequestNamingIt() throws Exception {
        ObjectNode request = example();
        ((ObjectNode) request.at("/prefetch/patient")).putArray("extension").add(1);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/cds-services/lumbar-imaging-order-sign"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(request))).build(), BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("field").asText()).isEqualTo("prefetch.patient");
    }

    @Test
    void aClientThatAbortsMidBodyLeavesALineOrTwoInTheLog() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int before = REQUESTS.size();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String path : List.of("/cds-services/lumbar-imaging-order-sign", "/api/assessments")) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(5_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 20000\r\n\r\n{\"hook\":\"order-sign\",").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200);
                    s.setSoLinger(true, 0); // close with a reset, as a client killed mid-upload does
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (REQUESTS.size() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // anything logged after the request line
        } finally {
            System.setErr(realErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(REQUESTS.subList(before, REQUESTS.size())).as("both requests logged").hasSize(2)
                .allSatisfy(line -> assertThat(line).matches("POST /\\S+ 4\\d\\d .*"));
        assertThat(log.lines().count()).as(log).isLessThanOrEqualTo(2);
        assertThat(log).doesNotContain("\tat ");
    }
}
