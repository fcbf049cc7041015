package org.backcheck.service.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The CDS clients (EHRs) this service accepts requests from, and where their public keys are: the
 * allow-list of {@code iss} (and {@code jku}) that CDS Hooks 2.0 "Trusting CDS Clients" asks a
 * service to keep. Loaded from the file given to {@code --trusted-issuers}:
 *
 * <pre>{@code
 * {"issuers": [
 *   {"iss": "https://ehr.example.org", "jwks": {"keys": [ {...public JWK...} ]}},
 *   {"iss": "https://other.example.org", "jwks_url": "https://other.example.org/.well-known/jwks.json"}
 * ]}
 * }</pre>
 *
 * <p>The file is checked strictly: unknown fields, a duplicate {@code iss}, an entry with both or
 * neither of {@code jwks} and {@code jwks_url}, a key without {@code kid}, a private key, a key that
 * is neither EC P-384 nor RSA of at least 2048 bits, and a {@code jwks_url} that is not https (http
 * is allowed to localhost, 127.0.0.1 and [::1] only, for tests) are errors naming the entry and field.
 *
 * <p>Keys from a {@code jwks_url} are fetched on first use with a {@value #FETCH_TIMEOUT_SECONDS} s
 * timeout, cached for {@value #CACHE_MINUTES} minutes, and fetched again early when a token names
 * a {@code kid} the cache lacks (key rotation) — at most once every
 * {@value #MIN_REFRESH_SECONDS} s per URL, so a stream of tokens with made-up kids cannot turn the
 * service into a request amplifier. Redirects are not followed. The token's own {@code jku} header
 * is never fetched: it must equal the configured {@code jwks_url} (see {@link TokenVerifier}).
 */
public final class TrustedIssuers {

    static final int FETCH_TIMEOUT_SECONDS = 3;
    static final int CACHE_MINUTES = 60;
    static final int MIN_REFRESH_SECONDS = 30;
    private static final int MIN_RSA_BITS = 2048;
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final Map<String, IssuerKeys> issuers;

    private TrustedIssuers(Map<String, IssuerKeys> issuers) {
        this.issuers = Collections.unmodifiableMap(new LinkedHashMap<>(issuers));
    }

    /** Reads a trusted-issuers file; fetched keys are cached by the system clock. */
    public static TrustedIssuers load(Path file) throws IOException {
        return load(file, Clock.systemUTC());
    }

    /**
     * Reads a trusted-issuers file.
     *
     * @throws IOException              the file cannot be read
     * @throws TrustedIssuersException  its content is not a valid trusted-issuers document
     */
    public static TrustedIssuers load(Path file, Clock clock) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new TrustedIssuersException(file.toString(), "", "larger than 1 MiB; is this the right file?");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), clock);
    }

    /**
     * Parses a trusted-issuers document.
     *
     * @param source names the document in error messages (usually the file name)
     * @throws TrustedIssuersException the document is not valid
     */
    public static TrustedIssuers parse(String json, String source, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(FETCH_TIMEOUT_SECONDS))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new Parser(source, clock, http).parse(json);
    }

    /** The trusted {@code iss} values, in file order. */
    public Set<String> issuers() {
        return issuers.keySet();
    }

    /** The keys of a trusted issuer, or null if {@code iss} is not trusted. */
    IssuerKeys keysOf(String iss) {
        return issuers.get(iss);
    }

    private static final class Parser {
        private static final ObjectMapper JSON = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

        private final String source;
        private final Clock clock;
        private final HttpClient http;

        Parser(String source, Clock clock, HttpClient http) {
            this.source = source;
            this.clock = clock;
            this.http = http;
        }

        TrustedIssuers parse(String json) {
            JsonNode root;
            try {
                root = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw error("", "not valid JSON: " + e.getOriginalMessage()
                        + " (line " + e.getLocation().getLineNr() + ")");
            }
            if (root == null || !root.isObject()) {
                throw error("", "must be a JSON object {\"issuers\": [...]}");
            }
            onlyFields(root, "", Set.of("issuers"));
            JsonNode list = root.get("issuers");
            if (list == null || !list.isArray()) {
                throw error("issuers", "required, an array of {\"iss\", \"jwks\" or \"jwks_url\"}");
            }
            if (list.isEmpty()) {
                throw error("issuers", "is empty: no CDS client could call; use --insecure-dev for local testing");
            }
            Map<String, IssuerKeys> issuers = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "issuers[" + i + "]";
                JsonNode entry = list.get(i);
                if (!entry.isObject()) {
                    throw error(at, "must be an object");
                }
                onlyFields(entry, at, Set.of("iss", "jwks", "jwks_url"));
                String iss = requiredString(entry, at + ".iss");
                if (issuers.containsKey(iss)) {
                    throw error(at + ".iss", "'" + iss + "' is listed twice");
                }
                boolean inline = entry.has("jwks");
                boolean remote = entry.has("jwks_url");
                if (inline == remote) {
                    throw error(at, "needs exactly one of \"jwks\" (the keys) or \"jwks_url\" (where to fetch them)");
                }
                issuers.put(iss, inline
                        ? new IssuerKeys.Static(inlineKeys(entry.get("jwks"), at + ".jwks"))
                        : new RemoteJwks(jwksUrl(entry.get("jwks_url"), at + ".jwks_url"), http, clock,
                                Duration.ofSeconds(FETCH_TIMEOUT_SECONDS), Duration.ofMinutes(CACHE_MINUTES),
                                Duration.ofSeconds(MIN_REFRESH_SECONDS)));
            }
            return new TrustedIssuers(issuers);
        }

        private JWKSet inlineKeys(JsonNode node, String at) {
            if (!node.isObject()) {
                throw error(at, "must be a JWK Set object {\"keys\": [...]}");
            }
            JsonNode keys = node.get("keys");
            if (keys == null || !keys.isArray() || keys.isEmpty()) {
                throw error(at + ".keys", "required, a non-empty array of public JWKs");
            }
            List<JWK> parsed = new ArrayList<>();
            Set<String> kids = new HashSet<>();
            for (int k = 0; k < keys.size(); k++) {
                String keyAt = at + ".keys[" + k + "]";
                JWK jwk;
                try {
                    jwk = JWK.parse(JSON.writeValueAsString(keys.get(k)));
                } catch (ParseException | JsonProcessingException e) {
                    throw error(keyAt, "not a valid JWK: " + e.getMessage());
                }
                String problem = keyProblem(jwk);
                if (problem != null) {
                    throw error(keyAt, problem);
                }
                if (!kids.add(jwk.getKeyID())) {
                    throw error(keyAt + ".kid", "'" + jwk.getKeyID() + "' is used by two keys; kid must be unique");
                }
                parsed.add(jwk);
            }
            return new JWKSet(parsed);
        }

        private URI jwksUrl(JsonNode node, String at) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw error(at, "must be a URL string");
            }
            URI uri;
            try {
                uri = new URI(node.asText());
            } catch (URISyntaxException e) {
                throw error(at, "not a valid URL: " + e.getMessage());
            }
            String problem = urlProblem(uri);
            if (problem != null) {
                throw error(at, problem);
            }
            return uri;
        }

        private String requiredString(JsonNode parent, String at) {
            JsonNode v = parent.get(at.substring(at.lastIndexOf('.') + 1));
            if (v == null || v.isNull()) {
                throw error(at, "required");
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(at, "must be a non-empty string");
            }
            return v.asText();
        }

        private void onlyFields(JsonNode node, String at, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    throw error(at.isEmpty() ? name : at + "." + name,
                            "unknown field; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }

        private TrustedIssuersException error(String field, String problem) {
            return new TrustedIssuersException(source, field, problem);
        }
    }

    /** Why a key cannot verify CDS Hooks tokens, or null if it can. Also applied to fetched key sets. */
    static String keyProblem(JWK jwk) {
        if (jwk.getKeyID() == null || jwk.getKeyID().isBlank()) {
            return "has no \"kid\"; CDS Hooks tokens name their key by kid";
        }
        if (jwk.isPrivate()) {
            return "contains private key material; give only the public key";
        }
        if (jwk instanceof ECKey ec) {
            if (!Curve.P_384.equals(ec.getCurve())) {
                return "EC key on curve " + ec.getCurve() + "; ES384 needs P-384";
            }
            return null;
        }
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                return "RSA key of " + rsa.size() + " bits; at least " + MIN_RSA_BITS + " are required";
            }
            return null;
        }
        return "key type " + jwk.getKeyType() + " cannot verify ES384 or RS384; use an EC P-384 or RSA key";
    }

    /** Why a JWKS URL may not be fetched, or null if it may. */
    static String urlProblem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !uri.isAbsolute()) {
            return "must be an absolute https URL";
        }
        if (uri.getUserInfo() != null) {
            return "must not contain a user name or password";
        }
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && Set.of("localhost", "127.0.0.1", "[::1]").contains(host.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return "must be https (plain http is allowed only to localhost, for tests)";
    }
}
