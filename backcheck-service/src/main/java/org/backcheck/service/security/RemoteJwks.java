package org.backcheck.service.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWK Set fetched from an issuer's {@code jwks_url}, cached, and fetched again when it is older
 * than {@code maxAge} or a token names an unknown {@code kid} — but never more often than once per
 * {@code minRefreshInterval}. When a refresh fails the keys already held stay in use. Thread-safe:
 * one lock per URL, held during a fetch (bounded by the timeout), so concurrent requests wait for
 * one fetch instead of starting many.
 */
final class RemoteJwks implements IssuerKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final Duration maxAge;
    private final Duration minRefreshInterval;

    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private String lastError;

    RemoteJwks(URI url, HttpClient http, Clock clock, Duration timeout, Duration maxAge, Duration minRefreshInterval) {
        this.url = url;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
        this.maxAge = maxAge;
        this.minRefreshInterval = minRefreshInterval;
    }

    @Override
    public URI jwksUrl() {
        return url;
    }

    @Override
    public synchronized JWK find(String kid) {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(maxAge))) {
            refreshIfAllowed(now);
        }
        JWK key = keys == null ? null : keys.getKeyByKeyId(kid);
        if (key == null && keys != null && refreshIfAllowed(now)) {
            key = keys.getKeyByKeyId(kid);
        }
        if (keys == null) {
            throw new UnauthorizedException("the keys of this issuer could not be fetched from " + url
                    + " (" + lastError + "); try again later");
        }
        return key;
    }

    /** Fetches unless the last attempt was too recent; true if new keys were fetched. */
    private boolean refreshIfAllowed(Instant now) {
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
            return false;
        }
        lastAttempt = now;
        try {
            JWKSet fetched = fetch();
            keys = fetched;
            fetchedAt = now;
            lastError = null;
            return true;
        } catch (IOException | ParseException | RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("fetching the JWK Set {} failed: {}{}", url, e.getMessage(),
                    keys == null ? "" : "; keeping the keys fetched at " + fetchedAt);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = "interrupted";
            return false;
        }
    }

    private JWKSet fetch() throws IOException, InterruptedException, ParseException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("the JWK Set is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        JWKSet set = JWKSet.parse(new String(body, StandardCharsets.UTF_8));
        // Keep only keys that can verify CDS Hooks tokens; a private key published by mistake is
        // reduced to its public half rather than refused, since the set is not ours to fix.
        List<JWK> usable = new ArrayList<>();
        for (JWK k : set.getKeys()) {
            JWK pub = k.toPublicJWK();
            String problem = TrustedIssuers.keyProblem(pub);
            if (problem == null) {
                usable.add(pub);
            } else {
                LOG.debug("ignoring key {} of {}: {}", k.getKeyID(), url, problem);
            }
        }
        return new JWKSet(usable);
    }
}
