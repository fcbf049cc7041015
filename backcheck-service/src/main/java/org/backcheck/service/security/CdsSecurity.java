package org.backcheck.service.security;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The CDS Hooks security check as a Javalin before-handler, and the CORS set-up browser-based CDS
 * clients need.
 *
 * <p>Wiring, for every CDS Hooks route ({@code /cds-services} and below):
 * <pre>{@code
 * CdsSecurity security = CdsSecurity.verifying(new TokenVerifier(TrustedIssuers.load(file), Clock.systemUTC()), publicUrl);
 * // or, listening on loopback only and without a public URL: CdsSecurity.verifying(verifier)
 * // or, with --insecure-dev: CdsSecurity.insecureDev(), after printing INSECURE_DEV_WARNING
 * security.register(config);                  // beforeMatched on /cds-services and /cds-services/*
 * CdsSecurity.enableCors(config, List.of());   // any origin
 * ... in a handler: CdsSecurity.caller(ctx) -> Optional<VerifiedCaller>
 * }</pre>
 *
 * <p>The check must run as a {@code beforeMatched} handler, not a plain {@code before}: Javalin
 * runs the CORS plugin's {@code before} handler after those registered in the config, and a refusal
 * skips the remaining handlers, so a plain {@code before} would send the 401 without CORS headers
 * and a browser client could not read why it was refused.
 *
 * <p><b>The called URL</b>, which the token's {@code aud} must equal, comes from configuration, never
 * from the request ({@link Audience}): the public base URL followed by the request path, e.g.
 * {@code https://cds.example.org/backcheck} + {@code /cds-services/x}; or, for a server listening on this
 * machine only, the loopback address and port the request arrived on. {@code Host} and
 * {@code X-Forwarded-*} headers are never used: a client could set them to make a token minted for
 * another service match this one (issue 11 item 9). The query string is not part of it.
 *
 * <p>A refused request gets 401, {@code WWW-Authenticate: Bearer error="invalid_token",
 * error_description="…"} (just {@code Bearer realm="cds-services"} when there was no
 * {@code Authorization} header at all, per RFC 6750 §3.1) and an RFC 9457 problem saying what was
 * wrong. The token is never echoed. CORS preflight requests ({@code OPTIONS}) pass unchecked: a
 * browser sends them without credentials.
 */
public final class CdsSecurity {

    /** The {@link Context#attribute} under which {@link #check} stores the {@link VerifiedCaller}. */
    public static final String CALLER_ATTRIBUTE = "org.backcheck.service.security.caller";

    /** What {@code serve --insecure-dev} must print, prominently, on every start. */
    public static final String INSECURE_DEV_WARNING = String.join("\n",
            "************************************************************************",
            "*  WARNING: --insecure-dev: CDS Hooks requests are NOT authenticated.  *",
            "*  Any caller can invoke the CDS services and post feedback, without   *",
            "*  a signed JWT. For local development and demos only. Never expose   *",
            "*  this server to a network or use it with real patient data.         *",
            "*  In production use --trusted-issuers FILE instead.                  *",
            "************************************************************************");

    private static final String REALM = "cds-services";

    private final TokenVerifier verifier;
    private final Audience audience;

    private CdsSecurity(TokenVerifier verifier, Audience audience) {
        this.verifier = verifier;
        this.audience = audience;
    }

    /**
     * Verifies every request of a server that listens on this machine only: the audience is the loopback
     * address and port each request arrived on ({@link Audience#boundLoopback}); requests on any other
     * address are refused.
     */
    public static CdsSecurity verifying(TokenVerifier verifier) {
        return verifying(verifier, Audience.boundLoopback());
    }

    /**
     * Verifies every request against a public base URL (e.g. {@code https://cds.example.org} or
     * {@code https://host/prefix}).
     *
     * @throws IllegalArgumentException see {@link Audience#publicBase}
     */
    public static CdsSecurity verifying(TokenVerifier verifier, URI publicBaseUrl) {
        return verifying(verifier, Audience.publicBase(publicBaseUrl));
    }

    /** Verifies every request; tokens' {@code aud} must name the URL {@code audience} gives. */
    public static CdsSecurity verifying(TokenVerifier verifier, Audience audience) {
        return new CdsSecurity(Objects.requireNonNull(verifier, "verifier"), Objects.requireNonNull(audience, "audience"));
    }

    /** Accepts every request unauthenticated. The CLI must print {@link #INSECURE_DEV_WARNING} first. */
    public static CdsSecurity insecureDev() {
        return new CdsSecurity(null, null);
    }

    /** True for {@link #insecureDev()}. */
    public boolean isInsecure() {
        return verifier == null;
    }

    /**
     * The before-handler: verifies the request's bearer token and stores the caller under
     * {@link #CALLER_ATTRIBUTE}; or writes the 401 and skips the remaining handlers.
     */
    public void check(Context ctx) {
        // The request line's method: Javalin's ctx.method() would believe an X-HTTP-Method-Override header.
        if (verifier == null || HandlerType.OPTIONS.name().equals(ctx.req().getMethod())) {
            return;
        }
        try {
            ctx.attribute(CALLER_ATTRIBUTE, verifier.verify(ctx.header("Authorization"), calledUrl(ctx)));
        } catch (UnauthorizedException e) {
            writeUnauthorized(ctx, e);
            ctx.skipRemainingHandlers();
        }
    }

    /** Runs {@link #check} before every matched route at {@code /cds-services} and below. */
    public void register(JavalinConfig config) {
        config.routes.beforeMatched("/cds-services", this::check);
        config.routes.beforeMatched("/cds-services/*", this::check);
    }

    /** The caller {@link #check} verified, or empty (insecure mode, or a route without the check). */
    public static Optional<VerifiedCaller> caller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER_ATTRIBUTE));
    }

    /** The URL the token's {@code aud} must name for this request (see {@link Audience}). */
    public String calledUrl(Context ctx) {
        return audience.calledUrl(ctx);
    }

    /** Renders a refusal: 401, {@code WWW-Authenticate} and an RFC 9457 problem. */
    public static void writeUnauthorized(Context ctx, UnauthorizedException e) {
        ctx.header("WWW-Authenticate", e.missingCredentials()
                ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\""
                        + headerSafe(e.reason()) + "\"");
        org.backcheck.service.Problems.write(ctx, e);
    }

    /**
     * Enables Javalin's CORS plugin for the CDS Hooks routes ({@code /cds-services} and below), so
     * browser-based CDS clients such as the CDS Hooks sandbox can call them.
     *
     * @param allowedOrigins origins such as {@code https://sandbox.cds-hooks.org}; empty allows any
     *                       origin ({@code *}). Credentials (cookies) are never allowed: CDS Hooks
     *                       authenticates with the {@code Authorization} header, which a page sends
     *                       explicitly. On preflight, Javalin's plugin allows the request headers the
     *                       browser asks for ({@code Authorization}, {@code Content-Type}); no
     *                       response headers are exposed.
     */
    public static void enableCors(JavalinConfig config, List<String> allowedOrigins) {
        List<String> origins = List.copyOf(allowedOrigins);
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            rule.path = "/cds-services*";
            rule.allowCredentials = false;
            if (origins.isEmpty()) {
                rule.anyHost();
            } else {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
            }
        }));
    }

    /** RFC 6750 error_description allows %x20-21 / %x23-5B / %x5D-7E: no quote, backslash or non-ASCII. */
    private static String headerSafe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '\'');
        }
        return sb.toString();
    }
}
