package org.backcheck.service.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;

/** Where one trusted issuer's public keys come from: the trusted-issuers file, or a JWKS URL. */
sealed interface IssuerKeys permits IssuerKeys.Static, RemoteJwks {

    /**
     * The issuer's key with this {@code kid}, or null if it has none.
     *
     * @throws UnauthorizedException the keys could not be fetched
     */
    JWK find(String kid);

    /** The configured JWKS URL, or null for keys given in the file. */
    URI jwksUrl();

    /** Keys written in the trusted-issuers file; never refreshed. */
    record Static(JWKSet keys) implements IssuerKeys {
        @Override
        public JWK find(String kid) {
            return keys.getKeyByKeyId(kid);
        }

        @Override
        public URI jwksUrl() {
            return null;
        }
    }
}
