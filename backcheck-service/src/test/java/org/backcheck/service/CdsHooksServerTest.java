package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.backcheck.guidance.RedFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CDS Hooks service on a real server on a random port, through the JDK's HTTP client, with the
 * hand-written example requests in src/test/resources/cds/. Today is fixed at 2026-11-21, so the
 * example patient (born 1978-03-14) is 48.
 */
class CdsHooksServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "test-access-token-7f3a";

    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> FHIR_AUTH = Collections.synchronizedList(new ArrayList<>());
    private static BackcheckServer server;
    private static Javalin fhir;

    @BeforeAll
    static void start() throws IOException {
        server = BackcheckServer.builder().requestLog(LOG::add).clock(TODAY).build().start(0);
        String patient = resource("patient.json");
        String conditions = resource("conditions.json");
        // A stand-in for the EHR's FHIR server: answers only with the right bearer token.
        fhir = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.before(ctx -> {
                String auth = ctx.header("Authorization");
                FHIR_AUTH.add(auth == null ? "" : auth);
                if (!("Bearer " + TOKEN).equals(auth)) {
                    ctx.skipRemainingHandlers();
                    ctx.status(401).result("{\"resourceType\":\"OperationOutcome\"}");
                }
            });
            config.routes.get("/fhir/Patient/123", ctx -> ctx.contentType("application/fhir+json").result(patient));
            // The encounter the example's context names: a GP surgery appointment.
            config.routes.get("/fhir/Encounter/enc-89284", ctx -> ctx.contentType("application/fhir+json").result(
                    "{\"resourceType\":\"Encounter\",\"id\":\"enc-89284\",\"status\":\"in-progress\","
                            + "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},"
                            + "\"subject\":{\"reference\":\"Patient/123\"}}"));
            config.routes.get("/fhir/Condition", ctx -> {
                assertThat(ctx.queryParam("patient")).isEqualTo("123");
                // Every clinical status: a past cancer is a red flag.
                assertThat(ctx.queryParam("clinical-status")).isNull();
                ctx.contentType("application/fhir+json").result(conditions);
            });
        }).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        fhir.stop();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CdsHooksServerTest.class.getResourceAsStream("/cds/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static ObjectNode example(String name) throws IOException {
        return (ObjectNode) JSON.readTree(resource(name));
    }

    private static HttpResponse<String> post(String path, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static ArrayNode cards(JsonNode request) throws Exception {
        HttpResponse<String> r = post("/cds-services/lumbar-imaging-" + request.get("hook").asText(), request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return (ArrayNode) JSON.readTree(r.body()).get("cards");
    }

    /** Adds a reason code to the example MRI order. */
    private static ObjectNode withOrderReason(ObjectNode request, String system, String code) {
        ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        ((ArrayNode) order.get("reasonCode")).addObject().putArray("coding").addObject().put("system", system).put("code", code);
        return request;
    }

    /** Adds an active condition to the prefetched conditions. */
    private static ObjectNode withCondition(ObjectNode request, String system, String code) {
        ObjectNode c = ((ArrayNode) request.at("/prefetch/conditions/entry")).addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "added-" + code.replace(".", ""));
        c.putObject("clinicalStatus").putArray("coding").addObject().put("code", "active");
        c.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        c.putObject("subject").put("reference", "Patient/123");
        return request;
    }

    private static void assertCommon(JsonNode card) {
        assertThat(card.get("uuid").asText()).matches("[0-9a-f-]{36}");
        assertThat(card.get("summary").asText()).isNotBlank().hasSizeLessThan(140);
        assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
        assertThat(card.get("detail").asText()).isNotBlank();
        assertThat(card.at("/source/label").asText()).isEqualTo("Backcheck: NHS EBI low back pain imaging");
        assertThat(card.at("/source/url").asText()).isEqualTo(RedFlags.sources().get("EBI-LBP").url());
    }

    @Test
    void discoveryListsBothOrderServicesWithPrefetchTemplates() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/cds-services")).build(), BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode services = JSON.readTree(r.body()).get("services");
        assertThat(services).hasSize(2);
        assertThat(services.findValuesAsText("id")).containsExactly("lumbar-imaging-order-select", "lumbar-imaging-order-sign");
        assertThat(services.findValuesAsText("hook")).containsExactly("order-select", "order-sign");
        for (JsonNode s : services) {
            assertThat(s.get("title").asText()).isNotBlank();
            assertThat(s.get("description").asText()).isNotBlank();
            assertThat(s.at("/prefetch/patient").asText()).isEqualTo("Patient/{{context.patientId}}");
            assertThat(s.at("/prefetch/conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}");
            assertThat(s.at("/prefetch/encounter").asText()).isEqualTo("Encounter/{{context.encounterId}}");
        }
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void noRedFlagsGivesAWarningWithSuggestionsOverrideReasonsAndALink() throws Exception {
        ArrayNode cards = cards(example("order-sign-request.json"));
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertCommon(card);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("ask about red flags before cancelling");
        assertThat(card.get("detail").asText()).contains("EBI-LBP").contains("NICE-NG59")
                .contains("\u201cLow back pain\u201d (SNOMED CT 279039007)").contains("How long the pain has lasted")
                .doesNotContain("six weeks");
        assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode suggestions = card.get("suggestions");
        assertThat(suggestions).hasSize(2);
        JsonNode cancel = suggestions.get(0).get("actions");
        assertThat(cancel).hasSize(1);
        assertThat(cancel.get(0).get("type").asText()).isEqualTo("delete");
        assertThat(cancel.get(0).get("resourceId").asText()).isEqualTo("ServiceRequest/mri-1");
        JsonNode replace = suggestions.get(1).get("actions");
        assertThat(replace.findValuesAsText("type")).containsExactly("delete", "create");
        JsonNode referral = replace.get(1).get("resource");
        assertThat(referral.get("resourceType").asText()).isEqualTo("ServiceRequest");
        assertThat(referral.at("/code/coding/0/code").asText()).isEqualTo("308447003");
        assertThat(referral.at("/subject/reference").asText()).isEqualTo("Patient/123");
        assertThat(referral.at("/reasonCode/0/coding/0/code").asText()).isEqualTo("M54.5");
        JsonNode reasons = card.get("overrideReasons");
        assertThat(reasons.findValuesAsText("code")).containsExactly("red-flag-not-coded", "specialist-request", "specialist-assessed", "other");
        reasons.forEach(r -> assertThat(r.get("display").asText()).isNotBlank());
        JsonNode link = card.get("links").get(0);
        assertThat(link.get("type").asText()).isEqualTo("absolute");
        assertThat(link.get("url").asText()).isEqualTo(server.uri().resolve("/?age=48").toString());
    }

    @Test
    void suspectedCaudaEquinaGivesACriticalCardThatNeverOffersToCancel() throws Exception {
        ArrayNode cards = cards(withOrderReason(example("order-sign-request.json"), "http://hl7.org/fhir/sid/icd-10", "G83.4"));
        JsonNode card = cards.get(0);
        assertCommon(card);
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("summary").asText()).containsIgnoringCase("emergency MRI");
        assertThat(card.get("detail").asText()).contains("(ICD-10 G83.4)").contains("cauda equina syndrome");
        assertThat(card.has("suggestions")).isFalse();
        assertThat(card.findValues("type").stream().map(JsonNode::asText)).doesNotContain("delete");
    }

    @Test
    void caudaEquinaCodedInSnomedOnTheProblemListIsAlsoCritical() throws Exception {
        ArrayNode cards = cards(withCondition(example("order-sign-request.json"), "http://snomed.info/sct", "192970008"));
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void otherRedFlagsGiveAnInfoCardWithThePathway() throws Exception {
        JsonNode card = cards(withCondition(example("order-sign-request.json"), "http://hl7.org/fhir/sid/icd-10-cm", "C79.51")).get(0);
        assertCommon(card);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("summary").asText()).contains("follow its pathway");
        // A secondary bone cancer is a known cancer: the MSCC service within 24 hours (NICE NG234).
        assertThat(card.get("detail").asText()).contains("MSCC coordinator within 24 hours").contains("ICD-10 C79.51");
        assertThat(card.has("suggestions")).isFalse();
        // The page gets the diagnosis, not a pre-ticked symptom.
        assertThat(card.at("/links/0/url").asText()).endsWith("/?age=48&record=history_of_cancer%3AICD-10+C79.51");
    }

    @Test
    void osteoporosisAloneIsARiskFactorThatBlocksTheCancelSuggestionButNotARedFlag() throws Exception {
        JsonNode card = cards(withCondition(example("order-sign-request.json"), "http://hl7.org/fhir/sid/icd-10", "M81.0")).get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.has("suggestions")).isFalse();
        assertThat(card.get("detail").asText()).contains("a risk factor").contains("ICD-10 M81.0")
                .doesNotContain("imaging is appropriate");
    }

    @Test
    void underNineteenGetsAnInfoCardSayingTheGuidanceDoesNotApply() throws Exception {
        ObjectNode request = example("order-sign-request.json");
        ((ObjectNode) request.at("/prefetch/patient")).put("birthDate", "2009-06-01");
        JsonNode card = cards(request).get(0);
        assertCommon(card);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("summary").asText()).contains("Under 19");
        assertThat(card.has("suggestions")).isFalse();
    }

    @Test
    void underNineteenWithCaudaEquinaIsStillCritical() throws Exception {
        ObjectNode request = withOrderReason(example("order-sign-request.json"), "http://hl7.org/fhir/sid/icd-10", "G83.4");
        ((ObjectNode) request.at("/prefetch/patient")).put("birthDate", "2012-01-01");
        assertThat(cards(request).get(0).get("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void noLumbarImagingGivesNoCards() throws Exception {
        ObjectNode request = example("order-sign-request.json");
        ((ArrayNode) request.at("/context/draftOrders/entry")).remove(0);
        assertThat(cards(request)).isEmpty();
    }

    @Test
    void orderSelectCountsOnlyTheSelectedOrders() throws Exception {
        ObjectNode request = example("order-select-request.json");
        assertThat(cards(request)).hasSize(1);
        ((ObjectNode) request.get("context")).putArray("selections").add("ServiceRequest/fbc-1");
        assertThat(cards(request)).isEmpty();
    }

    @Test
    void missingPrefetchWithoutAFhirServerIs412() throws Exception {
        ObjectNode request = example("order-sign-request.json");
        ((ObjectNode) request.get("prefetch")).remove("patient");
        HttpResponse<String> r = post("/cds-services/lumbar-imaging-order-sign", request);
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("patient").doesNotContain("conditions");
    }

    @Test
    void missingPrefetchIsReadFromTheFhirServerWithTheBearerToken() throws Exception {
        ObjectNode request = example("order-sign-request.json");
        request.remove("prefetch");
        request.put("fhirServer", "http://127.0.0.1:" + fhir.port() + "/fhir/");
        ObjectNode auth = request.putObject("fhirAuthorization");
        auth.put("access_token", TOKEN).put("token_type", "Bearer").put("expires_in", 300)
                .put("scope", "patient/Patient.read patient/Condition.read").put("subject", "cds-service-backcheck");
        FHIR_AUTH.clear();
        JsonNode card = cards(request).get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.at("/links/0/url").asText()).endsWith("/?age=48");
        assertThat(FHIR_AUTH).hasSize(3).allMatch(("Bearer " + TOKEN)::equals);   // patient, encounter, conditions
        assertThat(String.join("\n", LOG)).doesNotContain(TOKEN);

        auth.put("access_token", "wrong-token");
        HttpResponse<String> refused = post("/cds-services/lumbar-imaging-order-sign", request);
        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(refused.body()).contains("check fhirServer and the access token").doesNotContain("wrong-token");

        request.remove("fhirAuthorization");
        HttpResponse<String> noToken = post("/cds-services/lumbar-imaging-order-sign", request);
        assertThat(noToken.statusCode()).isEqualTo(412);
        assertThat(JSON.readTree(noToken.body()).get("detail").asText()).contains("fhirAuthorization");
    }

    @Test
    void aFhirServerThatIsNeitherHttpsNorLocalIsRefused() throws Exception {
        ObjectNode request = example("order-sign-request.json");
        request.put("fhirServer", "http://ehr.example.org/fhir");
        HttpResponse<String> r = post("/cds-services/lumbar-imaging-order-sign", request);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("fhirServer");
    }

    @Test
    void malformedRequestsAre400NamingTheField() throws Exception {
        ObjectNode noInstance = example("order-sign-request.json");
        noInstance.remove("hookInstance");
        assertField(noInstance, "hookInstance");

        ObjectNode wrongHook = example("order-sign-request.json");
        wrongHook.put("hook", "order-select");
        assertThat(JSON.readTree(post("/cds-services/lumbar-imaging-order-sign", wrongHook).body()).get("field").asText()).isEqualTo("hook");

        ObjectNode notBundle = example("order-sign-request.json");
        ((ObjectNode) notBundle.get("context")).set("draftOrders", notBundle.at("/prefetch/patient"));
        assertField(notBundle, "context.draftOrders");

        ObjectNode noPatientId = example("order-sign-request.json");
        ((ObjectNode) noPatientId.get("context")).put("patientId", "../../admin");
        assertField(noPatientId, "context.patientId");

        ObjectNode selectWithout = example("order-select-request.json");
        ((ObjectNode) selectWithout.get("context")).remove("selections");
        HttpResponse<String> r = post("/cds-services/lumbar-imaging-order-select", selectWithout);
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("context.selections");

        HttpRequest notJson = HttpRequest.newBuilder(server.uri().resolve("/cds-services/lumbar-imaging-order-sign"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"hook\":")).build();
        HttpResponse<String> bad = HTTP.send(notJson, BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    private static void assertField(JsonNode request, String field) throws Exception {
        HttpResponse<String> r = post("/cds-services/lumbar-imaging-order-sign", request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo(field);
    }

    @Test
    void unknownServiceIs404() throws Exception {
        HttpResponse<String> r = post("/cds-services/no-such-service", example("order-sign-request.json"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void feedbackIs501UntilAHandlerIsPluggedIn() throws Exception {
        HttpResponse<String> r = post("/cds-services/lumbar-imaging-order-sign/feedback", JSON.createObjectNode().putArray("feedback"));
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void theSecurityHookRunsBeforeEveryCdsRoute() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (BackcheckServer guarded = BackcheckServer.builder().requestLog(s -> { }).clock(TODAY)
                .cdsSecurity(ctx -> {
                    seen.add(ctx.path());
                    if (ctx.header("Authorization") == null) {
                        throw new io.javalin.http.UnauthorizedResponse("Bearer token required");
                    }
                }).build().start(0)) {
            URI base = guarded.uri();
            HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(base.resolve("/cds-services")).build(), BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(401);
            HttpResponse<String> call = HTTP.send(HttpRequest.newBuilder(base.resolve("/cds-services/lumbar-imaging-order-sign"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer x")
                    .POST(BodyPublishers.ofString(resource("order-sign-request.json"))).build(), BodyHandlers.ofString());
            assertThat(call.statusCode()).isEqualTo(200);
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
        }
        assertThat(seen).containsExactly("/cds-services", "/cds-services/lumbar-imaging-order-sign");
    }
}
