package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jetty's per-connection header field cache must be too small for a bearer token: each CDS call
 * has a new one, and a token that fits fills the cache and makes Jetty clear it on every request
 * (issue 11, throughput of the hook path).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeaderCacheTest {

    @Test
    void theRunningServersHeaderCacheIsSmallerThanTheShortestCdsHooksToken() throws Exception {
        AtomicInteger cacheChars = new AtomicInteger(-1);
        try (BackcheckServer server = BackcheckServer.builder().requestLog(line -> { }).build().start("127.0.0.1", 0)) {
            cacheChars.set(server.headerCacheChars());
        }
        // The smallest token CDS Hooks allows: ES384 (the shorter signature), a one-letter kid and
        // the required claims with one-character values.
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID("k").build(),
                new JWTClaimsSet.Builder().issuer("i").audience("a").jwtID("j").issueTime(new Date())
                        .expirationTime(new Date()).build());
        jwt.sign(new ECDSASigner(key));
        assertThat(cacheChars.get()).isPositive().isLessThan(jwt.serialize().length());
    }
}
