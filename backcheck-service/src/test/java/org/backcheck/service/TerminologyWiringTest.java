package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BackcheckServer.Builder#terminologyServer} reaches the CDS Hooks service: a hook call whose
 * problem list holds a SNOMED CT concept that is not on Backcheck's list is decided by what a fake FHIR
 * terminology server says of it, and, without a terminology server, the card says none is configured.
 * The requests are the hand-written examples in src/test/resources/cds/; today is 2026-11-21.
 */
class TerminologyWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "wiring-test-token-91c2";

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String CANCER_PARENT = "363346000";  // Malignant neoplastic disease, a parent in snomed-red-flag-parents.csv
    private static final String LUNG_CANCER = "254637007";    // not on Backcheck's list; under CANCER_PARENT in the fake
    private static final String UNKNOWN = "138875005";        // a valid concept id the fake does not know

    /** What the fake terminology server was asked: "code|Authorization". */
    private static final List<String> ASKED = Collections.synchronizedList(new ArrayList<>());
    private static Javalin terminology;
    private static BackcheckServer withTerminology;
    private static BackcheckServer withoutTerminology;

    @BeforeAll
    static void start() {
        terminology = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/fhir/ValueSet/$validate-code", ctx -> {
                String code = ctx.queryParam("code");
                ASKED.add(code + "|" + ctx.header("Authorization"));
                ctx.contentType("application/fhir+json").result(parameters(answer(ctx.queryParam("url"), code)));
            });
        }).start();
        withTerminology = BackcheckServer.builder().clock(TODAY)
                .terminologyServer("http://127.0.0.1:" + terminology.port() + "/fhir/", TOKEN)
                .build().start(0);
        withoutTerminology = BackcheckServer.builder().clock(TODAY).build().start(0);
    }

    /**
     * The fake's slice of SNOMED CT: it knows every concept but {@link #UNKNOWN}, and puts only
     * {@link #LUNG_CANCER} under a parent, {@link #CANCER_PARENT}.
     */
    private static boolean answer(String valueSet, String code) {
        if (valueSet.equals(SNOMED + "?fhir_vs")) {
            return !code.equals(UNKNOWN);
        }
        String ecl = URLDecoder.decode(valueSet.substring((SNOMED + "?fhir_vs=ecl/").length()), StandardCharsets.UTF_8);
        return code.equals(LUNG_CANCER) && ecl.contains("<< " + CANCER_PARENT);
    }

    private static String parameters(boolean result) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":" + result + "}]}";
    }

    @AfterAll
    static void stop() {
        withTerminology.stop();
        withoutTerminology.stop();
        terminology.stop();
    }

    @BeforeEach
    void forget() {
        ASKED.clear();
    }

    @Test
    void aConceptTheTerminologyServerPutsUnderACancerParentIsARedFlag() throws Exception {
        JsonNode card = card(withTerminology, withCondition(LUNG_CANCER));
        assertThat(ASKED).as("the terminology server was asked, with its token").contains(LUNG_CANCER + "|Bearer " + TOKEN);
        assertThat(card.get("indicator").asText()).isIn("info", "critical");
        assertThat(card.findValuesAsText("type")).doesNotContain("delete");
        assertThat(card.get("detail").asText()).contains("under " + CANCER_PARENT)
                .doesNotContain("no terminology server is configured").doesNotContain("could not check it");
    }

    @Test
    void withoutATerminologyServerTheConceptIsUnclassifiedAndTheCardSaysSo() throws Exception {
        JsonNode card = card(withoutTerminology, withCondition(LUNG_CANCER));
        assertThat(ASKED).isEmpty();
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.findValuesAsText("type")).doesNotContain("delete");
        assertThat(card.get("detail").asText()).contains("no terminology server is configured");
    }

    @Test
    void aConceptTheTerminologyServerDoesNotKnowIsUnclassifiedNotBenign() throws Exception {
        JsonNode card = card(withTerminology, withCondition(UNKNOWN));
        assertThat(ASKED).contains(UNKNOWN + "|Bearer " + TOKEN);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.findValuesAsText("type")).doesNotContain("delete");
        assertThat(card.get("detail").asText()).contains("does not know this concept");
    }

    @Test
    void theBuilderRefusesATerminologyServerThatWouldNotWorkAtOnce() {
        assertThatThrownBy(() -> BackcheckServer.builder().terminologyServer("http://tx.example.org/fhir", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--terminology-url").hasMessageContaining("https");
        assertThatThrownBy(() -> BackcheckServer.builder().terminologyServer("https://tx.example.org/fhir", "two words"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--terminology-token-file")
                .hasMessageNotContaining("two words");
    }

    /** The example order-sign request with one more active condition, coded in SNOMED CT. */
    private static ObjectNode withCondition(String code) throws IOException {
        ObjectNode request;
        try (InputStream in = TerminologyWiringTest.class.getResourceAsStream("/cds/order-sign-request.json")) {
            request = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode c = ((ArrayNode) request.at("/prefetch/conditions/entry")).addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "added-" + code);
        c.putObject("clinicalStatus").putArray("coding").addObject().put("code", "active");
        c.putObject("code").putArray("coding").addObject().put("system", SNOMED).put("code", code);
        c.putObject("subject").put("reference", "Patient/123");
        return request;
    }

    /** The one card of an order-sign call. */
    private static JsonNode card(BackcheckServer server, JsonNode request) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri().resolve("/cds-services/lumbar-imaging-order-sign"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = HTTP.send(post, BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ArrayNode cards = (ArrayNode) JSON.readTree(r.body()).get("cards");
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }
}
