package org.backcheck.service.security;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The URL a token's {@code aud} must name for a request: the CDS service's own address, taken from
 * configuration and never from the request's headers (issue 11 item 9).
 *
 * <ul>
 *   <li>{@link #publicBase}: the address clients use ({@code serve --public-url}, e.g. behind a reverse proxy
 *       or TLS terminator) followed by the request path.</li>
 *   <li>{@link #boundLoopback}: for a server that listens on this machine only, {@code http://} plus the local
 *       address and port of the connection (the socket, not the {@code Host} header) and the path, e.g.
 *       {@code http://127.0.0.1:8080/cds-services/x}, or {@code http://[::1]:8080/...} over IPv6. A request
 *       arriving on any other local address is refused: without a public URL the service cannot know what
 *       name a remote client was given for it.</li>
 * </ul>
 * The {@code Host} and {@code X-Forwarded-*} headers are chosen by the client, so a client could name
 * any site there and replay a token minted for that site (CDS Hooks 2.0, "Trusting CDS Clients": the
 * {@code aud} is this service's URL; RFC 7519 section 4.1.3). The query string is not part of the URL.
 */
public final class Audience {

    private final String publicBase;

    private Audience(String publicBase) {
        this.publicBase = publicBase;
    }

    /**
     * The public base URL, e.g. {@code https://cds.example.org} or {@code https://host/prefix}.
     *
     * @throws IllegalArgumentException unless it is an absolute http(s) URL without query or fragment
     */
    public static Audience publicBase(URI publicBaseUrl) {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        String scheme = publicBaseUrl.getScheme();
        if (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || publicBaseUrl.getRawQuery() != null || publicBaseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL without query or "
                    + "fragment, e.g. https://cds.example.org: " + publicBaseUrl);
        }
        return new Audience(TokenVerifier.withoutTrailingSlash(publicBaseUrl.toString()));
    }

    /** The loopback address and port each request arrived on; requests on other addresses are refused. */
    public static Audience boundLoopback() {
        return new Audience(null);
    }

    /** True when {@code host} (a name or literal address to listen on) is this machine only, e.g. 127.0.0.1, ::1, localhost. */
    public static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The URL that was called, as the token's {@code aud} must name it.
     *
     * @throws UnauthorizedException for a loopback-bound audience and a request that came in on another address
     */
    public String calledUrl(Context ctx) {
        if (publicBase != null) {
            return publicBase + ctx.path();
        }
        String local = ctx.req().getLocalAddr();
        InetAddress address;
        try {
            address = InetAddress.getByName(local);
        } catch (UnknownHostException e) {
            address = null;
        }
        if (address == null || !address.isLoopbackAddress()) {
            throw new UnauthorizedException("this service has no public URL configured (serve --public-url), so it accepts "
                    + "CDS calls on this machine's loopback address only");
        }
        String host = address instanceof java.net.Inet6Address ? "[::1]" : address.getHostAddress();
        return "http://" + host + ":" + ctx.req().getLocalPort() + ctx.path();
    }

    @Override
    public String toString() {
        return publicBase != null ? publicBase : "http://<loopback address>:<port>";
    }
}
