package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.HlaB27;
import org.backcheck.guidance.InvalidAssessmentException;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.Setting;
import org.backcheck.guidance.SpaFeature;
import org.backcheck.guidance.StartBackAnswers;
import org.backcheck.guidance.StartBackAnswers.Bothersomeness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The request and assessment JSON: round trips, the written shape, and one test per kind of bad input. */
class AssessmentJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FULL = """
            {"age": 30, "duration_weeks": 20, "sciatica": true, "setting": "specialist",
             "result_would_change_management": false, "red_flags": ["fever", "history_of_cancer"],
             "spa_features": ["buttock_pain", "psoriasis"], "hla_b27": "positive", "onset_age": 25,
             "start_back": {"leg_pain": "agree", "shoulder_neck_pain": "disagree", "walking": "agree",
               "dressing": "disagree", "fear": "agree", "worry": "agree", "catastrophising": "disagree",
               "low_mood": "agree", "bothersomeness": "very_much"}}
            """;

    @Test
    void readsEveryField() {
        AssessmentRequest r = AssessmentJson.parseRequest(FULL);
        assertThat(r.age()).isEqualTo(30);
        assertThat(r.durationWeeks()).isEqualTo(20);
        assertThat(r.sciatica()).isTrue();
        assertThat(r.setting()).isEqualTo(Setting.SPECIALIST);
        assertThat(r.resultWouldChangeManagement()).isFalse();
        assertThat(r.redFlags()).containsExactly("fever", "history_of_cancer");
        assertThat(r.spaFeatures()).containsExactlyInAnyOrder(SpaFeature.BUTTOCK_PAIN, SpaFeature.PSORIASIS);
        assertThat(r.hlaB27()).isEqualTo(HlaB27.POSITIVE);
        assertThat(r.onsetAge()).isEqualTo(25);
        assertThat(r.startBack()).isEqualTo(new StartBackAnswers(true, false, true, false, true, true, false, true,
                Bothersomeness.VERY_MUCH));
    }

    @Test
    void leavesOptionalFieldsAtTheirDefaults() {
        AssessmentRequest r = AssessmentJson.parseRequest("{\"age\": 45, \"duration_weeks\": 3}");
        assertThat(r).isEqualTo(AssessmentRequest.of(45, 3));
        assertThat(AssessmentJson.parseRequest("{\"age\": 45, \"duration_weeks\": 3, \"sciatica\": null, \"setting\": null,"
                + " \"red_flags\": null, \"spa_features\": null, \"hla_b27\": null, \"onset_age\": null, \"start_back\": null}"))
                .isEqualTo(AssessmentRequest.of(45, 3));
    }

    @Test
    void bytesAndTextReadTheSame() {
        assertThat(AssessmentJson.parseRequest(FULL.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(AssessmentJson.parseRequest(FULL));
    }

    /** Request to JSON and back gives the same request, for many generated requests. */
    @Test
    void requestsRoundTrip() {
        Random random = new Random(20261121);
        List<String> flags = new ArrayList<>(RedFlags.vocabulary().keySet());
        int valid = 0;
        for (int i = 0; i < 2000; i++) {
            int age = random.nextInt(126);
            int weeks = random.nextInt(300);
            Setting setting = random.nextBoolean() ? Setting.SPECIALIST : Setting.NON_SPECIALIST;
            Boolean changes = setting == Setting.SPECIALIST && random.nextBoolean() ? random.nextBoolean() : null;
            Set<String> redFlags = new java.util.LinkedHashSet<>();
            for (String f : flags) {
                if (random.nextInt(8) == 0) {
                    redFlags.add(f);
                }
            }
            Set<SpaFeature> spa = java.util.EnumSet.noneOf(SpaFeature.class);
            for (SpaFeature f : SpaFeature.values()) {
                if (random.nextInt(4) == 0) {
                    spa.add(f);
                }
            }
            HlaB27 hla = HlaB27.values()[random.nextInt(3)];
            Integer onset = random.nextBoolean() ? random.nextInt(age + 1) : null;
            StartBackAnswers sb = random.nextBoolean() ? null : new StartBackAnswers(random.nextBoolean(),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    Bothersomeness.values()[random.nextInt(5)]);
            AssessmentRequest r;
            try {
                r = new AssessmentRequest(age, weeks, random.nextBoolean(), setting, changes, redFlags, spa, hla, onset, sb);
            } catch (InvalidAssessmentException contradictory) {
                continue; // e.g. onset_before_35 with an onset age of 35 or more
            }
            valid++;
            ObjectNode json = AssessmentJson.toJson(r);
            AssessmentRequest back = AssessmentJson.parseRequest(AssessmentJson.write(json));
            assertThat(back).isEqualTo(r);
            assertThat(AssessmentJson.toJson(back)).isEqualTo(json);
        }
        assertThat(valid).isGreaterThan(1500);
    }

    @Test
    void aRequestIsWrittenWithEveryFieldInTheDocumentedOrder() throws Exception {
        JsonNode json = JSON.readTree(AssessmentJson.write(AssessmentJson.toJson(AssessmentRequest.of(40, 2))));
        assertThat(fieldNames(json)).containsExactlyElementsOf(AssessmentJson.REQUEST_FIELDS);
        assertThat(json.get("setting").asText()).isEqualTo("non_specialist");
        assertThat(json.get("hla_b27").asText()).isEqualTo("unknown");
        assertThat(json.get("start_back").isNull()).isTrue();
    }

    @Test
    void anAssessmentIsWrittenInSnakeCaseWithLowercaseIdsInAFixedOrder() throws Exception {
        Assessment a = Assessor.standard().assess(AssessmentJson.parseRequest(FULL));
        String text = AssessmentJson.write(AssessmentJson.toJson(a));
        assertThat(AssessmentJson.write(AssessmentJson.toJson(a))).isEqualTo(text);
        JsonNode json = JSON.readTree(text);
        assertThat(fieldNames(json)).containsExactly("recommendation", "urgency", "summary", "suspected", "findings",
                "screening", "screening_answers", "not_asked", "risk_factors",
                "reasons", "management", "safety_net", "start_back", "spondyloarthritis", "sources",
                "patient_information", "consultation_note");
        assertThat(json.get("recommendation").asText()).isEqualTo(a.recommendation().id()).matches("[a-z_0-9]+");
        assertThat(json.get("urgency").asText()).isEqualTo(a.urgency().id());
        assertThat(json.get("summary").asText()).isEqualTo(a.summary());
        assertThat(json.get("suspected")).extracting(JsonNode::asText).containsExactly("cancer", "infection");
        assertThat(json.get("findings")).hasSize(a.findings().size());
        JsonNode reason = json.get("reasons").get(0);
        assertThat(fieldNames(reason)).containsExactly("id", "text", "citations");
        assertThat(fieldNames(reason.get("citations").get(0))).containsExactly("source", "locator");
        assertThat(json.get("reasons")).hasSize(a.reasons().size());
        assertThat(json.get("management")).hasSize(a.management().size());
        assertThat(json.get("safety_net")).hasSize(a.safetyNet().size());
        assertThat(fieldNames(json.get("start_back"))).containsExactly("total", "distress", "risk");
        assertThat(json.get("start_back").get("total").asInt()).isEqualTo(6);
        assertThat(json.get("start_back").get("distress").asInt()).isEqualTo(4);
        assertThat(json.get("start_back").get("risk").asText()).isEqualTo("high");
        assertThat(fieldNames(json.get("spondyloarthritis"))).containsExactly("applies", "criteria", "outcome");
        assertThat(json.get("spondyloarthritis").get("criteria")).extracting(JsonNode::asText)
                .contains("onset_before_35", "buttock_pain", "psoriasis");
        assertThat(fieldNames(json.get("sources").get(0))).containsExactly("id", "title", "publisher", "year", "url");
        assertThat(fieldNames(json.get("patient_information"))).containsExactly("about_your_back_pain", "benefits",
                "risks", "alternatives", "if_you_do_nothing");
    }

    @Test
    void absentPartsAreWrittenAsNull() throws Exception {
        Assessment a = Assessor.standard().assess(AssessmentRequest.of(40, 2).screenedFully());
        JsonNode json = JSON.readTree(AssessmentJson.write(AssessmentJson.toJson(a)));
        assertThat(json.get("recommendation").asText()).isEqualTo("no_imaging");
        assertThat(json.get("screening").asText()).isEqualTo("complete");
        assertThat(json.get("not_asked")).isEmpty();
        assertThat(json.get("urgency").isNull()).isTrue();
        assertThat(json.get("start_back").isNull()).isTrue();
        assertThat(json.get("spondyloarthritis").isNull()).isTrue();
    }

    @Test
    void theRedFlagVocabularyKeepsItsOrder() {
        JsonNode flags = AssessmentJson.toJson(RedFlags.vocabulary());
        assertThat(flags).extracting(f -> f.get("id").asText()).containsExactlyElementsOf(RedFlags.vocabulary().keySet());
        assertThat(fieldNames(flags.get(0))).containsExactly("id", "pathology", "grade", "label");
        assertThat(flags).extracting(f -> f.get("grade").asText()).contains("red_flag", "risk_factor");
        assertThat(flags.get(0).get("pathology").asText()).matches("[a-z_]+");
    }

    @Test
    void todaysInputStillWorksAndMissingGroupsAreNotAsked() throws Exception {
        Assessment a = Assessor.standard().assess(AssessmentJson.parseRequest("{\"age\": 40, \"duration_weeks\": 2}"));
        JsonNode json = JSON.readTree(AssessmentJson.write(AssessmentJson.toJson(a)));
        assertThat(json.get("recommendation").asText()).isEqualTo("screening_incomplete");
        assertThat(json.get("screening").asText()).isEqualTo("incomplete");
        assertThat(json.get("not_asked")).extracting(JsonNode::asText)
                .containsExactly("cauda_equina", "cord_compression", "cancer", "infection", "fracture");
        assertThat(json.get("summary").asText()).doesNotContainIgnoringCase("no red flag");
    }

    @Test
    void screeningAnswersAndRecordedConditionsAreReadAndWrittenBack() throws Exception {
        String body = "{\"age\": 71, \"duration_weeks\": 1, \"screening\": {\"cauda_equina\": \"absent\", "
                + "\"cord_compression\": \"absent\", \"infection\": \"absent\", \"fracture\": \"not_asked\"}, "
                + "\"recorded\": [{\"id\": \"history_of_cancer\", \"code\": \"ICD-10 C50.9\"}]}";
        AssessmentRequest r = AssessmentJson.parseRequest(body);
        assertThat(r.recorded()).extracting(c -> c.code()).containsExactly("ICD-10 C50.9");
        JsonNode back = AssessmentJson.toJson(r);
        assertThat(back.at("/screening/cauda_equina").asText()).isEqualTo("absent");
        assertThat(back.at("/recorded/0/id").asText()).isEqualTo("history_of_cancer");
        JsonNode json = AssessmentJson.toJson(Assessor.standard().assess(r));
        assertThat(json.get("recommendation").asText()).isEqualTo("imaging_indicated");
        assertThat(json.at("/screening_answers/cancer").asText()).isEqualTo("present");
        assertThat(json.get("not_asked")).extracting(JsonNode::asText).containsExactly("fracture");
        assertThat(json.get("consultation_note").asText()).contains("recorded as ICD-10 C50.9");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("{\"age\": 40, \"duration_weeks\": 3, \"screening\": {\"cancer\": \"maybe\"}}", "screening.cancer",
                        "present, absent or not_asked"),
                bad("{\"age\": 40, \"duration_weeks\": 3, \"screening\": {\"gout\": \"absent\"}}", "screening.gout",
                        "unknown red-flag group"),
                bad("{\"age\": 40, \"duration_weeks\": 3, \"screening\": [\"cancer\"]}", "screening", "must be an object"),
                bad("{\"age\": 40, \"duration_weeks\": 3, \"red_flags\": [\"fever\"], \"screening\": {\"infection\": \"absent\"}}",
                        "screening.infection", "is absent, but"),
                bad("{\"age\": 40, \"duration_weeks\": 3, \"recorded\": [{\"id\": \"gout\", \"code\": \"M10\"}]}", "recorded",
                        "unknown id"),
                bad("{\"age\": 40, \"duration_weeks\": 3, \"recorded\": [{\"id\": \"cancer\", \"code\": \"<script>\"}]}",
                        "recorded", "short code label"),
                bad("{\"age\": 40, \"duration_weeks\": 3, \"recorded\": [{\"id\": \"cancer\"}]}", "recorded[0].code", "is required"),
                // missing required
                bad("{\"duration_weeks\": 3}", "age", "is required"),
                bad("{\"age\": 40}", "duration_weeks", "is required"),
                bad("{\"age\": null, \"duration_weeks\": 3}", "age", "is required"),
                // wrong types
                bad("{\"age\": \"45\", \"duration_weeks\": 3}", "age", "whole number, not the string \"45\""),
                bad("{\"age\": 45.5, \"duration_weeks\": 3}", "age", "whole number, not the number 45.5"),
                bad("{\"age\": 45.0, \"duration_weeks\": 3}", "age", "whole number"),
                bad("{\"age\": 1e2, \"duration_weeks\": 3}", "age", "whole number"),
                bad("{\"age\": 99999999999, \"duration_weeks\": 3}", "age", "out of range"),
                bad("{\"age\": true, \"duration_weeks\": 3}", "age", "whole number, not true"),
                bad("{\"age\": 45, \"duration_weeks\": [3]}", "duration_weeks", "not an array"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"sciatica\": \"yes\"}", "sciatica", "true or false"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"sciatica\": 1}", "sciatica", "true or false"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"setting\": 2}", "setting", "must be a string"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"red_flags\": \"fever\"}", "red_flags", "array"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"red_flags\": [\"fever\", 7]}", "red_flags", "element 1"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"onset_age\": \"30\"}", "onset_age", "whole number"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"start_back\": \"high\"}", "start_back", "must be an object"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"start_back\": {\"leg_pain\": true}}", "start_back.leg_pain",
                        "must be a string"),
                // bad values
                bad("{\"age\": 45, \"duration_weeks\": 3, \"setting\": \"hospital\"}", "setting", "non_specialist or specialist"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"hla_b27\": \"yes\"}", "hla_b27", "positive, negative or unknown"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"spa_features\": [\"back_pain\"]}", "spa_features", "valid: [onset_before_35"),
                bad("{\"age\": 200, \"duration_weeks\": 3}", "age", "between 0 and 125"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"result_would_change_management\": true}",
                        "result_would_change_management", "specialist"),
                bad("{\"age\": 45, \"duration_weeks\": 3, \"result_would_change_management\": \"no\", \"setting\": \"specialist\"}",
                        "result_would_change_management", "true or false"),
                // unknown red flag: the constructor lists the valid ones
                bad("{\"age\": 45, \"duration_weeks\": 3, \"red_flags\": [\"headache\"]}", "red_flags",
                        "unknown red flag 'headache'; valid: [bladder_dysfunction"),
                // unknown fields
                bad("{\"age\": 45, \"duration_weeks\": 3, \"weight\": 80}", "weight",
                        "unknown field; valid fields: [age, duration_weeks, sciatica, setting"),
                bad("{\"age\": 45, \"durationWeeks\": 3}", "durationWeeks", "unknown field"),
                // start_back: every item required, unknown items named
                bad(startBackWithout("fear"), "start_back.fear", "is required"),
                bad(startBackWithout("bothersomeness"), "start_back.bothersomeness", "is required"),
                bad(startBack("\"fear\": \"maybe\""), "start_back.fear", "agree or disagree, not 'maybe'"),
                bad(startBack("\"bothersomeness\": \"a_lot\""), "start_back.bothersomeness", "not_at_all, slightly"),
                bad(startBack("\"sleep\": \"agree\""), "start_back.sleep", "unknown item; valid items: [leg_pain"),
                // not JSON, or not an object
                bad("{\"age\": 45, \"duration_weeks\": 3", "(body)", "not valid JSON at line 1"),
                bad("{'age': 45}", "(body)", "not valid JSON"),
                bad("", "(body)", "empty"),
                bad("   ", "(body)", "empty"),
                bad("[1, 2]", "(body)", "must be a JSON object, not an array"),
                bad("45", "(body)", "must be a JSON object"),
                bad("null", "(body)", "must be a JSON object, not null"),
                bad("{\"age\": 45, \"duration_weeks\": 3} {}", "(body)", "not valid JSON"),
                bad("{\"age\": 45, \"age\": 46, \"duration_weeks\": 3}", "(body)", "Duplicate field 'age'"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badRequests")
    void everyProblemNamesTheField(String json, String field, String message) {
        assertThatThrownBy(() -> AssessmentJson.parseRequest(json))
                .isInstanceOfSatisfying(InvalidAssessmentException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ").contains(message);
                });
        assertThatThrownBy(() -> AssessmentJson.parseRequest(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidAssessmentException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static Arguments bad(String json, String field, String message) {
        return Arguments.of(json, field, message);
    }

    private static final List<String> ALL_ITEMS = List.of("\"leg_pain\": \"agree\"", "\"shoulder_neck_pain\": \"agree\"",
            "\"walking\": \"agree\"", "\"dressing\": \"agree\"", "\"fear\": \"agree\"", "\"worry\": \"agree\"",
            "\"catastrophising\": \"agree\"", "\"low_mood\": \"agree\"", "\"bothersomeness\": \"slightly\"");

    private static String startBackWithout(String item) {
        List<String> items = ALL_ITEMS.stream().filter(i -> !i.startsWith("\"" + item + "\"")).toList();
        return "{\"age\": 45, \"duration_weeks\": 3, \"start_back\": {" + String.join(", ", items) + "}}";
    }

    /** All nine items, with one replaced or added. */
    private static String startBack(String item) {
        String name = item.substring(0, item.indexOf(':'));
        List<String> items = new ArrayList<>(ALL_ITEMS.stream().filter(i -> !i.startsWith(name)).toList());
        items.add(item);
        return "{\"age\": 45, \"duration_weeks\": 3, \"start_back\": {" + String.join(", ", items) + "}}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
