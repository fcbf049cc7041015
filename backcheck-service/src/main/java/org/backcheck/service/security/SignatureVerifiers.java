package org.backcheck.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The signature verifiers for trusted public keys, built once per key and kept: building one
 * decodes the JWK into a JCA public key and checks that an EC point lies on its curve, which the
 * hook path used to repeat for every request.
 *
 * <p><b>What is kept</b> is keyed on the whole public JWK ({@link JWK#equals} compares every key
 * parameter, not just the {@code kid}), so a key rotated under the same {@code kid} gets a verifier
 * of its own. No verification <em>result</em> is kept: every token's signature is checked.
 * At most {@value #MAX_KEYS} verifiers are kept; beyond that the set is emptied and rebuilt as
 * keys are used, so keys fetched from a JWKS URL over a long run cannot grow it without bound.
 *
 * <p><b>ES384</b> (ECDSA on P-384, RFC 7518 §3.4) is verified with BouncyCastle's provider, which
 * the JMH benchmark {@code TokenSignatureBenchmark} (backcheck-bench; bench/cds-verify.sh) measured
 * several times faster than the JDK 17 SunEC provider. The provider is handed to nimbus-jose-jwt's
 * verifier through its JCA context only; it is never registered with
 * {@link java.security.Security}, so nothing else in the JVM (TLS, the JDBC drivers) changes
 * provider. nimbus still checks the signature's length and that neither half is zero before it
 * reaches the provider. The public key is converted once into BouncyCastle's own key class, whose
 * decoding validates the point again and which lets the provider keep its per-key precomputation.
 * <b>RS384</b> (RFC 7518 §3.3) stays with the JDK's provider, which the same benchmark found at
 * least as fast.
 *
 * <p>The nimbus verifiers are stateless after construction and safe to share between threads.
 */
final class SignatureVerifiers {

    static final int MAX_KEYS = 1024;

    /** Used only through this class's verifiers; see the class comment. */
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Map<JWK, JWSVerifier> kept = new ConcurrentHashMap<>();
    private final int maxKeys;

    SignatureVerifiers() {
        this(MAX_KEYS);
    }

    /** @param maxKeys how many verifiers to keep at most (tests use a small number) */
    SignatureVerifiers(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /**
     * The verifier for a trusted public key: ECDSA for an EC key, RSASSA for an RSA key.
     *
     * @throws JOSEException the key cannot be used (e.g. its point is not on its curve)
     * @throws IllegalArgumentException the key is neither EC nor RSA
     */
    JWSVerifier forKey(JWK key) throws JOSEException {
        JWSVerifier verifier = kept.get(key);
        if (verifier != null) {
            return verifier;
        }
        verifier = build(key);
        if (kept.size() >= maxKeys) {
            kept.clear();
        }
        JWSVerifier raced = kept.putIfAbsent(key, verifier);
        return raced != null ? raced : verifier;
    }

    /** How many verifiers are kept now (for tests). */
    int size() {
        return kept.size();
    }

    private static JWSVerifier build(JWK key) throws JOSEException {
        if (key instanceof ECKey ec) {
            ECDSAVerifier verifier = new ECDSAVerifier(bouncyCastleKey(ec.toECPublicKey()));
            verifier.getJCAContext().setProvider(BOUNCY_CASTLE);
            return verifier;
        }
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        throw new IllegalArgumentException("no signature verifier for a key of type " + key.getKeyType());
    }

    /** The same public key as BouncyCastle's key class, by way of its X.509 SubjectPublicKeyInfo encoding. */
    private static ECPublicKey bouncyCastleKey(ECPublicKey key) throws JOSEException {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC", BOUNCY_CASTLE)
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new JOSEException("the EC public key could not be decoded: " + e.getMessage(), e);
        }
    }
}
