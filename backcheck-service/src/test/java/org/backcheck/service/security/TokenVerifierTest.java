package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backcheck.service.security.TestTokens.AUD;
import static org.backcheck.service.security.TestTokens.EC;
import static org.backcheck.service.security.TestTokens.ISS;
import static org.backcheck.service.security.TestTokens.NOW;
import static org.backcheck.service.security.TestTokens.RSA;
import static org.backcheck.service.security.TestTokens.claims;
import static org.backcheck.service.security.TestTokens.es384;
import static org.backcheck.service.security.TestTokens.sign;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.backcheck.service.security.TestTokens.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TokenVerifier} against the CDS Hooks 2.0 "Trusting CDS Clients" rules, with real keys. */
class TokenVerifierTest {

    private MutableClock clock;
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        verifier = new TokenVerifier(TestTokens.issuers(clock, EC, RSA), clock);
    }

    private VerifiedCaller verify(String token) {
        return verifier.verify("Bearer " + token, AUD);
    }

    private void refused(String header, String reasonPart) {
        assertThatThrownBy(() -> verifier.verify(header, AUD))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining(reasonPart);
    }

    private void refusedToken(String token, String reasonPart) {
        refused("Bearer " + token, reasonPart);
    }

    @Test
    void acceptsEs384() {
        VerifiedCaller caller = verify(es384(c -> c.jwtID("jti-1")));
        assertThat(caller).isEqualTo(new VerifiedCaller(ISS, "client-1", "trust-42", "jti-1",
                NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void acceptsRs384() {
        VerifiedCaller caller = verify(sign(RSA, JWSAlgorithm.RS384, claims(NOW).build()));
        assertThat(caller.issuer()).isEqualTo(ISS);
    }

    @Test
    void acceptsAudienceArrayAndBearerInAnyCase() {
        String token = es384(c -> c.audience(List.of("https://elsewhere.example", AUD)));
        assertThat(verifier.verify("bearer " + token, AUD).issuer()).isEqualTo(ISS);
    }

    @Test
    void refusesATokenNotYetValidBeyondTheSkewAsForIat() {
        // Issue 11 item 10: nbf in the future was accepted. RFC 7519 section 4.1.5, with the iat skew.
        refusedToken(es384(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(TokenVerifier.SKEW_SECONDS + 5)))),
                "not valid before");
        assertThat(verify(es384(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(TokenVerifier.SKEW_SECONDS - 5))))))
                .isNotNull();
        assertThat(verify(es384(c -> c.notBeforeTime(Date.from(NOW.minusSeconds(30)))))).isNotNull();
    }

    @Test
    void audienceIgnoresOneTrailingSlashOnly() {
        assertThat(verifier.verify("Bearer " + es384(c -> c.audience(AUD + "/")), AUD)).isNotNull();
        assertThat(verifier.verify("Bearer " + es384(c -> c.audience(AUD)), AUD + "/")).isNotNull();
        refusedToken(es384(c -> c.audience(AUD.toUpperCase(java.util.Locale.ROOT))), "is not the URL called");
        refusedToken(es384(c -> c.audience(AUD + "//")), "is not the URL called");
    }

    @Test
    void refusesMissingHeader() {
        assertThatThrownBy(() -> verifier.verify(null, AUD)).isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("no Authorization header")
                .satisfies(e -> assertThat(((UnauthorizedException) e).missingCredentials()).isTrue());
        refused("  ", "no Authorization header");
    }

    @Test
    void refusesMalformedHeaderAndToken() {
        refused("Basic dXNlcjpwYXNz", "not a Bearer token");
        refused("Bearer", "not a Bearer token");
        refused("Bearer a b", "must be \"Bearer\", one space and the token");
        refused("Bearer not-a-jwt", "not a JWT in compact form");
        refused("Bearer e30.e30", "not a JWT in compact form");
        refused("Bearer " + "x".repeat(20_000), "longer than");
    }

    @Test
    void refusesExpiredBeyondSkew() {
        String token = es384(c -> c.expirationTime(Date.from(NOW.minusSeconds(61))));
        refusedToken(token, "expired at 2025-03-01T09:58:59Z");
        // within the 60 s skew: accepted
        assertThat(verify(es384(c -> c.expirationTime(Date.from(NOW.minusSeconds(59)))))).isNotNull();
    }

    @Test
    void refusesIssuedInTheFutureBeyondSkew() {
        refusedToken(es384(c -> c.issueTime(Date.from(NOW.plusSeconds(61)))), "issued in the future");
        assertThat(verify(es384(c -> c.issueTime(Date.from(NOW.plusSeconds(59)))))).isNotNull();
    }

    @Test
    void refusesLongLivedTokens() {
        refusedToken(es384(c -> c.expirationTime(Date.from(NOW.plus(Duration.ofHours(2))))), "more than 60 minutes");
    }

    @Test
    void refusesMissingClaims() {
        refusedToken(es384(c -> c.jwtID(null)), "no \"jti\" claim");
        refusedToken(es384(c -> c.expirationTime(null)), "no \"exp\" claim");
        refusedToken(es384(c -> c.issueTime(null)), "no \"iat\" claim");
        refusedToken(es384(c -> c.audience((String) null)), "no \"aud\" claim");
        refusedToken(es384(c -> c.issuer(null)), "no \"iss\" claim");
    }

    @Test
    void refusesWrongAudience() {
        refusedToken(es384(c -> c.audience("https://cds.example.org/cds-services/other")),
                "is not the URL called, " + AUD);
    }

    @Test
    void refusesUnknownIssuer() {
        refusedToken(es384(c -> c.issuer("https://evil.example")), "issuer 'https://evil.example' is not trusted");
    }

    @Test
    void refusesSignatureByAnotherKeyWithTheSameKid() {
        ECKey impostor = TestTokens.ec(EC.getKeyID());
        refusedToken(sign(impostor, JWSAlgorithm.ES384, claims(NOW).build()), "signature does not verify");
    }

    @Test
    void refusesUnknownKid() {
        refusedToken(sign(TestTokens.ec("ec-unknown"), JWSAlgorithm.ES384, claims(NOW).build()),
                "no key with kid 'ec-unknown'");
    }

    @Test
    void refusesTamperedPayload() {
        String[] parts = es384(c -> c).split("\\.");
        String other = es384(c -> c.subject("someone-else")).split("\\.")[1];
        refusedToken(parts[0] + "." + other + "." + parts[2], "signature does not verify");
    }

    @Test
    void refusesReplayedJti() {
        String token = es384(c -> c.jwtID("once"));
        assertThat(verify(token)).isNotNull();
        refusedToken(token, "already used (jti 'once')");
        // a different token with the same jti from the same issuer is a replay too
        refusedToken(sign(RSA, JWSAlgorithm.RS384, claims(NOW).jwtID("once").build()), "already used");
    }

    @Test
    void replayCacheForgetsExpiredTokensAndIsBounded() {
        ReplayCache cache = new ReplayCache(2);
        assertThat(cache.firstUse(ISS, "a", NOW.plusSeconds(10), NOW)).isTrue();
        assertThat(cache.firstUse(ISS, "a", NOW.plusSeconds(10), NOW)).isFalse();
        assertThat(cache.firstUse("other", "a", NOW.plusSeconds(10), NOW)).isTrue();
        assertThat(cache.firstUse(ISS, "b", NOW.plusSeconds(20), NOW)).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.firstUse(ISS, "b", NOW.plusSeconds(20), NOW.plusSeconds(15))).isFalse();
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.firstUse(ISS, "b", NOW.plusSeconds(40), NOW.plusSeconds(21))).isTrue();
    }

    @Test
    void replayIsRemembered_untilExpiryPlusSkew() {
        String token = es384(c -> c.jwtID("late"));
        verify(token);
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        refusedToken(token, "already used");
        clock.advance(Duration.ofSeconds(2));
        refusedToken(token, "expired");
    }

    @Test
    void refusesAlgNone() {
        String token = new PlainJWT(claims(NOW).build()).serialize();
        refusedToken(token, "unsigned (alg \"none\")");
    }

    @Test
    void refusesHmac() throws JOSEException {
        byte[] secret = "a shared secret of at least 256 bits!!".getBytes(StandardCharsets.US_ASCII);
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(EC.getKeyID()).build(),
                    claims(NOW).build());
            jwt.sign(new MACSigner(new byte[64]));
            refusedToken(jwt.serialize(), alg.getName() + ", a shared-secret (HMAC) algorithm");
            SignedJWT jwt2 = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims(NOW).build());
            jwt2.sign(new MACSigner(java.util.Arrays.copyOf(secret, 64)));
            refusedToken(jwt2.serialize(), "HMAC");
        }
    }

    @Test
    void refusesOtherAsymmetricAlgorithms() {
        refusedToken(sign(RSA, JWSAlgorithm.RS256, claims(NOW).build()), "'RS256'; this service accepts ES384 or RS384");
        refusedToken(sign(RSA, JWSAlgorithm.PS384, claims(NOW).build()), "accepts ES384 or RS384");
    }

    @Test
    void refusesKeyOfTheWrongTypeForTheAlgorithm() {
        // an RS384 header naming the EC key's kid
        refusedToken(sign(RSA, new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT).keyID(EC.getKeyID()).build(),
                claims(NOW).build()), "which cannot verify RS384");
    }

    @Test
    void refusesHeaderWithoutKidOrTyp() {
        refusedToken(sign(EC, new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).build(), claims(NOW).build()),
                "no \"kid\"");
        refusedToken(sign(EC, new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(EC.getKeyID()).build(), claims(NOW).build()),
                "\"typ\" must be \"JWT\"");
    }

    @Test
    void neverEchoesTheToken() {
        String token = es384(c -> c.audience("https://wrong.example"));
        assertThatThrownBy(() -> verify(token)).hasMessageNotContaining(token.split("\\.")[2]);
    }
}
