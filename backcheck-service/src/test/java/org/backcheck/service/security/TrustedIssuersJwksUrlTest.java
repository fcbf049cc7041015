package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backcheck.service.security.TestTokens.AUD;
import static org.backcheck.service.security.TestTokens.ISS;
import static org.backcheck.service.security.TestTokens.NOW;
import static org.backcheck.service.security.TestTokens.claims;
import static org.backcheck.service.security.TestTokens.sign;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.backcheck.service.security.TestTokens.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An issuer whose keys are fetched from its jwks_url, served by a local Javalin on a random port. */
class TrustedIssuersJwksUrlTest {

    private final AtomicReference<String> served = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger fetches = new AtomicInteger();
    private Javalin jwksServer;
    private String jwksUrl;
    private MutableClock clock;
    private TokenVerifier verifier;

    @BeforeEach
    void start() {
        jwksServer = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/jwks.json", ctx -> {
                fetches.incrementAndGet();
                ctx.status(status.get()).contentType("application/json").result(served.get());
            });
        }).start();
        jwksUrl = "http://127.0.0.1:" + jwksServer.port() + "/jwks.json";
        clock = new MutableClock(NOW);
        TrustedIssuers issuers = TrustedIssuers.parse(
                "{\"issuers\":[{\"iss\":\"" + ISS + "\",\"jwks_url\":\"" + jwksUrl + "\"}]}", "test", clock);
        verifier = new TokenVerifier(issuers, clock);
    }

    @AfterEach
    void stop() {
        jwksServer.stop();
    }

    private String token(ECKey key) {
        return "Bearer " + sign(key, JWSAlgorithm.ES384, claims(clock.instant()).build());
    }

    @Test
    void fetchesOnceThenCaches() {
        served.set(TestTokens.jwks(TestTokens.EC));
        assertThat(fetches.get()).isZero();
        verifier.verify(token(TestTokens.EC), AUD);
        verifier.verify(token(TestTokens.EC), AUD);
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void keyRotation_unknownKidTriggersARateLimitedRefresh() {
        served.set(TestTokens.jwks(TestTokens.EC));
        verifier.verify(token(TestTokens.EC), AUD);

        ECKey rotated = TestTokens.ec("ec-2");
        served.set(TestTokens.jwks(TestTokens.EC, rotated));
        // within the rate limit: no refetch, so the new kid is unknown yet
        assertThatThrownBy(() -> verifier.verify(token(rotated), AUD)).hasMessageContaining("no key with kid 'ec-2'");
        assertThat(fetches.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(TrustedIssuers.MIN_REFRESH_SECONDS));
        assertThat(verifier.verify(token(rotated), AUD).issuer()).isEqualTo(ISS);
        assertThat(fetches.get()).isEqualTo(2);

        // a made-up kid right after cannot trigger another fetch
        assertThatThrownBy(() -> verifier.verify(token(TestTokens.ec("ec-bogus")), AUD)).hasMessageContaining("no key");
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void keepsCachedKeysWhenARefreshFails() {
        served.set(TestTokens.jwks(TestTokens.EC));
        verifier.verify(token(TestTokens.EC), AUD);
        status.set(500);
        clock.advance(Duration.ofMinutes(TrustedIssuers.CACHE_MINUTES + 1));
        assertThat(verifier.verify(token(TestTokens.EC), AUD)).isNotNull();
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void unreachableKeysAreA401NamingTheUrl() {
        status.set(404);
        served.set("nope");
        assertThatThrownBy(() -> verifier.verify(token(TestTokens.EC), AUD))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("could not be fetched from " + jwksUrl + " (HTTP 404)");
    }

    @Test
    void jkuMustBeTheConfiguredUrl() {
        served.set(TestTokens.jwks(TestTokens.EC));
        String good = sign(TestTokens.EC, new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(TestTokens.EC.getKeyID()).jwkURL(URI.create(jwksUrl)).build(), claims(NOW).build());
        assertThat(verifier.verify("Bearer " + good, AUD)).isNotNull();
        String evil = sign(TestTokens.EC, new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(TestTokens.EC.getKeyID()).jwkURL(URI.create("https://evil.example/jwks")).build(), claims(NOW).build());
        assertThatThrownBy(() -> verifier.verify("Bearer " + evil, AUD))
                .hasMessageContaining("\"jku\" 'https://evil.example/jwks' is not the key set URL configured");
    }
}
