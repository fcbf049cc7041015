package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backcheck.service.security.TestTokens.AUD;
import static org.backcheck.service.security.TestTokens.EC;
import static org.backcheck.service.security.TestTokens.NOW;
import static org.backcheck.service.security.TestTokens.RSA;
import static org.backcheck.service.security.TestTokens.claims;
import static org.backcheck.service.security.TestTokens.sign;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.backcheck.service.security.TestTokens.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verifiers kept per trusted key ({@link SignatureVerifiers}) and the BouncyCastle ES384 path:
 * kept per whole key (not per kid), bounded, and still refusing every forged or altered signature.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignatureVerifiersTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final TokenVerifier verifier = new TokenVerifier(TestTokens.issuers(clock, EC, RSA), clock);

    @Test
    void keepsOneVerifierPerKeyAndANewOneForAKeyRotatedUnderTheSameKid() throws Exception {
        SignatureVerifiers verifiers = new SignatureVerifiers();
        JWK published = EC.toPublicJWK();
        JWSVerifier first = verifiers.forKey(published);
        assertThat(verifiers.forKey(JWK.parse(published.toJSONString()))).isSameAs(first);
        JWK rotated = TestTokens.ec(EC.getKeyID()).toPublicJWK();
        assertThat(verifiers.forKey(rotated)).isNotSameAs(first);
        assertThat(verifiers.forKey(RSA.toPublicJWK())).isInstanceOf(RSASSAVerifier.class);
        assertThat(verifiers.size()).isEqualTo(3);
    }

    @Test
    void verifiesEs384WithBouncyCastleWithoutRegisteringItForTheWholeJvm() throws Exception {
        JWSVerifier es = new SignatureVerifiers().forKey(EC.toPublicJWK());
        assertThat(es).isInstanceOf(ECDSAVerifier.class);
        assertThat(es.getJCAContext().getProvider().getName()).isEqualTo("BC");
        assertThat(Security.getProvider("BC")).isNull();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfVerifiers() throws Exception {
        SignatureVerifiers verifiers = new SignatureVerifiers(3);
        for (int i = 0; i < 7; i++) {
            verifiers.forKey(TestTokens.ec("k" + i).toPublicJWK());
            assertThat(verifiers.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void acceptsTheSameKeysTokensAgainAndAgain() {
        for (int i = 0; i < 20; i++) {
            String jti = "jti-" + i;
            JWSAlgorithm alg = i % 2 == 0 ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
            String token = sign(i % 2 == 0 ? EC : RSA, alg, claims(NOW).jwtID(jti).build());
            assertThat(verifier.verify("Bearer " + token, AUD).jti()).isEqualTo(jti);
        }
    }

    @Test
    void refusesEveryAlteredEs384AndRs384Signature() {
        for (JWK key : List.of(EC, RSA)) {
            JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
            String[] parts = sign(key, alg, claims(NOW).build()).split("\\.");
            byte[] signature = new Base64URL(parts[2]).decode();
            for (int at : new int[] {0, signature.length / 2 - 1, signature.length / 2, signature.length - 1}) {
                byte[] altered = signature.clone();
                altered[at] ^= 0x01;
                refused(parts[0] + "." + parts[1] + "." + Base64URL.encode(altered), alg + " byte " + at);
            }
            refused(parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[signature.length]), alg + " all zero");
            byte[] shorter = java.util.Arrays.copyOf(signature, signature.length - 1);
            refused(parts[0] + "." + parts[1] + "." + Base64URL.encode(shorter), alg + " one byte short");
        }
    }

    @Test
    void refusesEs384SignatureWithAZeroHalf() {
        String[] parts = sign(EC, JWSAlgorithm.ES384, claims(NOW).build()).split("\\.");
        byte[] signature = new Base64URL(parts[2]).decode();   // R || S, 48 bytes each (RFC 7518 §3.4)
        byte[] zeroS = signature.clone();
        java.util.Arrays.fill(zeroS, 48, 96, (byte) 0);
        byte[] zeroR = signature.clone();
        java.util.Arrays.fill(zeroR, 0, 48, (byte) 0);
        refused(parts[0] + "." + parts[1] + "." + Base64URL.encode(zeroS), "S = 0");
        refused(parts[0] + "." + parts[1] + "." + Base64URL.encode(zeroR), "R = 0");
    }

    @Test
    void sharedVerifiersGiveTheRightAnswerFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    JWSAlgorithm alg = n % 2 == 0 ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
                    String token = sign(n % 2 == 0 ? EC : RSA, alg, claims(NOW).jwtID("t-" + n).build());
                    if (n % 4 < 2) {   // every other pair is altered in its payload: must be refused
                        String[] parts = token.split("\\.");
                        String other = sign(EC, JWSAlgorithm.ES384, claims(NOW).subject("x" + n).build()).split("\\.")[1];
                        token = parts[0] + "." + other + "." + parts[2];
                    }
                    try {
                        verifier.verify("Bearer " + token, AUD);
                        return true;
                    } catch (UnauthorizedException e) {
                        return false;
                    }
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).as("token %d", i).isEqualTo(i % 4 >= 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void refused(String token, String what) {
        assertThatThrownBy(() -> verifier.verify("Bearer " + token, AUD)).as(what)
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("signature");
    }
}
