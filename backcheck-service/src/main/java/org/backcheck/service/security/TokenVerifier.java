package org.backcheck.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the bearer token of a CDS Hooks 2.0 request ("Trusting CDS Clients"): a JWS in compact
 * form, header {@code alg} ES384 or RS384 ({@code none} and every HMAC algorithm refused, as the
 * specification requires; other asymmetric algorithms refused too, since the trusted keys are
 * checked for exactly these two), {@code typ} JWT and a {@code kid}; signed by a key of a trusted
 * issuer; claims {@code iss}, {@code aud}, {@code exp}, {@code iat} and {@code jti}, and {@code nbf} when present.
 *
 * <p>Decisions, each a reason for a 401:
 * <ul>
 *   <li><b>aud</b> must equal the URL that was called (taken from configuration, see {@link Audience}) — as a string or as one element of an array.
 *       The only normalisation is that one trailing {@code /} is ignored on either side;
 *       scheme, host, port, case and percent-encoding must match exactly.</li>
 *   <li><b>Clock skew</b> of up to {@value #SKEW_SECONDS} s is allowed between the client's and this
 *       server's clocks: a token is accepted until {@code exp + 60 s}, and {@code iat} may be up to
 *       60 s in the future, and so may {@code nbf} (RFC 7519 section 4.1.5: a token used before its
 *       {@code nbf} is refused; issue 11 item 10).</li>
 *   <li><b>Lifetime</b>: {@code exp} more than {@value #MAX_LIFETIME_MINUTES} minutes (plus skew)
 *       in the future is refused. CDS Hooks tokens are minted per request and short-lived; the
 *       limit also bounds how long a {@code jti} must be remembered.</li>
 *   <li><b>Replay</b>: the same {@code iss} + {@code jti} is accepted once; it is remembered until
 *       the token expires (plus skew), in memory, at most {@value #DEFAULT_REPLAY_ENTRIES} entries
 *       (see {@link ReplayCache}). A restart forgets them; so does a second instance.</li>
 *   <li><b>jku</b> is never fetched. If present it must equal the issuer's configured
 *       {@code jwks_url}; for an issuer whose keys are in the file it is ignored, since the keys
 *       come only from the file.</li>
 * </ul>
 * Thread-safe.
 */
public final class TokenVerifier {

    public static final int SKEW_SECONDS = 60;
    public static final int MAX_LIFETIME_MINUTES = 60;
    public static final int DEFAULT_REPLAY_ENTRIES = 100_000;

    private static final Duration SKEW = Duration.ofSeconds(SKEW_SECONDS);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(MAX_LIFETIME_MINUTES);
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final int MAX_ECHO_CHARS = 200;

    private final TrustedIssuers issuers;
    private final Clock clock;
    private final ReplayCache replay;
    private final SignatureVerifiers signatures = new SignatureVerifiers();

    public TokenVerifier(TrustedIssuers issuers, Clock clock) {
        this(issuers, clock, DEFAULT_REPLAY_ENTRIES);
    }

    TokenVerifier(TrustedIssuers issuers, Clock clock, int replayEntries) {
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replay = new ReplayCache(replayEntries);
    }

    /**
     * Verifies a request's credentials.
     *
     * @param authorizationHeader the {@code Authorization} header's value, or null if absent
     * @param calledUrl           the URL of the endpoint called, without query string (see
     *                            {@link CdsSecurity#calledUrl})
     * @return the verified caller
     * @throws UnauthorizedException saying what is wrong
     */
    public VerifiedCaller verify(String authorizationHeader, String calledUrl) {
        Objects.requireNonNull(calledUrl, "calledUrl");
        SignedJWT jwt = parse(bearerToken(authorizationHeader));
        JWSHeader header = jwt.getHeader();
        checkAlgorithm(header.getAlgorithm());
        if (header.getType() == null || !JOSEObjectType.JWT.getType().equalsIgnoreCase(header.getType().getType())) {
            throw new UnauthorizedException("the token header's \"typ\" must be \"JWT\"");
        }
        String kid = header.getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new UnauthorizedException("the token header has no \"kid\" naming the signing key");
        }
        JWTClaimsSet claims = claims(jwt);
        String iss = claims.getIssuer();
        if (iss == null || iss.isBlank()) {
            throw new UnauthorizedException("the token has no \"iss\" claim");
        }
        IssuerKeys keys = issuers.keysOf(iss);
        if (keys == null) {
            throw new UnauthorizedException("the issuer " + quote(iss) + " is not trusted by this service");
        }
        URI jku = header.getJWKURL();
        if (jku != null && keys.jwksUrl() != null && !jku.toString().equals(keys.jwksUrl().toString())) {
            throw new UnauthorizedException("the token's \"jku\" " + quote(jku.toString())
                    + " is not the key set URL configured for its issuer");
        }
        JWK key = keys.find(kid);
        if (key == null) {
            throw new UnauthorizedException("the issuer has no key with kid " + quote(kid));
        }
        if (!verifies(jwt, header.getAlgorithm(), key)) {
            throw new UnauthorizedException("the token's signature does not verify with the issuer's key " + quote(kid));
        }
        return checkClaims(claims, iss, calledUrl);
    }

    private static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw new UnauthorizedException("the request has no Authorization header; CDS Hooks requires "
                    + "\"Authorization: Bearer <JWT>\"", true);
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw new UnauthorizedException("the Authorization header is not a Bearer token; CDS Hooks requires "
                    + "\"Authorization: Bearer <JWT>\"");
        }
        String token = h.substring(space + 1).strip();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            throw new UnauthorizedException("the Authorization header must be \"Bearer\", one space and the token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new UnauthorizedException("the bearer token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        return token;
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new UnauthorizedException("the bearer token is not a JWT in compact form (header.payload.signature)");
        }
        if (jwt instanceof PlainJWT) {
            throw new UnauthorizedException("the token is unsigned (alg \"none\"); CDS Hooks forbids it; sign with ES384 or RS384");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new UnauthorizedException("the token is encrypted (JWE); CDS Hooks tokens are signed JWS");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new UnauthorizedException("the token is not a signed JWT");
        }
        return signed;
    }

    private static void checkAlgorithm(JWSAlgorithm alg) {
        if (ACCEPTED.contains(alg)) {
            return;
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw new UnauthorizedException("the token is signed with " + alg.getName() + ", a shared-secret (HMAC) "
                    + "algorithm, which CDS Hooks forbids; sign with ES384 or RS384");
        }
        throw new UnauthorizedException("the token is signed with " + quote(alg.getName())
                + "; this service accepts ES384 or RS384");
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new UnauthorizedException("the token's payload is not a JSON claims set");
        }
    }

    private boolean verifies(SignedJWT jwt, JWSAlgorithm alg, JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw new UnauthorizedException("the key " + quote(key.getKeyID()) + " is not a signing key (use "
                    + quote(key.getKeyUse().identifier()) + ")");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            throw new UnauthorizedException("the key " + quote(key.getKeyID()) + " is for " + key.getAlgorithm().getName()
                    + " but the token says " + alg.getName());
        }
        if (!(alg.equals(JWSAlgorithm.ES384) && key instanceof ECKey || alg.equals(JWSAlgorithm.RS384) && key instanceof RSAKey)) {
            throw new UnauthorizedException("the key " + quote(key.getKeyID()) + " is " + key.getKeyType()
                    + ", which cannot verify " + alg.getName());
        }
        try {
            return jwt.verify(signatures.forKey(key));
        } catch (JOSEException e) {
            throw new UnauthorizedException("the token's signature could not be checked with the key "
                    + quote(key.getKeyID()));
        }
    }

    private VerifiedCaller checkClaims(JWTClaimsSet claims, String iss, String calledUrl) {
        Instant now = clock.instant();
        List<String> aud = claims.getAudience();
        if (aud.isEmpty()) {
            throw new UnauthorizedException("the token has no \"aud\" claim; it must be the URL called, " + calledUrl);
        }
        String called = withoutTrailingSlash(calledUrl);
        if (aud.stream().noneMatch(a -> withoutTrailingSlash(a).equals(called))) {
            throw new UnauthorizedException("the token's \"aud\" " + quote(String.join(", ", aud))
                    + " is not the URL called, " + calledUrl);
        }
        Instant exp = instant(claims.getExpirationTime());
        if (exp == null) {
            throw new UnauthorizedException("the token has no \"exp\" claim");
        }
        if (now.isAfter(exp.plus(SKEW))) {
            throw new UnauthorizedException("the token expired at " + exp + " (this server's time is " + now
                    + "; " + SKEW_SECONDS + " s of clock skew allowed)");
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw new UnauthorizedException("the token expires at " + exp + ", more than " + MAX_LIFETIME_MINUTES
                    + " minutes from now; use short-lived tokens");
        }
        Instant iat = instant(claims.getIssueTime());
        if (iat == null) {
            throw new UnauthorizedException("the token has no \"iat\" claim");
        }
        if (iat.isAfter(now.plus(SKEW))) {
            throw new UnauthorizedException("the token was issued in the future, at " + iat + " (this server's time is "
                    + now + "; " + SKEW_SECONDS + " s of clock skew allowed)");
        }
        Instant nbf = instant(claims.getNotBeforeTime());
        if (nbf != null && nbf.isAfter(now.plus(SKEW))) {
            throw new UnauthorizedException("the token is not valid before " + nbf + " (this server's time is " + now
                    + "; " + SKEW_SECONDS + " s of clock skew allowed)");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new UnauthorizedException("the token has no \"jti\" claim; CDS Hooks requires one against replay");
        }
        String tenant;
        try {
            tenant = claims.getStringClaim("tenant");
        } catch (ParseException e) {
            throw new UnauthorizedException("the token's \"tenant\" claim must be a string");
        }
        if (!replay.firstUse(iss, jti, exp.plus(SKEW), now)) {
            throw new UnauthorizedException("the token was already used (jti " + quote(jti)
                    + "); CDS clients must mint a new token for each request");
        }
        return new VerifiedCaller(iss, claims.getSubject(), tenant, jti, exp);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Quotes a value from the token for a message, cut short and stripped of control characters. */
    static String quote(String value) {
        String v = value.length() > MAX_ECHO_CHARS ? value.substring(0, MAX_ECHO_CHARS) + "…" : value;
        StringBuilder sb = new StringBuilder("'");
        v.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.append('\'').toString();
    }
}
