package org.backcheck.service.cdshooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Reads what the CDS Client did not prefetch from its FHIR server, with the bearer token it sent
 * ({@code fhirAuthorization.access_token}). All the reads of one hook call share one deadline of
 * {@link #TOTAL} (2 s), connection, headers and body together: a card that arrives after the
 * clinician has signed is no use, and a server that drips its answers, or many reads one after another,
 * must not hold the call (issue 11 item 11). A body larger than {@value #MAX_RESPONSE_BYTES} bytes (4 MiB)
 * is cut off as it arrives and counts as unreadable. Every failure, refused, timed out, an HTTP error, too
 * large or not FHIR, gives the same message, and none is answered before the deadline, so that a caller
 * cannot tell from the answer or its timing whether a host or port answered (security review F08). The
 * caller then takes the fail-safe path: a 412 for the patient or the problem list, a "cannot judge" card
 * for the encounter or a condition named as the order's reason. Only {@code https} servers, or
 * {@code http} on this machine (for tests and local development). Nothing is logged: the URLs hold
 * patient ids and the headers a token.
 */
final class FhirFetcher {

    /** The longest all the FHIR reads of one hook call may take together, bodies included. */
    static final Duration TOTAL = Duration.ofSeconds(2);
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final HttpClient client;

    FhirFetcher() {
        this.client = HttpClient.newBuilder()
                .connectTimeout(TOTAL)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The reads of one hook call, which share one deadline {@link #TOTAL} from now. */
    Call call() {
        return new Call(System.nanoTime() + TOTAL.toNanos());
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

    /**
     * One message for every failure to read (unreachable, slow, refused, too large, not FHIR): it
     * names what was wanted and what to do, and tells a caller nothing about which ports or hosts
     * answer (security review F08).
     */
    private static CdsHookException unreadable(String what) {
        return CdsHookException.preconditionFailed("Backcheck could not read " + what + " from the FHIR server; prefetch it, "
                + "or check fhirServer and the access token.");
    }

    /** The FHIR reads of one hook call, against one deadline. Not shared between calls. */
    final class Call {
        private final long deadline;

        private Call(long deadline) {
            this.deadline = deadline;
        }

        /**
         * GETs {@code base/relative} and parses it, within what is left of the call's deadline.
         *
         * @param what names the data for the 412 message ("the patient", "the active conditions")
         * @throws CdsHookException 412 when the server cannot be reached, refuses, or answers with something else;
         *     never before the call's deadline
         */
        <T extends IBaseResource> T get(String base, String relative, String token, Class<T> type, String what) {
            try {
                return parse(fetch(base, relative, token), type);
            } catch (RuntimeException e) {
                waitOutTheDeadline();
                throw unreadable(what);
            }
        }

        private byte[] fetch(String base, String relative, String token) {
            URI uri;
            try {
                uri = new URI(base + "/" + relative).normalize();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a URL");
            }
            if (!uri.toString().startsWith(base + "/")) {
                throw new IllegalArgumentException("leaves the base");   // ".." must not leave the FHIR base (security review F09)
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("deadline passed");
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofNanos(left))
                    .header("Accept", "application/fhir+json")
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            // The deadline covers the whole exchange, body included: a server that sends its headers and then
            // trickles bytes is cut off (security review F03), and the body is capped as it arrives.
            CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> info.statusCode() == 200
                    ? new CappedBody(MAX_RESPONSE_BYTES) : HttpResponse.BodySubscribers.replacing(null));
            try {
                HttpResponse<byte[]> response = exchange.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (response.statusCode() != 200 || response.body() == null) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                return response.body();
            } catch (TimeoutException | ExecutionException e) {
                exchange.cancel(true);
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.cancel(true);
                throw new IllegalStateException(e);
            }
        }

        private <T extends IBaseResource> T parse(byte[] body, Class<T> type) {
            return FhirSupport.parse(new String(body, StandardCharsets.UTF_8), type, "fhirServer");
        }

        /** A failure is answered at the deadline, whatever it was, so its timing tells nothing either. */
        private void waitOutTheDeadline() {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
