package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.backcheck.guidance.Assessor;
import org.backcheck.service.cdshooks.CodeTables.ConditionRule;
import org.junit.jupiter.api.Test;

/**
 * Generated hook calls, straight into the service (no HTTP): random ages, random coded
 * conditions from the red-flag table in reasons and on the problem list, both hooks. Every card
 * must keep the specification's limits and Backcheck's safety rules, whatever the mix.
 */
class CdsCardsGenerativeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private final CdsHooksService service = new CdsHooksService(Assessor.standard(),
            Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC));

    private static ObjectNode example() throws IOException {
        try (InputStream in = CdsCardsGenerativeTest.class.getResourceAsStream("/cds/order-sign-request.json")) {
            return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String systemOf(ConditionRule r, Random random) {
        if (r.system().equals("snomed")) {
            return CodeTables.SNOMED;
        }
        return random.nextBoolean() ? CodeTables.ICD10 : CodeTables.ICD10_CM;
    }

    @Test
    void everyCardKeepsTheLimitsWhateverTheRecordHolds() throws Exception {
        List<ConditionRule> rules = CodeTables.standard().conditionRules();
        Random random = new Random(20261121);
        int critical = 0;
        int warning = 0;
        int info = 0;
        for (int i = 0; i < 600; i++) {
            ObjectNode request = example();
            ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
            ArrayNode reasons = order.putArray("reasonCode");
            ArrayNode entries = (ArrayNode) request.at("/prefetch/conditions/entry");
            int n = random.nextInt(4);
            for (int k = 0; k < n; k++) {
                ConditionRule r = rules.get(random.nextInt(rules.size()));
                String code = r.system().equals("icd10") && random.nextBoolean() ? r.code().replace(".", "") : r.code();
                if (random.nextBoolean()) {
                    reasons.addObject().putArray("coding").addObject().put("system", systemOf(r, random)).put("code", code);
                } else {
                    ObjectNode c = entries.addObject().putObject("resource");
                    c.put("resourceType", "Condition").put("id", "g" + k);
                    c.putObject("code").putArray("coding").addObject().put("system", systemOf(r, random)).put("code", code);
                }
            }
            LocalDate born = TODAY.minusDays(random.nextInt(100 * 366));
            ((ObjectNode) request.at("/prefetch/patient")).put("birthDate", born.toString());
            String hook = random.nextBoolean() ? "order-sign" : "order-select";
            if (hook.equals("order-select")) {
                request.put("hook", hook);
                ((ObjectNode) request.get("context")).putArray("selections").add("ServiceRequest/mri-1");
            }
            ObjectNode response = service.answer(hook, JSON.writeValueAsBytes(request), "http://localhost:8080");
            JsonNode cards = response.get("cards");
            assertThat(cards).as("request %d", i).hasSize(1);
            JsonNode card = cards.get(0);
            String summary = card.get("summary").asText();
            assertThat(summary).as("request %d", i).isNotBlank().hasSizeLessThan(140);
            String indicator = card.get("indicator").asText();
            assertThat(indicator).isIn("info", "warning", "critical");
            if (indicator.equals("critical")) {
                critical++;
                assertThat(card.findValues("type").stream().map(JsonNode::asText)).doesNotContain("delete");
            } else if (indicator.equals("warning")) {
                warning++;
                assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
            } else {
                info++;
                assertThat(card.has("suggestions")).isFalse();
            }
            assertThat(card.at("/links/0/url").asText()).startsWith("http://localhost:8080/");
        }
        // The generator reaches every kind of card.
        assertThat(critical).isPositive();
        assertThat(warning).isPositive();
        assertThat(info).isPositive();
    }

    @Test
    void aCardIsComputedInAFewMilliseconds() throws Exception {
        byte[] body = JSON.writeValueAsBytes(example());
        for (int i = 0; i < 300; i++) {
            service.answer("order-sign", body, "http://localhost");
        }
        int runs = 2000;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            service.answer("order-sign", body, "http://localhost");
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double p50 = nanos[runs / 2] / 1e6;
        double p99 = nanos[runs * 99 / 100] / 1e6;
        System.out.printf("CDS hook call (order-sign example, in process): p50 %.3f ms, p99 %.3f ms%n", p50, p99);
        // Loose bound for shared CI machines; the target is p99 <= 10 ms.
        assertThat(p99).isLessThan(50.0);
    }

    @Test
    void withoutADateOfBirthRedFlagsStillCountAndOtherwiseTheCardAsksForIt() throws Exception {
        ObjectNode request = example();
        ((ObjectNode) request.at("/prefetch/patient")).remove("birthDate");
        JsonNode card = service.answer("order-sign", JSON.writeValueAsBytes(request), "http://h").get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("summary").asText()).contains("date of birth");

        ((ArrayNode) request.at("/context/draftOrders/entry/0/resource/reasonCode")).addObject().putArray("coding").addObject()
                .put("system", CodeTables.ICD10).put("code", "G83.4");
        card = service.answer("order-sign", JSON.writeValueAsBytes(request), "http://h").get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("detail").asText()).contains("no date of birth");
    }

    @Test
    void resolvedOrRefutedConditionsDoNotCount() throws Exception {
        for (String[] status : List.of(new String[] {"clinicalStatus", "resolved"}, new String[] {"verificationStatus", "refuted"})) {
            ObjectNode request = example();
            ObjectNode c = ((ArrayNode) request.at("/prefetch/conditions/entry")).addObject().putObject("resource");
            c.put("resourceType", "Condition").put("id", "old");
            c.putObject(status[0]).putArray("coding").addObject().put("code", status[1]);
            c.putObject("code").putArray("coding").addObject().put("system", CodeTables.ICD10).put("code", "G83.4");
            JsonNode card = service.answer("order-sign", JSON.writeValueAsBytes(request), "http://h").get("cards").get(0);
            assertThat(card.get("indicator").asText()).as(status[1]).isEqualTo("warning");
        }
    }

    @Test
    void containedAndBundledReasonReferencesAreRead() throws Exception {
        ObjectNode request = example();
        ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        ObjectNode contained = order.putArray("contained").addObject();
        contained.put("resourceType", "Condition").put("id", "r1");
        contained.putObject("code").putArray("coding").addObject().put("system", CodeTables.SNOMED).put("code", "94222008");
        contained.putObject("subject").put("reference", "Patient/123");
        order.putArray("reasonReference").addObject().put("reference", "#r1");
        JsonNode card = service.answer("order-sign", JSON.writeValueAsBytes(request), "http://h").get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("detail").asText()).contains("SNOMED CT 94222008");

        ObjectNode unresolved = example();
        ((ObjectNode) unresolved.at("/context/draftOrders/entry/0/resource")).putArray("reasonReference").addObject()
                .put("reference", "Condition/elsewhere");
        card = service.answer("order-sign", JSON.writeValueAsBytes(unresolved), "http://h").get("cards").get(0);
        assertThat(card.get("detail").asText()).contains("1 condition(s) named as reasons for the order could not be read");
        assertThat(Set.of("warning")).contains(card.get("indicator").asText());
        assertThat(new ArrayList<>(List.of(1))).isNotEmpty();
    }
}
