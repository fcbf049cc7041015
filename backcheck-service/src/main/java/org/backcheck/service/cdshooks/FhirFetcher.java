package org.backcheck.service.cdshooks;

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
        return checkServer(fhirServer, true);
    }

    /**
     * @param localHttp whether {@code http} to this machine is allowed: for tests and local demos
     *                  ({@code --insecure-dev}) only; in production it would let a caller reach local
     *                  services with the EHR's token (security review F08)
     */
    static String checkServer(String fhirServer, boolean localHttp) {
        URI uri;
        try {
            uri = new URI(fhirServer);
        } catch (Exception e) {
            throw CdsHookException.badRequest("fhirServer", "fhirServer is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean ok = !host.isEmpty() && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (scheme.equals("https") || localHttp && scheme.equals("http") && LOCAL_HOSTS.contains(host));
        if (!ok) {
            throw CdsHookException.badRequest("fhirServer",
                    "fhirServer must be an https URL without query or credentials.");
        }
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The longest a whole exchange may take, headers and body. */
    static final Duration TOTAL = Duration.ofSeconds(3);

    /**
     * One message for every failure to read (unreachable, slow, refused, too large, not FHIR): it
     * names what was wanted and what to do, and tells a caller nothing about which ports or hosts
     * answer (security review F08).
     */
    private static CdsHookException unreadable(String what) {
        return CdsHookException.preconditionFailed("Backcheck could not read " + what + " from the FHIR server; prefetch it, "
                + "or check fhirServer and the access token.");
    }

    /**
     * GETs {@code base/relative} and parses it.
     *
     * @param what names the data for the 412 message ("the patient", "the active conditions")
     * @throws CdsHookException 412 when the server cannot be reached, refuses, or answers with something else
     */
    <T extends IBaseResource> T get(String base, String relative, String token, Class<T> type, String what) {
        URI uri;
        try {
            uri = new URI(base + "/" + relative).normalize();
        } catch (java.net.URISyntaxException e) {
            throw unreadable(what);
        }
        if (!uri.toString().startsWith(base + "/")) {
            throw unreadable(what);   // ".." in a next link or an id must not leave the FHIR base (security review F09)
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        // One deadline for the whole exchange, body included: a server that sends its headers and then
        // trickles bytes is cut off (security review F03), and the body is capped as it arrives.
        HttpResponse<byte[]> response;
        byte[] body;
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> call =
                client.sendAsync(request, info -> new CappedBody(MAX_RESPONSE_BYTES));
        try {
            response = call.get(TOTAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            body = response.body();
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            throw unreadable(what);
        } catch (java.util.concurrent.ExecutionException e) {
            throw unreadable(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw unreadable(what);
        }
        if (response.statusCode() != 200) {
            throw unreadable(what);
        }
        try {
            return FhirSupport.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8), type, "fhirServer");
        } catch (CdsHookException e) {
            throw unreadable(what);
        }
    }
}
