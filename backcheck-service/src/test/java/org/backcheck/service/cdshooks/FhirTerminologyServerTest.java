package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backcheck.service.cdshooks.SnomedTerminology.Answer;
import org.backcheck.service.cdshooks.SnomedTerminology.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The terminology client against a fake FHIR terminology server on a random local port. The fake
 * answers {@code $validate-code} from a made-up slice of the SNOMED CT hierarchy, reading the ECL back
 * out of the implicit value-set URL the way a real server must, and answers the existence call (the
 * implicit value set of all concepts) for the concepts in that slice only; each test can swap its
 * answer for a failure, a delay or a malformed body, and sees every request it got.
 */
class FhirTerminologyServerTest {

    private static final String CANCER_PARENT = "363346000";     // Malignant neoplastic disease
    private static final String SECONDARY_PARENT = "94222008";
    private static final String INFECTION_PARENT = "40733004";   // Infectious disease
    private static final String LUNG_CANCER = "254637007";       // under CANCER_PARENT in the fake
    private static final String PNEUMONIA = "233604007";         // under INFECTION_PARENT in the fake
    private static final String INFARCTION = "22298006";         // under neither
    private static final String UNKNOWN = "138875005";           // a valid concept id the fake does not know
    private static final String TOKEN = "s3cret-terminology-token";

    /** Ancestors of each concept, in the fake; a concept is also "under" itself. The fake knows these concepts only. */
    private static final Map<String, Set<String>> ANCESTORS = Map.of(
            LUNG_CANCER, Set.of(CANCER_PARENT, "404684003"),
            PNEUMONIA, Set.of(INFECTION_PARENT, "404684003"),
            INFARCTION, Set.of("404684003"),
            SECONDARY_PARENT, Set.of("404684003"));

    private static final Map<String, List<String>> GROUPS = Map.of(
            "cancer", List.of(CANCER_PARENT, SECONDARY_PARENT),
            "infection", List.of(INFECTION_PARENT));

    /** What the fake saw of one request. */
    record Seen(String path, String rawQuery, String url, String system, String code, String accept, String authorization) {
        /** Whether this is the call asking if the concept exists at all. */
        boolean asksExistence() {
            return FhirTerminologyServer.ALL_CONCEPTS.equals(url);
        }

        /** The ECL inside the implicit value-set URL, decoded a second time as the spec says it is encoded. */
        String ecl() {
            assertThat(url).startsWith(FhirTerminologyServer.ECL_VALUE_SET);
            return URLDecoder.decode(url.substring(FhirTerminologyServer.ECL_VALUE_SET.length()), StandardCharsets.UTF_8);
        }

        /** The parents a group call asks about; none for the existence call. */
        List<String> parents() {
            if (asksExistence()) {
                return List.of();
            }
            return Arrays.stream(ecl().split(" OR ")).map(p -> p.replaceFirst("^<< ", "")).collect(Collectors.toList());
        }
    }

    /** What the fake answers. */
    record Reply(int status, String body, long delayMillis, String location) {
        static Reply membership(Seen seen) {
            if (seen.asksExistence()) {
                return new Reply(200, parameters(ANCESTORS.containsKey(seen.code())), 0, null);
            }
            Set<String> ancestors = ANCESTORS.getOrDefault(seen.code(), Set.of());
            boolean in = seen.parents().stream().anyMatch(p -> p.equals(seen.code()) || ancestors.contains(p));
            return new Reply(200, parameters(in), 0, null);
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, 0, null);
        }

        Reply delayed(long millis) {
            return new Reply(status, body, millis, location);
        }
    }

    private static final List<Seen> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile Function<Seen, Reply> reply = Reply::membership;
    private static Javalin fake;
    private static String base;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T12:00:00Z"));

    @BeforeAll
    static void start() {
        fake = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/fhir/ValueSet/$validate-code", ctx -> {
                Seen seen = new Seen(ctx.path(), ctx.queryString(), ctx.queryParam("url"), ctx.queryParam("system"),
                        ctx.queryParam("code"), ctx.header("Accept"), ctx.header("Authorization"));
                SEEN.add(seen);
                Reply r = reply.apply(seen);
                if (r.delayMillis() > 0 && !pause(r.delayMillis())) {
                    return;
                }
                if (r.location() != null) {
                    ctx.header("Location", r.location());
                }
                ctx.status(r.status()).contentType("application/fhir+json").result(r.body());
            });
            config.routes.get("/elsewhere", ctx -> {
                SEEN.add(new Seen(ctx.path(), ctx.queryString(), null, null, null, null, null));
                ctx.contentType("application/fhir+json").result(parameters(true));
            });
        }).start();
        base = "http://127.0.0.1:" + fake.port() + "/fhir";
    }

    /** Sleeps like a slow server; false when interrupted (the fake is stopping), so the request is dropped quietly. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    @BeforeEach
    void reset() {
        SEEN.clear();
        reply = Reply::membership;
    }

    private FhirTerminologyServer server() {
        return server(Duration.ofMillis(1500), 10_000);
    }

    private FhirTerminologyServer server(Duration deadline, int cacheSize) {
        return new FhirTerminologyServer(base, TOKEN, deadline, Duration.ofHours(24), Duration.ofSeconds(30), cacheSize, clock);
    }

    static String parameters(boolean result) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":" + result
                + "},{\"name\":\"display\",\"valueString\":\"Some display\"}]}";
    }

    // ---- answers ----

    @Test
    void aConceptUnderOneGroupsParentIsInThatGroupOnly() {
        assertThat(server().groupsOf(LUNG_CANCER, GROUPS)).isEqualTo(Answer.answered(Set.of("cancer")));
        assertThat(server().groupsOf(PNEUMONIA, GROUPS)).isEqualTo(Answer.answered(Set.of("infection")));
    }

    @Test
    void aParentItselfIsInItsGroup() {
        assertThat(server().groupsOf(SECONDARY_PARENT, GROUPS)).isEqualTo(Answer.answered(Set.of("cancer")));
    }

    @Test
    void aConceptUnderNoParentIsAnsweredWithNoGroups() {
        Answer answer = server().groupsOf(INFARCTION, GROUPS);
        assertThat(answer.status()).isEqualTo(Status.ANSWERED);
        assertThat(answer.groups()).isEmpty();
        assertThat(answer.problem()).isNull();
        assertThat(SEEN).as("two groups and the existence call").hasSize(3);
    }

    @Test
    void eachGroupIsOneValidateCodeCallWithTheEclImplicitValueSetEncodedAsTheSpecSays() {
        server().groupsOf(LUNG_CANCER, Map.of("cancer", List.of(CANCER_PARENT, SECONDARY_PARENT)));
        assertThat(SEEN).hasSize(2);
        List<Seen> groupCalls = groupCalls();
        assertThat(groupCalls).hasSize(1);
        Seen seen = groupCalls.get(0);
        assertThat(seen.path()).isEqualTo("/fhir/ValueSet/$validate-code");
        // Decoded once as a query parameter: the value-set URL, its ECL still URI-encoded, spaces as %20.
        assertThat(seen.url()).isEqualTo("http://snomed.info/sct?fhir_vs=ecl/%3C%3C%20363346000%20OR%20%3C%3C%2094222008");
        assertThat(seen.ecl()).isEqualTo("<< 363346000 OR << 94222008");
        assertThat(seen.system()).isEqualTo("http://snomed.info/sct");
        assertThat(seen.code()).isEqualTo(LUNG_CANCER);
        assertThat(seen.accept()).isEqualTo("application/fhir+json");
        assertThat(seen.rawQuery()).doesNotContain("+").startsWith("url=http%3A%2F%2Fsnomed.info%2Fsct%3Ffhir_vs%3Decl%2F%253C%253C%2520");
    }

    @Test
    void theGroupCallsGoOutTogether() {
        // Three calls of 600 ms each fit a 1.5 s deadline only side by side; one after another they take 1.8 s.
        Map<String, List<String>> three = Map.of("cancer", List.of(CANCER_PARENT), "secondary", List.of(SECONDARY_PARENT),
                "infection", List.of(INFECTION_PARENT));
        reply = seen -> Reply.membership(seen).delayed(600);
        long start = System.nanoTime();
        assertThat(server().groupsOf(LUNG_CANCER, three)).isEqualTo(Answer.answered(Set.of("cancer")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(SEEN).hasSize(4);
    }

    @Test
    void theTokenIsSentAsBearerAndShownNowhere() {
        FhirTerminologyServer server = server();
        server.groupsOf(LUNG_CANCER, GROUPS);
        assertThat(SEEN).hasSize(3).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(server.toString()).doesNotContain(TOKEN);
        reply = seen -> Reply.of(401, "{\"resourceType\":\"OperationOutcome\"}");
        assertThat(server().groupsOf(INFARCTION, GROUPS).problem()).doesNotContain(TOKEN);
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        new FhirTerminologyServer(base, null).groupsOf(LUNG_CANCER, GROUPS);
        assertThat(SEEN).hasSize(3).allSatisfy(s -> assertThat(s.authorization()).isNull());
    }

    // ---- a concept the server does not know ----

    @Test
    void aConceptTheServerDoesNotKnowIsUnavailableNotAnsweredWithNoGroups() {
        FhirTerminologyServer server = server();
        Answer answer = server.groupsOf(UNKNOWN, GROUPS);
        assertThat(answer).isEqualTo(Answer.unavailable(FhirTerminologyServer.UNKNOWN_CONCEPT));
        assertThat(answer.problem()).isEqualTo("the terminology server does not know this concept").doesNotContain(UNKNOWN);
        assertThat(groupCalls()).as("the groups were asked too, in the same go").hasSize(2);
    }

    @Test
    void anUnknownConceptIsNotAServerFailureSoNoBackOffAndItIsAskedAgain() {
        FhirTerminologyServer server = server();
        assertThat(server.groupsOf(UNKNOWN, GROUPS).status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(server.groupsOf(LUNG_CANCER, GROUPS)).isEqualTo(Answer.answered(Set.of("cancer")));
        assertThat(SEEN).hasSize(6);
        // Not cached: a server that has since loaded the concept is believed at once.
        assertThat(server.groupsOf(UNKNOWN, GROUPS).status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(SEEN).hasSize(9);
    }

    @Test
    void aServerThatPutsAConceptInAGroupButNotInItsEditionIsNotBelieved() {
        reply = seen -> seen.asksExistence() ? Reply.of(200, parameters(false)) : Reply.of(200, parameters(true));
        assertThat(server().groupsOf(LUNG_CANCER, GROUPS)).isEqualTo(Answer.unavailable(FhirTerminologyServer.UNKNOWN_CONCEPT));
    }

    @Test
    void theExistenceCallAsksTheImplicitValueSetOfAllConcepts() {
        server().groupsOf(INFARCTION, Map.of("cancer", List.of(CANCER_PARENT)));
        List<Seen> existence = SEEN.stream().filter(Seen::asksExistence).collect(Collectors.toList());
        assertThat(existence).hasSize(1);
        Seen seen = existence.get(0);
        assertThat(seen.path()).isEqualTo("/fhir/ValueSet/$validate-code");
        assertThat(seen.url()).isEqualTo("http://snomed.info/sct?fhir_vs");
        assertThat(seen.rawQuery()).isEqualTo("url=http%3A%2F%2Fsnomed.info%2Fsct%3Ffhir_vs&system=http%3A%2F%2Fsnomed.info%2Fsct&code="
                + INFARCTION);
        assertThat(seen.accept()).isEqualTo("application/fhir+json");
        assertThat(seen.authorization()).isEqualTo("Bearer " + TOKEN);
    }

    static Stream<Arguments> existenceFailures() {
        return Stream.of(
                Arguments.of("HTTP 500", Reply.of(500, "{\"resourceType\":\"OperationOutcome\"}"), "answered HTTP 500"),
                Arguments.of("not Parameters", Reply.of(200, "{\"resourceType\":\"OperationOutcome\"}"), "not a Parameters resource"),
                Arguments.of("too slow", Reply.of(200, parameters(true)).delayed(4000), "no answer within 1 s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existenceFailures")
    void aFailureOfOnlyTheExistenceCallIsUnavailable(String name, Reply existence, String problem) {
        // The groups answer at once that the concept is in none of them; only the existence call goes wrong.
        reply = seen -> seen.asksExistence() ? existence : Reply.membership(seen);
        Answer answer = server(Duration.ofSeconds(1), 10).groupsOf(INFARCTION, GROUPS);
        assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(answer.groups()).isEmpty();
        assertThat(answer.problem()).contains(problem);
    }

    /** The calls the fake got that ask about a group, not about existence. */
    private static List<Seen> groupCalls() {
        synchronized (SEEN) {
            return SEEN.stream().filter(s -> !s.asksExistence()).collect(Collectors.toList());
        }
    }

    // ---- cache ----

    @Test
    void anAnswerIsReusedUntilItsTimeToLiveEnds() {
        FhirTerminologyServer server = server();
        Answer first = server.groupsOf(LUNG_CANCER, GROUPS);
        assertThat(SEEN).hasSize(3);

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(server.groupsOf(LUNG_CANCER, GROUPS)).isEqualTo(first);
        assertThat(SEEN).as("served from the cache").hasSize(3);

        clock.advance(Duration.ofSeconds(1));
        assertThat(server.groupsOf(LUNG_CANCER, GROUPS)).isEqualTo(first);
        assertThat(SEEN).as("asked again after 24 h").hasSize(6);
    }

    @Test
    void theCacheKeyIncludesTheGroups() {
        FhirTerminologyServer server = server();
        server.groupsOf(LUNG_CANCER, GROUPS);
        assertThat(server.groupsOf(LUNG_CANCER, Map.of("cancer", List.of(SECONDARY_PARENT)))).isEqualTo(Answer.answered(Set.of()));
        assertThat(SEEN).hasSize(5);
        // Equal groups in another map instance share the entry.
        server.groupsOf(LUNG_CANCER, Map.of("infection", List.of(INFECTION_PARENT), "cancer", List.of(CANCER_PARENT, SECONDARY_PARENT)));
        assertThat(SEEN).hasSize(5);
    }

    @Test
    void theCacheDropsItsOldestAnswerWhenFull() {
        FhirTerminologyServer server = server(Duration.ofMillis(1500), 2);
        Map<String, List<String>> cancer = Map.of("cancer", List.of(CANCER_PARENT));
        server.groupsOf(LUNG_CANCER, cancer);
        server.groupsOf(PNEUMONIA, cancer);
        server.groupsOf(INFARCTION, cancer);
        assertThat(SEEN).hasSize(6);
        server.groupsOf(INFARCTION, cancer);
        assertThat(SEEN).as("the newest is kept").hasSize(6);
        server.groupsOf(LUNG_CANCER, cancer);
        assertThat(SEEN).as("the oldest was dropped").hasSize(8);
    }

    // ---- failures ----

    @Test
    void aSlowServerIsUnavailableAtTheDeadlineNotLater() {
        reply = seen -> Reply.membership(seen).delayed(3000);
        Duration deadline = Duration.ofMillis(400);
        long start = System.nanoTime();
        Answer answer = server(deadline, 10).groupsOf(LUNG_CANCER, GROUPS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer).isEqualTo(Answer.unavailable("no answer within 0.4 s"));
        assertThat(took).isGreaterThanOrEqualTo(deadline.minusMillis(50)).isLessThan(deadline.plusSeconds(1));
    }

    @Test
    void oneSlowGroupMakesTheWholeAnswerUnavailableNotAPartialOne() {
        reply = seen -> seen.parents().contains(INFECTION_PARENT) ? Reply.membership(seen).delayed(3000) : Reply.membership(seen);
        Answer answer = server(Duration.ofMillis(400), 10).groupsOf(LUNG_CANCER, GROUPS);
        assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(answer.groups()).isEmpty();
    }

    @Test
    void aFailedGroupAnswersAtOnceWithoutWaitingForTheOthers() {
        reply = seen -> seen.parents().contains(INFECTION_PARENT) ? Reply.membership(seen).delayed(4000) : Reply.of(500, "");
        long start = System.nanoTime();
        Answer answer = server(Duration.ofSeconds(5), 10).groupsOf(INFARCTION, GROUPS);
        assertThat(answer).isEqualTo(Answer.unavailable("the terminology server answered HTTP 500"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    static Stream<Arguments> badAnswers() {
        String notParameters = "not a Parameters resource with a boolean result";
        return Stream.of(
                Arguments.of("500", Reply.of(500, "{\"resourceType\":\"OperationOutcome\"}"), "answered HTTP 500"),
                Arguments.of("404", Reply.of(404, "{\"resourceType\":\"OperationOutcome\"}"), "answered HTTP 404"),
                Arguments.of("redirect", new Reply(302, "", 0, "/elsewhere"), "answered HTTP 302"),
                Arguments.of("not JSON", Reply.of(200, "<html><body>Gateway</body></html>"), notParameters),
                Arguments.of("no result", Reply.of(200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"message\",\"valueString\":\"x\"}]}"),
                        notParameters),
                Arguments.of("no parameters", Reply.of(200, "{\"resourceType\":\"Parameters\"}"), notParameters),
                Arguments.of("result as a string", Reply.of(200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":\"true\"}]}"),
                        notParameters),
                Arguments.of("two results", Reply.of(200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"result\",\"valueBoolean\":true}]}"), notParameters),
                Arguments.of("an OperationOutcome", Reply.of(200, "{\"resourceType\":\"OperationOutcome\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true}]}"),
                        notParameters),
                Arguments.of("empty", Reply.of(200, ""), notParameters),
                Arguments.of("over 1 MiB", Reply.of(200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"message\",\"valueString\":\"" + "x".repeat(FhirTerminologyServer.MAX_RESPONSE_BYTES) + "\"}]}"), "larger than 1 MiB"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void anythingButABooleanResultIsUnavailable(String name, Reply bad, String problem) {
        reply = seen -> bad;
        Answer answer = server().groupsOf(INFARCTION, GROUPS);
        assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(answer.groups()).isEmpty();
        assertThat(answer.problem()).contains(problem).doesNotContain(INFARCTION).doesNotContain("127.0.0.1");
        assertThat(SEEN).as("no redirect followed").noneMatch(s -> s.path().equals("/elsewhere"));
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer answer = new FhirTerminologyServer("http://127.0.0.1:" + closedPort + "/fhir", null)
                .groupsOf(INFARCTION, GROUPS);
        assertThat(answer).isEqualTo(Answer.unavailable("could not connect to the terminology server"));
    }

    @Test
    void afterAFailureTheServerIsLeftAloneForTheBackOffAndTheFailureIsNotCached() {
        FhirTerminologyServer server = server();
        reply = seen -> Reply.of(500, "");
        assertThat(server.groupsOf(LUNG_CANCER, GROUPS).status()).isEqualTo(Status.UNAVAILABLE);
        int afterFailure = waitForQuiet();
        assertThat(afterFailure).isPositive();

        reply = Reply::membership;
        clock.advance(Duration.ofSeconds(29));
        Answer quiet = server.groupsOf(LUNG_CANCER, GROUPS);
        assertThat(quiet.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(quiet.problem()).contains("not asked again");
        assertThat(server.groupsOf(PNEUMONIA, GROUPS).status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(SEEN).as("no call during the back-off").hasSize(afterFailure);

        clock.advance(Duration.ofSeconds(1));
        assertThat(server.groupsOf(LUNG_CANCER, GROUPS)).isEqualTo(Answer.answered(Set.of("cancer")));
        assertThat(SEEN).hasSize(afterFailure + 3);
    }

    /** The failed answer may return before the fake has logged the second group's call; wait for it to settle. */
    private static int waitForQuiet() {
        int last = -1;
        for (int i = 0; i < 20 && SEEN.size() != last; i++) {
            last = SEEN.size();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return SEEN.size();
    }

    // ---- input ----

    @ParameterizedTest
    @ValueSource(strings = {"363346001", "36334600O", "12345", "1234567890123456789", "0363346000", " 363346000",
        "363346000 ", "", "123456017", "754786014", "<< 363346000"})
    void anythingButAConceptIdIsUnavailableWithoutACall(String id) {
        FhirTerminologyServer server = server();
        assertThat(server.groupsOf(id, GROUPS)).isEqualTo(Answer.unavailable("not a SNOMED CT identifier"));
        assertThat(SEEN).isEmpty();
        // Not a server failure: no back-off.
        assertThat(server.groupsOf(LUNG_CANCER, GROUPS).status()).isEqualTo(Status.ANSWERED);
    }

    @Test
    void aNullConceptIsUnavailableWithoutACall() {
        assertThat(server().groupsOf(null, GROUPS)).isEqualTo(Answer.unavailable("not a SNOMED CT identifier"));
        assertThat(SEEN).isEmpty();
    }

    @Test
    void conceptIdsFollowTheVerhoeffCheckAndThePartition() {
        // Real concept ids, short and long (extension) format.
        assertThat(Stream.of("138875005", "404684003", "363346000", "94222008", "22298006", "900000000000207008", "32506021000036107"))
                .allMatch(FhirTerminologyServer::isConceptId);
        // Each digit changed, one at a time, breaks the check.
        for (int i = 0; i < CANCER_PARENT.length(); i++) {
            char[] digits = CANCER_PARENT.toCharArray();
            digits[i] = (char) ('0' + (digits[i] - '0' + 1) % 10);
            assertThat(SctId.Verhoeff.valid(new String(digits))).as(new String(digits)).isFalse();
        }
        // Swapping two neighbouring digits breaks it too.
        assertThat(SctId.Verhoeff.valid("363436000")).isFalse();
        // A description id (partition 01) with a right check digit is not a concept id.
        assertThat(SctId.Verhoeff.valid("123456017")).isTrue();
        assertThat(FhirTerminologyServer.isConceptId("123456017")).isFalse();
    }

    @Test
    void malformedGroupsAreAProgrammingError() {
        FhirTerminologyServer server = server();
        assertThatThrownBy(() -> server.groupsOf(LUNG_CANCER, Map.of("cancer", List.of("363346001"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("363346001");
        assertThatThrownBy(() -> server.groupsOf(LUNG_CANCER, Map.of("cancer", List.of("123456017"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.groupsOf(LUNG_CANCER, Map.of("cancer", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.groupsOf(LUNG_CANCER, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SEEN).isEmpty();
    }

    // ---- configuration ----

    @ParameterizedTest
    @ValueSource(strings = {"https://tx.example.org/fhir", "https://tx.example.org/fhir/", "HTTPS://tx.example.org:8443/fhir"})
    void httpsUrlsAreAcceptedWithoutTheTrailingSlash(String url) {
        assertThat(FhirTerminologyServer.checkUrl(url)).doesNotEndWith("/").endsWith("/fhir");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/fhir", "http://127.0.0.1:8080/fhir", "http://[::1]:8080/fhir"})
    void httpIsAcceptedOnlyOnThisMachine(String url) {
        assertThat(FhirTerminologyServer.checkUrl(url)).isEqualTo(url);
    }

    static Stream<Arguments> refusedUrls() {
        return Stream.of(
                Arguments.of("http://tx.example.org/fhir", "must use https"),
                Arguments.of("http://127.0.0.2/fhir", "must use https"),
                Arguments.of("https://admin:hunter2@tx.example.org/fhir", "user name or password"),
                Arguments.of("https://tx.example.org/fhir?apikey=hunter2", "query"),
                Arguments.of("https://tx.example.org/fhir#hunter2", "fragment"),
                Arguments.of("ftp://tx.example.org/fhir", "https URL"),
                Arguments.of("tx.example.org/fhir", "https URL"),
                Arguments.of("https:///fhir", "host"),
                Arguments.of("not a url hunter2", "not a valid URL"),
                Arguments.of("", "empty"));
    }

    @ParameterizedTest
    @MethodSource("refusedUrls")
    void otherUrlsAreRefusedWithAMessageThatSaysWhatToChange(String url, String message) {
        assertThatThrownBy(() -> FhirTerminologyServer.checkUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("--terminology-url")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new FhirTerminologyServer(url, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenWithLineBreaksIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new FhirTerminologyServer(base, "abc\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Evil");
    }

    // ---- the interface ----

    @Test
    void withoutATerminologyEveryAnswerIsNotConfigured() {
        Answer answer = SnomedTerminology.none().groupsOf(LUNG_CANCER, GROUPS);
        assertThat(answer.status()).isEqualTo(Status.NOT_CONFIGURED);
        assertThat(answer.groups()).isEmpty();
        assertThat(SEEN).isEmpty();
    }

    @Test
    void answersAreCheckedAndCopied() {
        Set<String> groups = new HashSet<>(Set.of("infection", "cancer"));
        Answer answer = Answer.answered(groups);
        groups.add("fracture");
        assertThat(answer.groups()).containsExactly("cancer", "infection");
        assertThatThrownBy(() -> answer.groups().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Answer.unavailable(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Answer(Status.UNAVAILABLE, Set.of("cancer"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Answer(Status.ANSWERED, Set.of(), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Answer.answered(null)).isInstanceOf(NullPointerException.class);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
