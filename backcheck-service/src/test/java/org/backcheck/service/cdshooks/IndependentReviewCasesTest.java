package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10_CM;
import static org.backcheck.service.cdshooks.RedFlagCodes.SNOMED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.backcheck.guidance.Assessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases an independent clinical reviewer wrote to break the CDS service (finding ids C1 to m5
 * in the review of 2026-12-07), kept as regression tests. They were written without sight of the
 * codelists, so unlike tests generated from the lists' own ranges they can find a class the lists
 * miss. Each must never get a warning with a suggestion to cancel; M5 and M6 must not be critical.
 */
class IndependentReviewCasesTest {

    private static void assertNoWarning(JsonNode card, String what) {
        assertThat(card.get("indicator").asText()).as(what).isNotEqualTo("warning");
        assertThat(card.has("suggestions")).as(what).isFalse();
    }

    @ParameterizedTest(name = "C1 note: {0}")
    @ValueSource(strings = {"Sciatica, new difficulty passing urine since yesterday", "Sciatica with loss of bowel control",
        "sciatica, tingling around the anus and genitals", "sciatica both sides, legs giving way",
        "L sciatica. Fell from ladder on Sunday, cannot weight bear", "sciatica; hx breast ca 2019",
        "sciatica, known prostate adenocarcinoma", "radiculopathy; on warfarin, sudden severe pain"})
    void c1FreeTextIsNeverReadAsUnderstoodBecauseOneWordMatched(String note) {
        assertNoWarning(HookCall.example().note(note).card(), note);
        assertNoWarning(HookCall.example().reasonText(note).card(), note);
    }

    @Test
    void c1ReasonTextBesideASciaticaCode() {
        HookCall call = HookCall.example();
        ObjectNode reason = ((ArrayNode) call.order().withArray("reasonCode")).addObject();
        reason.putArray("coding").addObject().put("system", ICD10).put("code", "M54.4");
        reason.put("text", "Sciatica after fall down stairs");
        assertNoWarning(call.card(), "M54.4 with text");
    }

    @ParameterizedTest(name = "C2 {0}")
    @CsvSource({"T81.4", "T84.6", "T84.7", "M86.18", "M86.19", "M86.9", "M00.08", "K68.1", "N15.1", "N10", "R65.2", "A49.9",
        "B37.7", "A23.9", "D49.2", "Z86.0", "Z92.3", "Z92.21", "R64", "R61", "G82.2", "G83.1", "M21.37", "R20.0", "R20.2",
        "R39.1", "K59.2", "N39.4", "N32.9", "M47.1", "M47.16", "M51.0", "M50.0", "M48.4", "M84.38", "M84.08", "W19", "V89.2",
        "S30.0", "S39.9", "T14.9", "B90.2", "Z86.11", "I71.3", "I71.4", "D70", "D61.9", "M96.1", "Z98.1", "Z48.8", "Z47.8",
        "Q05.9", "Q06.8", "M41.9", "L40.0", "K50.9", "K51.9", "H20.0", "K68.12", "R78.81", "T84.7XXA"})
    void c2RedFlagAndMustJudgeCodesOutsideTheFirstRanges(String code) {
        assertNoWarning(HookCall.example().active(code.length() > 5 ? ICD10_CM : ICD10, code, null).card(), code);
    }

    @ParameterizedTest(name = "C3 SNOMED {0} with a terminology server that puts it in no group")
    @ValueSource(strings = {"76571007", "56819008", "70536003"})
    void c3AConceptUnderNoParentIsNeverBenign(String concept) throws Exception {
        CdsHooksService service = new CdsHooksService(Assessor.standard(), HookCall.TODAY, (id, n) -> { },
                (code, groups) -> SnomedTerminology.Answer.answered(Set.of()));
        HookCall call = HookCall.example().active(SNOMED, concept, null);
        JsonNode card = service.answer("order-sign", HookCall.JSON.writeValueAsBytes(call.request()), "http://h")
                .get("cards").get(0);
        assertNoWarning(card, concept);
    }

    @Test
    void m1ConditionsThatShareAnIdAreAllRead() {
        HookCall contained = HookCall.example();
        ObjectNode c1 = contained.order().putArray("contained").addObject();
        c1.put("resourceType", "Condition").put("id", "c1");
        c1.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "M54.5");
        c1.putObject("subject").put("reference", "Patient/123");
        contained.order().putArray("reasonReference").addObject().put("reference", "#c1");
        ObjectNode cancer = contained.problemList().addObject().putObject("resource");
        cancer.put("resourceType", "Condition").put("id", "c1");
        cancer.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "C50.9");
        cancer.putObject("subject").put("reference", "Patient/123");
        assertNoWarning(contained.card(), "contained id collision");

        HookCall duplicates = HookCall.example();
        for (String code : new String[] {"M54.5", "C50.9"}) {
            ObjectNode c = duplicates.problemList().addObject().putObject("resource");
            c.put("resourceType", "Condition").put("id", "c1");
            c.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", code);
            c.putObject("subject").put("reference", "Patient/123");
        }
        assertNoWarning(duplicates.card(), "duplicate ids on the problem list");
    }

    @Test
    void m2ABenignCodingDoesNotHideAnUnreadableOne() {
        for (String[] second : new String[][] {{SNOMED, "94503003"}, {"http://read.info/readv2", "B58.."},
            {"http://example.org/local", "LBP1"}}) {
            HookCall call = HookCall.example();
            ObjectNode c = call.problemList().addObject().putObject("resource");
            c.put("resourceType", "Condition").put("id", "mixed");
            ArrayNode codings = c.putObject("code").putArray("coding");
            codings.addObject().put("system", ICD10).put("code", "M54.5");
            codings.addObject().put("system", second[0]).put("code", second[1]);
            c.putObject("subject").put("reference", "Patient/123");
            assertNoWarning(call.card(), second[0]);
        }
    }

    @ParameterizedTest(name = "M3 {0} recorded as {1}")
    @CsvSource({"G83.4,resolved", "M46.4,inactive", "S32.0,resolved", "B20,inactive", "Z94.0,resolved", "F11.2,remission",
        "G83.4,remission", "B20,remission"})
    void m3APastRedFlagStillStopsTheCancel(String code, String status) {
        assertNoWarning(HookCall.example().condition(ICD10, code, null, status, null).card(), code + " " + status);
    }

    @Test
    void m3TuberculosisWithOnlyAnAbatementDate() {
        HookCall call = HookCall.example();
        ObjectNode c = call.problemList().addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "tb");
        c.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "A18.0");
        c.put("abatementDateTime", "2019-01-01");
        c.putObject("subject").put("reference", "Patient/123");
        assertNoWarning(call.card(), "A18.0 abated");
    }

    @Test
    void m4AProblemListThatIsEmptyPartialFilteredOrWarnedAboutIsNotTakenAsWhole() {
        HookCall empty = HookCall.example();
        empty.problemList().removeAll();
        assertNoWarning(empty.card(), "empty");

        HookCall partial = HookCall.example();
        ((ObjectNode) partial.request().at("/prefetch/conditions")).put("total", 350);
        assertNoWarning(partial.card(), "total 350");

        HookCall category = HookCall.example();
        ((ObjectNode) category.request().at("/prefetch/conditions")).putArray("link").addObject().put("relation", "self")
                .put("url", "https://ehr.example.org/fhir/Condition?patient=123&category=problem-list-item");
        category.request().remove("fhirServer");
        assertNoWarning(category.card(), "category filter");

        HookCall outcome = HookCall.example();
        ObjectNode entry = outcome.problemList().addObject();
        entry.putObject("search").put("mode", "outcome");
        entry.putObject("resource").put("resourceType", "OperationOutcome").putArray("issue").addObject()
                .put("severity", "warning").put("code", "incomplete");
        assertNoWarning(outcome.card(), "OperationOutcome");
    }

    @ParameterizedTest(name = "M5 {0}")
    @ValueSource(strings = {"No CES symptoms", "No red flags. CES safety netting given.", "CES safety-netting given"})
    void m5RoutineCaudaEquinaWordsNeverRaiseAnEmergencyCard(String note) {
        JsonNode card = HookCall.example().note(note).card();
        assertThat(card.get("indicator").asText()).as(note).isEqualTo("info");
        assertNoWarning(card, note);
    }

    @ParameterizedTest(name = "M6 {0} with sciatica")
    @CsvSource({"C44.9", "D06.9", "D47.2", "D05.1"})
    void m6ANeoplasmThatIsNotAKnownCancerWithOldSciaticaIsNotAnMsccEmergency(String code) {
        JsonNode onList = HookCall.example().active(ICD10, code, null).active(ICD10, "M54.4", "Lumbago with sciatica").card();
        assertThat(onList.get("indicator").asText()).as(code).isEqualTo("info");
        JsonNode inOrder = HookCall.example().active(ICD10, code, null).reason(ICD10, "M54.4", null).card();
        assertThat(inOrder.get("indicator").asText()).as(code).isEqualTo("info");
        assertThat(inOrder.get("detail").asText()).doesNotContain("MSCC coordinator immediately");
    }

    @Test
    void m7APlainXrayIsSaidNotToRuleTheSeriousCausesOut() {
        HookCall call = HookCall.example().active(ICD10, "Z85.3", null);
        ObjectNode coding = (ObjectNode) call.order().at("/code/coding/0");
        coding.put("system", SNOMED).put("code", "840361000");
        JsonNode card = call.card();
        assertThat(card.get("detail").asText()).contains("The order is a plain X-ray").contains("the test is MRI");
        assertThat(card.get("summary").asText()).doesNotContain("imaging is appropriate");
    }

    @Test
    void m9WhatTheOrderSaysOutsideItsReasonCodesIsRead() {
        HookCall name = HookCall.example();
        ((ObjectNode) name.order().get("code")).put("text", "MRI lumbar spine - ?cauda equina, urinary retention");
        assertNoWarning(name.card(), "code.text");
        HookCall detail = HookCall.example();
        detail.order().putArray("orderDetail").addObject().put("text", "query cord compression");
        assertNoWarning(detail.card(), "orderDetail");
        HookCall instruction = HookCall.example();
        instruction.order().put("patientInstruction", "Attend A&E if your legs get weaker");
        assertNoWarning(instruction.card(), "patientInstruction");

        HookCall sibling = HookCall.example();
        ObjectNode referral = ((ArrayNode) sibling.request().at("/context/draftOrders/entry")).addObject().putObject("resource");
        referral.put("resourceType", "ServiceRequest").put("id", "spinal-1").put("status", "draft").put("intent", "order");
        referral.putObject("code").putArray("coding").addObject().put("system", SNOMED).put("code", "183545006");
        referral.putArray("reasonCode").addObject().putArray("coding").addObject().put("system", ICD10).put("code", "G83.4");
        referral.putObject("subject").put("reference", "Patient/123");
        assertNoWarning(sibling.card(), "spinal referral beside the scan");
    }

    @ParameterizedTest(name = "m4 priority {0}")
    @ValueSource(strings = {"URGENT", "Urgent", "emergency", "2"})
    void m4AnyPrioritySpellingGetsACardAndNeverACancel(String priority) {
        assertNoWarning(HookCall.example().priority(priority).card(), priority);
    }

    @Test
    void m4APriorityOnlyInAnExtensionGetsACardNotAServerError() {
        HookCall call = HookCall.example();
        call.order().putObject("_priority").putArray("extension").addObject()
                .put("url", "http://example.org/priority").put("valueString", "urgent");
        assertNoWarning(call.card(), "extension priority");
    }

    @Test
    void m5AVerificationStatusFromAnotherSystemOrInConflictDoesNotDropACancer() {
        HookCall lookalike = HookCall.example();
        ObjectNode c = lookalike.problemList().addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "ca");
        c.putObject("verificationStatus").putArray("coding").addObject().put("system", "http://example.org/mine").put("code", "refuted");
        c.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "C50.9");
        c.putObject("subject").put("reference", "Patient/123");
        assertNoWarning(lookalike.card(), "look-alike refuted");

        HookCall conflict = HookCall.example();
        ObjectNode d = conflict.problemList().addObject().putObject("resource");
        d.put("resourceType", "Condition").put("id", "ca");
        ArrayNode v = d.putObject("verificationStatus").putArray("coding");
        v.addObject().put("system", ConditionStatus.VERIFICATION_STATUS).put("code", "confirmed");
        v.addObject().put("system", ConditionStatus.VERIFICATION_STATUS).put("code", "refuted");
        d.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "C50.9");
        d.putObject("subject").put("reference", "Patient/123");
        assertNoWarning(conflict.card(), "conflicting verification");
    }

    // ---------------------------------------------------------------- the second review (R2), 2026-12-07

    @ParameterizedTest(name = "R2 C1 condition note: {0}")
    @ValueSource(strings = {"Since yesterday cannot pass water; reduced perineal sensation", "Lost 8 kg in 2 months, sweats at night",
        "seen by GP, nothing of note"})
    void r2AConditionsNoteIsFreeTextAndStopsTheCancel(String note) {
        HookCall call = HookCall.example();
        ObjectNode c = call.problemList().addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "noted");
        c.putObject("code").putArray("coding").addObject().put("system", SNOMED).put("code", "279039007");
        c.putArray("note").addObject().put("text", note);
        c.putObject("subject").put("reference", "Patient/123");
        assertNoWarning(call.card(), note);
    }

    @ParameterizedTest(name = "R2 C2 order name: {0}")
    @ValueSource(strings = {"MRI L-spine ?cauda-equina", "MRI lumbar spine cauda\u00a0equina", "MRI L spine ?ces",
        "MRI lumbar spine - new sphincter disturbance", "CT spine, known prostate primary", "XR L-spine ?T12 collapse",
        "MRI lumbar spine please"})
    void r2AnOrderNameThatSaysMoreThanATestsNameStopsTheCancel(String name) {
        HookCall call = HookCall.example();
        ((ObjectNode) call.order().get("code")).put("text", name.replace("\\u00a0", "\u00a0"));
        assertNoWarning(call.card(), name);
    }

    @ParameterizedTest(name = "R2 C2 plain order name: {0}")
    @ValueSource(strings = {"MRI lumbar spine without contrast", "XR L-Spine AP and lateral", "CT LUMBAR SPINE WO CONTRAST"})
    void r2APlainTestNameStillLetsABenignRecordGetTheWarning(String name) {
        HookCall call = HookCall.example();
        ((ObjectNode) call.order().get("code")).put("text", name);
        assertThat(call.card().get("indicator").asText()).as(name).isEqualTo("warning");
    }

    @Test
    void r2C3AClinicianEditedDisplayOnABenignCodeStopsTheCancel() {
        assertNoWarning(HookCall.example().active(SNOMED, "279039007", "Low back pain ?cauda equina").card(), "edited SNOMED display");
        assertNoWarning(HookCall.example().reason(ICD10, "M54.5", "LBP new urinary retention").card(), "edited ICD display");
    }

    @ParameterizedTest(name = "R2 C4/M1/m3 {0}")
    @CsvSource({"R97.21", "Z51.5", "Z54.1", "Z54.2", "Z79.810", "Z79.811", "Z03.1", "E88.3", "R57.2", "O85", "N13.6", "N12",
        "K75.0", "D73.3", "I76", "M72.6", "Z72.2", "E24.2", "S06.0", "K61.0", "L05.0", "D71", "M43.26", "M54.6", "R77.1"})
    void r2CancerSepsisAndDrugCodesFromBenignRangesStopTheCancel(String code) {
        assertNoWarning(HookCall.example().active(code.length() > 5 ? ICD10_CM : ICD10, code, null).card(), code);
    }

    @Test
    void r2M2WhatASiblingOrderSaysInItsDetailsInstructionsAndReasonsIsRead() {
        for (String field : new String[] {"orderDetail", "patientInstruction", "reasonReference"}) {
            HookCall call = HookCall.example();
            ObjectNode referral = ((ArrayNode) call.request().at("/context/draftOrders/entry")).addObject().putObject("resource");
            referral.put("resourceType", "ServiceRequest").put("id", "spinal-1").put("status", "draft").put("intent", "order");
            referral.putObject("code").putArray("coding").addObject().put("system", SNOMED).put("code", "183545006");
            referral.putObject("subject").put("reference", "Patient/123");
            switch (field) {
                case "orderDetail" -> referral.putArray("orderDetail").addObject().put("text", "?cauda equina");
                case "patientInstruction" -> referral.put("patientInstruction", "suspected cauda equina: go now");
                default -> {
                    ObjectNode c = referral.putArray("contained").addObject();
                    c.put("resourceType", "Condition").put("id", "ces");
                    c.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "G83.4");
                    c.putObject("subject").put("reference", "Patient/123");
                    referral.putArray("reasonReference").addObject().put("reference", "#ces");
                }
            }
            assertNoWarning(call.card(), field);
        }
    }

    @Test
    void r2M3DataForAnotherPatientIsReportedNotRead() {
        HookCall other = HookCall.example();
        ((ObjectNode) other.problemList().get(1).at("/resource/subject")).put("reference", "Patient/999");
        JsonNode card = other.card();
        assertNoWarning(card, "condition for Patient/999");
        assertThat(card.get("detail").asText()).contains("another patient");

        HookCall wrongPatient = HookCall.example();
        ((ObjectNode) wrongPatient.request().at("/prefetch/patient")).put("id", "999");
        assertNoWarning(wrongPatient.card(), "prefetched Patient/999");

        HookCall withheld = HookCall.example();
        withheld.problemList().addObject().putObject("response").put("status", "403 Forbidden");
        assertNoWarning(withheld.card(), "an entry withheld");
    }

    @Test
    void r2M4MentalDisorderIsNotABenignParent() {
        assertThat(RedFlagCodes.load(SnomedTerminology.none()).snomed().parents())
                .filteredOn(p -> p.grade() == Grade.NOT_RED_FLAG).extracting(SnomedConcepts.Parent::code)
                .doesNotContain("74732009");
    }

    @Test
    void r2M5APastTransientRiskFactorNoLongerBlocksTheWarningForEver() {
        // A UTI or an ankle sprain that ended more than three months ago is listed, not counted; a past
        // spinal fracture still counts. (Third review R3-07: only when the end is dated and long enough ago.)
        assertThat(HookCall.example().condition(ICD10, "N39.0", "Urinary tract infection", "resolved", null).abated("2025-06-01")
                .card().get("indicator").asText()).isEqualTo("warning");
        assertThat(HookCall.example().condition(ICD10, "S93.4", "Sprain of ankle", "resolved", null).abated("2026-03").card()
                .get("indicator").asText()).isEqualTo("warning");
        assertNoWarning(HookCall.example().condition(ICD10, "S32.0", null, "resolved", null).abated("2001").card(), "past S32.0");
        assertNoWarning(HookCall.example().active(ICD10, "N39.0", "Urinary tract infection").card(), "current UTI");
    }
}
