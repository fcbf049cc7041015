package org.backcheck.service;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token that opens the administrators' routes ({@code GET /api/feedback/summary}), kept apart from
 * the EHRs' CDS Hooks tokens: an EHR that may call the hooks may not read the service's statistics. Without a
 * token the routes are off (403, saying how to turn them on).
 *
 * <p>The presented token is compared with the configured one in constant time: both are hashed with SHA-256
 * and the digests compared with {@link MessageDigest#isEqual}, so neither the content nor the length of the
 * configured token shows in the time a refusal takes (OWASP Authentication Cheat Sheet; RFC 6750 §2.1 for
 * the header's form).
 */
public final class AdminToken {

    /** Shorter tokens are refused at start: a guessable token guards nothing. */
    public static final int MIN_LENGTH = 16;

    private static final AdminToken OFF = new AdminToken(null);

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** The administrators' routes are off. */
    public static AdminToken off() {
        return OFF;
    }

    /**
     * @throws IllegalArgumentException for a token under {@link #MIN_LENGTH} characters or with spaces or
     *     control characters (it could not be sent in a header); the message does not repeat it
     */
    public static AdminToken of(String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the admin token must be at least " + MIN_LENGTH
                    + " characters long; make one with: openssl rand -hex 32");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("the admin token must be printable ASCII without spaces "
                    + "(it is sent in an HTTP header); make one with: openssl rand -hex 32");
        }
        return new AdminToken(sha256(token));
    }

    /** Whether the routes are on. */
    public boolean isOn() {
        return digest != null;
    }

    /**
     * Lets the request through, or refuses it: 403 when the routes are off; 401 with
     * {@code WWW-Authenticate: Bearer} when the token is missing or wrong.
     */
    public void check(Context ctx) {
        if (digest == null) {
            throw ProblemException.forbidden("The feedback summary is off. Start the server with --admin-token-file FILE "
                    + "(a file holding a long random token) and send 'Authorization: Bearer TOKEN' to read it.");
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"admin\"");
            throw new ProblemException(401, "Send the admin token: 'Authorization: Bearer TOKEN'.", null);
        }
        if (!MessageDigest.isEqual(digest, sha256(header.substring(7).strip()))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"admin\", error=\"invalid_token\"");
            throw new ProblemException(401, "The admin token is not the one this server was started with.", null);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "admin token: none" : "admin token: set";
    }
}
