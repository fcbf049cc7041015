package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.security.TestTokens.EC;
import static org.backcheck.service.security.TestTokens.NOW;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.backcheck.service.BackcheckServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 14: Javalin's {@code Context.method()} reads {@code X-HTTP-Method-Override}, so a POST
 * claiming to be OPTIONS skipped the token check (which lets CORS preflights through) and a POST could be
 * routed as a GET or DELETE. Such a request is now refused with a 400 problem before any route runs.
 */
class MethodOverrideTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static BackcheckServer server;

    @BeforeAll
    static void start() {
        CdsSecurity security = CdsSecurity.verifying(new TokenVerifier(TestTokens.issuers(new TestTokens.MutableClock(NOW), EC),
                new TestTokens.MutableClock(NOW)), URI.create("https://cds.example.org"));
        server = BackcheckServer.builder().requestLog(line -> { }).cdsSecurity(security::check).build().start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest(name = "POST {0} with X-HTTP-Method-Override")
    @ValueSource(strings = {"/cds-services/lumbar-imaging-order-sign|OPTIONS", "/cds-services/lumbar-imaging-order-sign|GET",
        "/api/assessments|GET", "/api/assessments|DELETE", "/cds-services|DELETE"})
    void aMethodOverrideHeaderIsRefusedNotHonoured(String pathAndMethod) throws Exception {
        String[] p = pathAndMethod.split("\\|");
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(p[0])).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-HTTP-Method-Override", p[1])
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(new ObjectMapper().readTree(r.body()).get("detail").asText()).contains("X-HTTP-Method-Override");
    }
}
