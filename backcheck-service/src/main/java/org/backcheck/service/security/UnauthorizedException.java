package org.backcheck.service.security;

import java.util.Objects;
import org.backcheck.service.ProblemException;

/**
 * A CDS Hooks request whose bearer token is missing or not acceptable. The message is the reason,
 * written for the caller's integrator (it becomes the 401's {@code detail}); it never contains the
 * token itself. A 401 problem; {@link CdsSecurity#writeUnauthorized} adds the {@code WWW-Authenticate} header.
 */
public final class UnauthorizedException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** True when the request carried no credentials at all (RFC 6750 §3.1: no {@code error} code then). */
    private final boolean missingCredentials;

    public UnauthorizedException(String reason) {
        this(reason, false);
    }

    UnauthorizedException(String reason, boolean missingCredentials) {
        super(401, Objects.requireNonNull(reason, "reason"), null);
        this.missingCredentials = missingCredentials;
    }

    /** Why the token was refused, e.g. {@code the token expired at 2025-01-01T10:00:00Z}. */
    public String reason() {
        return getMessage();
    }

    /** Whether the request had no {@code Authorization} header at all. */
    public boolean missingCredentials() {
        return missingCredentials;
    }
}
