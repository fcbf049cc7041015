package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backcheck.fuzz.FuzzRun;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.InvalidAssessmentException;
import org.backcheck.service.AssessmentJson;
import org.backcheck.service.feedback.FeedbackRequest;
import org.backcheck.service.feedback.InvalidFeedbackException;
import org.backcheck.service.fuzz.JsonTreeMutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded fuzzing of each JSON request codec of the service (issue 11), for a fixed budget each
 * ({@link FuzzRun}; half the cases mutate the JSON tree, half the bytes): the CDS Hooks request as
 * the service reads it ({@link HookRequest} and the prefetch and draft-order FHIR reading, through
 * {@link CdsHooksService#answer}), the feedback request ({@link FeedbackRequest}) and the
 * assessment request ({@link AssessmentJson}). Every input gets either a valid result or the
 * codec's declared refusal, which the routes answer with a 4xx problem; never another exception
 * (a 500), and never a hang. Inputs name no FHIR server, so nothing leaves the process.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RequestCodecFuzzTest {

    private static final CdsHooksService SERVICE = new CdsHooksService(Assessor.standard(), HookCall.TODAY);

    @Test
    void hookRequestsGetCardsOrA4xx() throws Exception {
        List<byte[]> seeds = List.of(resource("/cds/order-sign-request.json"), resource("/cds/order-select-request.json"));
        int checked = new FuzzRun("cds-hook-request", RequestCodecFuzzTest.class, seeds, new JsonTreeMutator())
                .run(input -> {
                    String hook = new String(input, StandardCharsets.UTF_8).contains("order-select") ? "order-select" : "order-sign";
                    try {
                        ObjectNode response = SERVICE.answer(hook, input, "http://localhost:8080");
                        assertThat(response.get("cards").isArray()).isTrue();
                    } catch (CdsHookException e) {
                        assertThat(e.status()).as(e.getMessage()).isBetween(400, 499);
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
        assertThat(checked).isGreaterThan(seeds.size());
    }

    @Test
    void feedbackRequestsAreReadOrRefusedWithTheField() throws Exception {
        List<byte[]> seeds = List.of(utf8("""
                {"feedback":[
                  {"card":"4e0a3a1e-3283-4575-ab82-028d55fe2719","outcome":"accepted",
                   "acceptedSuggestions":[{"id":"e56e1945-20b3-4393-8503-a1a20fd73152"}],
                   "outcomeTimestamp":"2020-12-11T00:00:00Z"},
                  {"card":"9368d37b-283f-44a0-93ea-547cebab93ed","outcome":"overridden",
                   "overrideReason":{"reason":{"code":"d7ecf885","system":"https://example.com/cds-hooks/override-reason-system"},
                                     "userComment":"A comment entered by the clinician."},
                   "outcomeTimestamp":"2020-12-11T01:00:00+01:00","extension":{"x":1}}
                ]}"""));
        int checked = new FuzzRun("feedback-request", RequestCodecFuzzTest.class, seeds, new JsonTreeMutator())
                .run(input -> {
                    try {
                        assertThat(FeedbackRequest.parse(input).entries()).isNotEmpty();
                    } catch (InvalidFeedbackException e) {
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
        assertThat(checked).isGreaterThan(seeds.size());
    }

    @Test
    void assessmentRequestsAreReadOrRefusedWithTheField() throws Exception {
        List<byte[]> seeds = List.of(utf8("""
                {"age": 30, "duration_weeks": 20, "sciatica": true, "setting": "specialist",
                 "result_would_change_management": false, "red_flags": ["fever", "history_of_cancer"],
                 "spa_features": ["buttock_pain", "psoriasis"], "hla_b27": "positive", "onset_age": 25,
                 "start_back": {"leg_pain": "agree", "shoulder_neck_pain": "disagree", "walking": "agree",
                   "dressing": "disagree", "fear": "agree", "worry": "agree", "catastrophising": "disagree",
                   "low_mood": "agree", "bothersomeness": "very_much"}}"""),
                utf8("{\"age\": 71, \"duration_weeks\": 1, \"screening\": {\"cauda_equina\": \"absent\"}}"));
        int checked = new FuzzRun("assessment-request", RequestCodecFuzzTest.class, seeds, new JsonTreeMutator())
                .run(input -> {
                    try {
                        Assessor.standard().assess(AssessmentJson.parseRequest(input));
                    } catch (InvalidAssessmentException e) {
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
        assertThat(checked).isGreaterThan(seeds.size());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RequestCodecFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
