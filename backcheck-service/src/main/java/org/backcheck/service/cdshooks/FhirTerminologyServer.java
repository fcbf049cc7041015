package org.backcheck.service.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * {@link SnomedTerminology} backed by a FHIR R4 terminology server (Ontoserver, Snowstorm, HAPI, ...),
 * for the concepts Backcheck's curated list does not know.
 *
 * <p><b>The question asked.</b> For each group, one
 * {@code GET [base]/ValueSet/$validate-code?url=[implicit value set]&system=http://snomed.info/sct&code=[concept]},
 * and with them one more that asks whether the server knows the concept at all (see "A limit of the
 * question" below). A group's value set is SNOMED CT's implicit ECL value set
 * {@code http://snomed.info/sct?fhir_vs=ecl/[ecl]} with the ECL {@code << p1 OR << p2 ...}
 * (descendant-or-self of each parent), so one call answers "is the concept a parent or under one".
 * What was checked, and where:
 * <ul>
 *   <li>The URL form: FHIR R4 "Using SNOMED CT with FHIR", section Implicit Value Sets
 *       (hl7.org/fhir/R4/snomedct.html#implicit, read in its build source, {@code HL7/fhir source/snomedct.html}):
 *       "{@code ?fhir_vs=ecl/[ecl]} - all concept ids that match the supplied (URI-encoded) expression
 *       constraint", on the base {@code http://snomed.info/sct} (the server's default edition, latest version).
 *       The same page's "By Subsumption" filter gives {@code <<} as the ECL for is-a including the concept
 *       itself. So the ECL is percent-encoded once inside the value-set URL, and that URL is encoded again
 *       as the {@code url} query parameter (the SNOMED on FHIR IG's FAQ, build.fhir.org/ig/IHTSDO/snomed-ig/faq.html,
 *       warns that the value set's own {@code ?} must be %-encoded there). Spaces are {@code %20}, never
 *       {@code +}, which only form decoding reads as a space.</li>
 *   <li>The answer: ValueSet {@code $validate-code} (hl7.org/fhir/R4/valueset-operation-validate-code.html,
 *       normative since 4.0.0; read in {@code HL7/fhir source/valueset/operationdefinition-ValueSet-validate-code.xml})
 *       returns a {@code Parameters} resource whose out-parameter {@code result} is {@code 1..1 boolean},
 *       "True if the concept details supplied are valid"; {@code message} and {@code display} are optional.
 *       Only a JSON boolean is accepted (the spec's own example response quotes it as a string, which is
 *       not valid FHIR JSON; a server doing that gets UNAVAILABLE, never a guess).</li>
 * </ul>
 *
 * <p><b>All or nothing.</b> The calls for one concept (the groups' and the existence call) go out together
 * and share one deadline. Unless every one of them answers 200 with a Parameters and a boolean result in
 * time, the answer is UNAVAILABLE: "not in any group" is only said of a concept that was fully checked.
 *
 * <p><b>Cache and back-off.</b> ANSWERED results are kept per (concept, groups) for a time to live (default
 * 24 h; the hierarchy changes with releases, not by the minute), at most {@code cacheSize} of them, oldest
 * first out. Failures are not kept, but after one the server is left alone for a back-off (default 30 s):
 * a dead server then costs one deadline per back-off, not one per hook call.
 *
 * <p><b>A limit of the question, and the call that closes it.</b> R4's $validate-code has no structured way
 * to say "I do not know this code" apart from "not in this value set": both are {@code result: false} (the
 * reason, if any, is in the free-text {@code message}, which is not for machines). The group calls alone
 * would therefore make a concept the server's edition lacks (a national extension's concept on an
 * international server, a concept from a newer release, a wrong id whose check digit happens to pass) look
 * ANSWERED with no groups: "not a red flag", which can lead to a suggestion to cancel an imaging order.
 * So one more call goes out with the group calls, the same $validate-code against the implicit value set
 * of all concepts, {@code http://snomed.info/sct?fhir_vs} ({@link #ALL_CONCEPTS}). Checked in the same
 * section of the same page (hl7.org/fhir/R4/snomedct.html#implicit, {@code HL7/fhir source/snomedct.html}):
 * "{@code ?fhir_vs} - all concept ids in the edition/version", and on the unversioned base the server
 * "SHALL use the latest version available for its default edition", which is the edition the group calls
 * are answered from. Only when that call answers true is "in no group" believed. When it answers false,
 * the answer is UNAVAILABLE, {@value #UNKNOWN_CONCEPT}: without back-off, since the server is working, and
 * not cached, so that a server which loads a release with the concept is believed at once. A server that
 * counts only active concepts in that value set (the page does not say) answers false for an inactive
 * concept, which is then unclassified too: the safe side. If a server says a concept is in a group yet
 * not in the edition, the contradiction is UNAVAILABLE as well.
 *
 * <p><b>What it will not do.</b> Log anything (concept ids come from patient records); follow redirects;
 * read more than 1 MiB of an answer; put the token into a message or {@link #toString()}. Only https
 * servers, or http on this machine (tests), see {@link #checkUrl(String)}. Safe for concurrent use.
 */
final class FhirTerminologyServer implements SnomedTerminology {

    static final Duration DEFAULT_DEADLINE = Duration.ofMillis(1500);
    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(24);
    static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(30);
    static final int DEFAULT_CACHE_SIZE = 10_000;
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    static final String SNOMED = "http://snomed.info/sct";
    /** The implicit value set prefix; the URI-encoded ECL follows it. */
    static final String ECL_VALUE_SET = SNOMED + "?fhir_vs=ecl/";
    /** The implicit value set of every concept in the server's default edition: is the concept known at all? */
    static final String ALL_CONCEPTS = SNOMED + "?fhir_vs";
    static final String UNKNOWN_CONCEPT = "the terminology server does not know this concept";
    static final String NOT_AN_SCTID = "not a SNOMED CT identifier";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
    private static final ObjectMapper JSON = org.backcheck.service.Json.MAPPER;

    private final String base;
    private final String token;
    private final Duration deadline;
    private final Duration timeToLive;
    private final Duration backOff;
    private final Clock clock;
    private final HttpClient client;
    private final TerminologyAnswerCache cache;
    /** Until when no calls go out, after a failure; {@link Instant#MIN} when none. */
    private final AtomicReference<Instant> quietUntil = new AtomicReference<>(Instant.MIN);

    /**
     * With the defaults: 1.5 s deadline, 24 h cache of 10,000 answers, 30 s back-off, the system clock.
     *
     * @param baseUrl the server's FHIR base, checked with {@link #checkUrl(String)}
     * @param token a bearer token for the server, or null when it needs none
     */
    FhirTerminologyServer(String baseUrl, String token) {
        this(baseUrl, token, DEFAULT_DEADLINE, DEFAULT_TIME_TO_LIVE, DEFAULT_BACK_OFF, DEFAULT_CACHE_SIZE, Clock.systemUTC());
    }

    /**
     * @param deadline how long one answer (all its group calls together) may take
     * @param timeToLive how long an ANSWERED result is reused
     * @param backOff how long to answer UNAVAILABLE without calling after a failure
     * @param cacheSize how many answers are kept at most
     * @param clock tells the cache and the back-off the time (the deadline runs on the real clock)
     * @throws IllegalArgumentException for an unacceptable URL or token, or a non-positive duration or size
     */
    FhirTerminologyServer(String baseUrl, String token, Duration deadline, Duration timeToLive, Duration backOff,
            int cacheSize, Clock clock) {
        this.base = checkUrl(baseUrl);
        this.token = checkToken(token);
        this.deadline = positive(deadline, "deadline");
        this.timeToLive = positive(timeToLive, "timeToLive");
        this.backOff = positive(backOff, "backOff");
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be at least 1.");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new TerminologyAnswerCache(cacheSize);
        this.client = HttpClient.newBuilder()
                .connectTimeout(deadline)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Checks a terminology server base URL and returns it without a trailing slash.
     *
     * @throws IllegalArgumentException saying what to change: not a URL, not https (http only for
     *     localhost, 127.0.0.1 or ::1), a user name or password in it, a query or fragment. The message
     *     never repeats the URL, which could hold a password.
     */
    static String checkUrl(String url) {
        String example = " Give the server's FHIR base URL, e.g. https://tx.example.org/fhir.";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The terminology server URL (--terminology-url) is empty." + example);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The terminology server URL (--terminology-url) is not a valid URL." + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The terminology server URL (--terminology-url) must be an https URL with a host name." + example);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The terminology server URL (--terminology-url) must not contain a user name or password;"
                    + " give the server's bearer token separately.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The terminology server URL (--terminology-url) must not have a query (?...) or fragment (#...)."
                    + example);
        }
        if (scheme.equals("http") && !LOCAL_HOSTS.contains(host)) {
            throw new IllegalArgumentException("The terminology server URL (--terminology-url) must use https;"
                    + " http is accepted only for localhost, 127.0.0.1 or ::1.");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public Answer groupsOf(String conceptId, Map<String, List<String>> groups) {
        Map<String, String> valueSets = valueSets(groups);
        if (!isConceptId(conceptId)) {
            return Answer.unavailable(NOT_AN_SCTID);
        }
        TerminologyAnswerCache.Key key = new TerminologyAnswerCache.Key(conceptId, valueSets);
        Instant now = clock.instant();
        Answer cached = cache.get(key, now);
        if (cached != null) {
            return cached;
        }
        if (now.isBefore(quietUntil.get())) {
            return Answer.unavailable("the terminology server failed less than " + seconds(backOff) + " ago; not asked again yet");
        }
        Answer answer = ask(conceptId, valueSets);
        if (answer.status() == Status.ANSWERED) {
            cache.put(key, answer, now.plus(timeToLive));
        }
        return answer;
    }

    /**
     * Sends the existence call and the group calls together and waits for all of them, up to the deadline;
     * a concept the server does not know is UNAVAILABLE, whatever the groups said.
     */
    private Answer ask(String conceptId, Map<String, String> valueSets) {
        CompletableFuture<Boolean> known = contains(ALL_CONCEPTS, conceptId);
        Map<String, CompletableFuture<Boolean>> calls = new LinkedHashMap<>();
        valueSets.forEach((group, valueSet) -> calls.put(group, contains(valueSet, conceptId)));
        List<CompletableFuture<Boolean>> all = new ArrayList<>(calls.values());
        all.add(known);
        try {
            firstFailureOrAll(all).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return failed(all, "no answer within " + seconds(deadline));
        } catch (ExecutionException | CancellationException e) {
            return failed(all, reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(c -> c.cancel(true));
            return Answer.unavailable("interrupted while asking the terminology server");
        }
        if (!known.join()) {
            return Answer.unavailable(UNKNOWN_CONCEPT);
        }
        Set<String> containing = new TreeSet<>();
        calls.forEach((group, call) -> {
            if (call.join()) {
                containing.add(group);
            }
        });
        return Answer.answered(containing);
    }

    private Answer failed(Collection<CompletableFuture<Boolean>> calls, String problem) {
        calls.forEach(c -> c.cancel(true));
        quietUntil.set(clock.instant().plus(backOff));
        return Answer.unavailable(problem);
    }

    /** Completes when all calls have, or exceptionally as soon as one fails: no waiting out the deadline for a known failure. */
    private static CompletableFuture<Void> firstFailureOrAll(Collection<CompletableFuture<Boolean>> calls) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (CompletableFuture<Boolean> call : calls) {
            call.whenComplete((ok, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                }
            });
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    /** One $validate-code call: is {@code conceptId} in {@code valueSet}? */
    private CompletableFuture<Boolean> contains(String valueSet, String conceptId) {
        URI uri = URI.create(base + "/ValueSet/$validate-code?url=" + encode(valueSet)
                + "&system=" + encode(SNOMED) + "&code=" + conceptId);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("Accept", "application/fhir+json")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.sendAsync(request.build(), info -> info.statusCode() == 200
                        ? new CappedBody(MAX_RESPONSE_BYTES)
                        : BodySubscribers.<byte[]>replacing(null))
                .thenApply(FhirTerminologyServer::result);
    }

    private static boolean result(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new TerminologyFailure("the terminology server answered HTTP " + response.statusCode());
        }
        return parseResult(response.body());
    }

    /**
     * Reads the {@code result} out-parameter of a $validate-code answer.
     *
     * @throws Failure unless the body is a FHIR Parameters resource with exactly one {@code result}
     *     whose {@code valueBoolean} is a JSON boolean
     */
    static boolean parseResult(byte[] body) {
        TerminologyFailure notParameters = new TerminologyFailure("the terminology server's answer is not a Parameters resource with a boolean result");
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw notParameters;
        }
        if (root == null || !"Parameters".equals(root.path("resourceType").asText(null)) || !root.path("parameter").isArray()) {
            throw notParameters;
        }
        Boolean result = null;
        for (JsonNode p : root.get("parameter")) {
            if ("result".equals(p.path("name").asText(null))) {
                JsonNode value = p.get("valueBoolean");
                if (result != null || value == null || !value.isBoolean()) {
                    throw notParameters;
                }
                result = value.booleanValue();
            }
        }
        if (result == null) {
            throw notParameters;
        }
        return result;
    }

    /**
     * Checks the groups and turns each into its implicit value-set URL, sorted by group name.
     *
     * @throws IllegalArgumentException for no groups, a blank name, a group without parents, or a parent
     *     that is not a SNOMED CT concept identifier
     */
    static Map<String, String> valueSets(Map<String, List<String>> groups) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("Give at least one group of parent concepts.");
        }
        Map<String, String> valueSets = new TreeMap<>();
        groups.forEach((name, parents) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A group name must not be blank.");
            }
            if (parents == null || parents.isEmpty()) {
                throw new IllegalArgumentException("Group " + name + " has no parent concepts.");
            }
            List<String> ecl = new ArrayList<>();
            for (String parent : parents) {
                if (!isConceptId(parent)) {
                    throw new IllegalArgumentException("Group " + name + ": parent " + parent + " is not a SNOMED CT concept identifier.");
                }
                ecl.add("<< " + parent);
            }
            valueSets.put(name, ECL_VALUE_SET + encode(String.join(" OR ", ecl)));
        });
        return Collections.unmodifiableMap(valueSets);
    }

    /** Whether {@code id} is a SNOMED CT concept identifier ({@link SctId}). */
    static boolean isConceptId(String id) {
        return SctId.isConceptId(id);
    }

    /**
     * Checks a bearer token: it goes into a header, so nothing that could end the header or start another.
     *
     * @throws IllegalArgumentException without repeating the token
     */
    static String checkToken(String token) {
        if (token == null) {
            return null;
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("The terminology server token (--terminology-token-file) must be printable"
                    + " ASCII without spaces or line breaks inside it.");
        }
        return token;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive.");
        }
        return d;
    }

    /** Percent-encodes a query value; a space is {@code %20}, since only form decoding reads {@code +} as one. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A short reason for a failed call, naming no URL and no concept. */
    private String reason(Exception e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TerminologyFailure f) {
            return f.getMessage();
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + seconds(deadline);
        }
        if (cause instanceof ConnectException) {
            return "could not connect to the terminology server";
        }
        if (cause instanceof IOException) {
            return "the connection to the terminology server failed";
        }
        return "the call to the terminology server failed";
    }

    @Override
    public String toString() {
        return "FhirTerminologyServer[" + base + (token == null ? "" : ", with token") + "]";
    }
}
