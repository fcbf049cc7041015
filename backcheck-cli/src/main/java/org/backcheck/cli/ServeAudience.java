package org.backcheck.cli;

import java.net.URI;
import java.net.URISyntaxException;
import org.backcheck.service.security.Audience;

/**
 * What {@code serve} checks CDS Hooks tokens' {@code aud} against (issue 11 item 9): {@code --public-url}
 * when given; without it, only a server listening on this machine only ({@code --host} 127.0.0.1, ::1 or
 * localhost) may run, and the audience is the loopback address and port a call arrives on. Never the
 * request's Host header.
 */
final class ServeAudience {

    private ServeAudience() {
    }

    /** @throws IllegalArgumentException for a malformed --public-url, or none with a --host other than this machine */
    static Audience of(String publicUrl, String host) {
        if (publicUrl != null) {
            try {
                return Audience.publicBase(new URI(publicUrl.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("--public-url must be the absolute http(s) address clients call, without "
                        + "query or fragment, e.g. https://cds.example.org; not '" + publicUrl + "'");
            }
        }
        if (!Audience.isLoopback(host)) {
            throw new IllegalArgumentException("--public-url is required with --trusted-issuers when --host is not this machine"
                    + " only (" + host + "): CDS tokens' aud is checked against it, never against the Host header a client"
                    + " sends. Give the address the EHRs call, e.g. --public-url https://cds.example.org");
        }
        return Audience.boundLoopback();
    }
}
