package org.backcheck.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The signature check of a CDS Hooks bearer token, the largest cost on the hook path
 * (bench/cds-verify.sh runs it). Compares, through nimbus-jose-jwt as the service uses it:
 * <ul>
 *   <li>{@code ES384} (P-384 ECDSA) with the JDK's SunEC provider and with BouncyCastle's;</li>
 *   <li>{@code RS384} (RSA 2048, PKCS#1 v1.5) with the JDK's SunRsaSign and with BouncyCastle's;</li>
 * </ul>
 * and, for each, {@code verifyWithNewVerifier} (a verifier built from the JWK for every token, as
 * the service did before) against {@code verifyWithKeptVerifier} (one verifier per key, as it does
 * now). {@code parse} is the compact-form parse of the token (base64 and the two JSON parts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenSignatureBenchmark {

    /** Algorithm and provider: ES384-JDK, ES384-BC, RS384-JDK or RS384-BC. */
    @Param({"ES384-JDK", "ES384-BC", "RS384-JDK", "RS384-BC"})
    public String variant;

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private JWK publicKey;
    private String token;
    private SignedJWT parsed;
    private JWSVerifier kept;

    @Setup
    public void setUp() throws JOSEException {
        boolean ec = variant.startsWith("ES384");
        JWK privateKey = ec ? new ECKeyGenerator(Curve.P_384).keyID("k").generate()
                : new RSAKeyGenerator(2048).keyID("k").generate();
        JWSSigner signer = ec ? new ECDSASigner((ECKey) privateKey) : new RSASSASigner((RSAKey) privateKey);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://ehr.example.org")
                .audience("http://127.0.0.1:8080/cds-services/lumbar-imaging-order-sign")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .jwtID("0b2c8f1e-3d4a-4b5c-9d6e-7f8091a2b3c4").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384)
                .type(JOSEObjectType.JWT).keyID("k").build(), claims);
        jwt.sign(signer);
        token = jwt.serialize();
        publicKey = privateKey.toPublicJWK();
        parsed = parseToken();
        kept = newVerifier();
        if (!parsed.verify(kept)) {
            throw new IllegalStateException("the benchmark's own token does not verify with " + variant);
        }
    }

    /** As the service builds it (SignatureVerifiers): for BouncyCastle, the EC key converted to its own class. */
    private JWSVerifier newVerifier() throws JOSEException {
        boolean bc = variant.endsWith("-BC");
        JWSVerifier v;
        if (publicKey instanceof ECKey ec) {
            v = new ECDSAVerifier(bc ? bouncyCastleKey(ec.toECPublicKey()) : ec.toECPublicKey());
        } else {
            v = new RSASSAVerifier((RSAKey) publicKey);
        }
        if (bc) {
            v.getJCAContext().setProvider(BC);
        }
        return v;
    }

    private static ECPublicKey bouncyCastleKey(ECPublicKey key) throws JOSEException {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new JOSEException(e.getMessage(), e);
        }
    }

    private SignedJWT parseToken() {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public boolean verifyWithKeptVerifier() throws JOSEException {
        return parsed.verify(kept);
    }

    @Benchmark
    public boolean verifyWithNewVerifier() throws JOSEException {
        return parsed.verify(newVerifier());
    }

    @Benchmark
    public Object parse() throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }
}
