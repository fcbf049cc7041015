package org.backcheck.service.cdshooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Reads what the CDS Client did not prefetch from its FHIR server, with the bearer token it sent
 * ({@code fhirAuthorization.access_token}). Two-second timeouts: a card that arrives after the
 * clinician has signed is no use. Only {@code https} servers, or {@code http} on this machine
 * (for tests and local development). Nothing is logged: the URLs hold patient ids and the headers
 * a token.
 */
final class FhirFetcher {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final HttpClient client;

    FhirFetcher() {
        this.client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Checks a {@code fhirServer} value and returns it without a trailing slash.
     *
     * @throws CdsHookException 400 naming fhirServer when it is not an https URL (or http on this machine)
     */
    static String checkServer(String fhirServer) {
        URI uri;
        try {
            uri = new URI(fhirServer);
        } catch (Exception e) {
            throw CdsHookException.badRequest("fhirServer", "fhirServer is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean ok = !host.isEmpty() && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (scheme.equals("https") || scheme.equals("http") && LOCAL_HOSTS.contains(host));
        if (!ok) {
            throw CdsHookException.badRequest("fhirServer",
                    "fhirServer must be an https URL without query or credentials (http only for this machine).");
        }
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * GETs {@code base/relative} and parses it.
     *
     * @param what names the data for the 412 message ("the patient", "the active conditions")
     * @throws CdsHookException 412 when the server cannot be reached, refuses, or answers with something else
     */
    <T extends IBaseResource> T get(String base, String relative, String token, Class<T> type, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + relative))
                .timeout(TIMEOUT)
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (IOException e) {
            throw CdsHookException.preconditionFailed("Backcheck could not read " + what + " from the FHIR server ("
                    + (e instanceof java.net.http.HttpTimeoutException ? "no answer within " + TIMEOUT.toSeconds() + " s" : "connection failed")
                    + "); prefetch it or check fhirServer.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CdsHookException.preconditionFailed("Interrupted while reading " + what + " from the FHIR server.");
        }
        if (response.statusCode() != 200) {
            throw CdsHookException.preconditionFailed("The FHIR server answered HTTP " + response.statusCode() + " when Backcheck asked for "
                    + what + (response.statusCode() == 401 || response.statusCode() == 403 ? " (is the access token valid for it?)" : "")
                    + "; prefetch it instead.");
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw CdsHookException.preconditionFailed("The FHIR server's answer for " + what + " is larger than "
                    + MAX_RESPONSE_BYTES / (1024 * 1024) + " MiB.");
        }
        try {
            return FhirSupport.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8), type, "fhirServer");
        } catch (CdsHookException e) {
            throw CdsHookException.preconditionFailed("The FHIR server's answer for " + what + " is not a FHIR "
                    + type.getSimpleName() + ".");
        }
    }
}
