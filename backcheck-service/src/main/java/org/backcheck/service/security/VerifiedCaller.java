package org.backcheck.service.security;

import java.time.Instant;
import java.util.Objects;

/**
 * The CDS client a request came from, as its verified JWT says.
 *
 * @param issuer  {@code iss}: the trusted issuer whose key signed the token
 * @param subject {@code sub}, or null when the token has none (CDS Hooks does not require it)
 * @param tenant  {@code tenant}: the healthcare organisation calling, or null when absent
 * @param jti     {@code jti}: the token's unique id (already checked against replay)
 * @param expiry  {@code exp}
 */
public record VerifiedCaller(String issuer, String subject, String tenant, String jti, Instant expiry) {
    public VerifiedCaller {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiry, "expiry");
    }
}
