package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.security.TestTokens.EC;
import static org.backcheck.service.security.TestTokens.NOW;
import static org.backcheck.service.security.TestTokens.claims;
import static org.backcheck.service.security.TestTokens.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.backcheck.service.security.TestTokens.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link CdsSecurity#check} as the before-handler of a tiny Javalin app on a random port. */
class CdsSecurityHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static Javalin app;
    private static Javalin insecureApp;
    private static String base;

    @BeforeAll
    static void start() {
        CdsSecurity security = CdsSecurity.verifying(new TokenVerifier(TestTokens.issuers(CLOCK, EC), CLOCK),
                URI.create("https://cds.example.org/"));
        app = app(security);
        insecureApp = app(CdsSecurity.insecureDev());
        base = "http://127.0.0.1:" + app.port();
    }

    private static Javalin app(CdsSecurity security) {
        return Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            CdsSecurity.enableCors(config, List.of());
            security.register(config);
            config.routes.post("/cds-services/{id}", ctx -> {
                Optional<VerifiedCaller> caller = CdsSecurity.caller(ctx);
                ctx.json(java.util.Map.of("caller", caller.map(VerifiedCaller::issuer).orElse("anonymous"),
                        "tenant", caller.map(VerifiedCaller::tenant).orElse("-")));
            });
            config.routes.get("/cds-services", ctx -> ctx.result("{\"services\":[]}"));
        }).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        insecureApp.stop();
    }

    private static HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String aud) {
        return "Bearer " + sign(EC, JWSAlgorithm.ES384, claims(NOW).audience(aud).build());
    }

    @Test
    void goodTokenReachesTheHandlerWithTheCaller() throws Exception {
        HttpResponse<String> r = post("/cds-services/svc", token("https://cds.example.org/cds-services/svc"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("caller").asText()).isEqualTo(TestTokens.ISS);
        assertThat(body.get("tenant").asText()).isEqualTo("trust-42");
    }

    @Test
    void discoveryIsProtectedToo() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/cds-services")).GET().build();
        assertThat(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest ok = HttpRequest.newBuilder(URI.create(base + "/cds-services"))
                .header("Authorization", token("https://cds.example.org/cds-services")).GET().build();
        assertThat(HTTP.send(ok, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> refusals() throws Exception {
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID("ec-1").build(),
                claims(NOW).audience("https://cds.example.org/cds-services/svc").build());
        hs.sign(new MACSigner(new byte[32]));
        String svc = "https://cds.example.org/cds-services/svc";
        return Stream.of(
                Arguments.of("missing header", null, "no Authorization header"),
                Arguments.of("malformed", "Bearer abc", "not a JWT in compact form"),
                Arguments.of("expired", "Bearer " + sign(EC, JWSAlgorithm.ES384, claims(NOW).audience(svc)
                        .expirationTime(Date.from(NOW.minusSeconds(120))).build()), "expired"),
                Arguments.of("future iat", "Bearer " + sign(EC, JWSAlgorithm.ES384, claims(NOW).audience(svc)
                        .issueTime(Date.from(NOW.plusSeconds(120))).build()), "issued in the future"),
                Arguments.of("wrong aud", token("http://127.0.0.1/cds-services/svc"), "is not the URL called, " + svc),
                Arguments.of("unknown issuer", "Bearer " + sign(EC, JWSAlgorithm.ES384, claims(NOW).audience(svc)
                        .issuer("https://other.example").build()), "not trusted"),
                Arguments.of("bad signature", "Bearer " + sign(TestTokens.ec("ec-1"), JWSAlgorithm.ES384,
                        claims(NOW).audience(svc).build()), "signature does not verify"),
                Arguments.of("missing jti", "Bearer " + sign(EC, JWSAlgorithm.ES384, claims(NOW).audience(svc)
                        .jwtID(null).build()), "no \"jti\""),
                Arguments.of("alg none", "Bearer " + new PlainJWT(new PlainHeader(), claims(NOW).audience(svc).build())
                        .serialize(), "alg \"none\""),
                Arguments.of("HS256", "Bearer " + hs.serialize(), "HMAC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusalsAre401ProblemJson(String name, String authorization, String detailPart) throws Exception {
        HttpResponse<String> r = post("/cds-services/svc", authorization);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("type").asText()).isEqualTo("about:blank");
        assertThat(p.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(p.get("status").asInt()).isEqualTo(401);
        assertThat(p.get("detail").asText()).contains(detailPart);
        String www = r.headers().firstValue("WWW-Authenticate").orElseThrow();
        if (authorization == null) {
            assertThat(www).isEqualTo("Bearer realm=\"cds-services\"");
        } else {
            assertThat(www).startsWith("Bearer realm=\"cds-services\", error=\"invalid_token\", error_description=\"");
            assertThat(r.body()).doesNotContain(authorization.substring("Bearer ".length()).split("\\.")[0] + ".");
        }
    }

    @Test
    void replayedTokenIs401() throws Exception {
        String t = token("https://cds.example.org/cds-services/svc");
        assertThat(post("/cds-services/svc", t).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("/cds-services/svc", t);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(again.body()).get("detail").asText()).contains("already used");
    }

    @Test
    void insecureDevAcceptsAnything() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + insecureApp.port() + "/cds-services/svc"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("caller").asText()).isEqualTo("anonymous");
        assertThat(CdsSecurity.INSECURE_DEV_WARNING).contains("NOT authenticated").contains("--insecure-dev");
        assertThat(CdsSecurity.insecureDev().isInsecure()).isTrue();
    }

    @Test
    void calledUrlFromTheRequestWhenNoPublicBaseIsConfigured() throws Exception {
        Javalin own = app(CdsSecurity.verifying(new TokenVerifier(TestTokens.issuers(CLOCK, EC), CLOCK)));
        try {
            String url = "http://127.0.0.1:" + own.port() + "/cds-services/svc";
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "?x=1")).header("Authorization", token(url))
                    .header("X-Forwarded-Host", "cds.example.org").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertThat(HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpRequest forwarded = HttpRequest.newBuilder(URI.create(url)).header("X-Forwarded-Host", "cds.example.org")
                    .header("X-Forwarded-Proto", "https")
                    .header("Authorization", token("https://cds.example.org/cds-services/svc"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertThat(HTTP.send(forwarded, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        } finally {
            own.stop();
        }
    }

    /**
     * Issue 11 item 9: without a public URL the audience came from the request's Host header, so a token
     * minted for another site, sent with that site's name as Host, was accepted. Sent over a raw socket,
     * since the JDK client will not set Host.
     */
    @Test
    void aTokenForTheSiteNamedInTheHostHeaderIsRefused() throws Exception {
        Javalin own = app(CdsSecurity.verifying(new TokenVerifier(TestTokens.issuers(CLOCK, EC), CLOCK)));
        try {
            String forged = "http://evil.example/cds-services/svc";
            assertThat(rawStatus(own.port(), "evil.example", token(forged))).isEqualTo(401);
            assertThat(rawStatus(own.port(), "127.0.0.1:" + own.port(),
                    token("http://127.0.0.1:" + own.port() + "/cds-services/svc"))).isEqualTo(200);
        } finally {
            own.stop();
        }
    }

    static int rawStatus(int port, String host, String authorization) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /cds-services/svc HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void corsPreflightPassesWithoutCredentials() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(base + "/cds-services/svc"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build();
        HttpResponse<String> r = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isLessThan(300);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase(java.util.Locale.ROOT))
                .contains("authorization").contains("content-type");

        HttpRequest actual = HttpRequest.newBuilder(URI.create(base + "/cds-services/svc"))
                .header("Origin", "https://sandbox.cds-hooks.org")
                .header("Authorization", token("https://cds.example.org/cds-services/svc"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> a = HTTP.send(actual, HttpResponse.BodyHandlers.ofString());
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        // a 401 carries the CORS header too, so a browser client can read why
        HttpRequest denied = HttpRequest.newBuilder(URI.create(base + "/cds-services/svc"))
                .header("Origin", "https://sandbox.cds-hooks.org").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> d = HTTP.send(denied, HttpResponse.BodyHandlers.ofString());
        assertThat(d.statusCode()).isEqualTo(401);
        assertThat(d.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
}
