package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10_CM;
import static org.backcheck.service.cdshooks.RedFlagCodes.SNOMED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fourth independent review (2026-12-07), of the changes since 9f30478 that answer the third review.
 * Every case here got a warning with a suggestion to cancel (or, for the usefulness cases marked
 * "usefulness", failed to get the warning) at 919fdff. Each test should pass once its finding is fixed.
 * Today is 2026-11-21 (HookCall); the 48-year-old example unless stated.
 */
class FourthReviewCasesTest {

    private static void assertNoWarning(JsonNode card, String what) {
        assertThat(card.get("indicator").asText()).as(what).isNotEqualTo("warning");
        assertThat(card.has("suggestions")).as(what).isFalse();
    }

    private static void assertWarning(JsonNode card, String what) {
        assertThat(card.get("indicator").asText()).as(what + " (detail: " + card.path("detail").asText() + ")").isEqualTo("warning");
    }

    private static String sys(String code) {
        return code.replace(".", "").length() > 4 ? ICD10_CM : ICD10;
    }

    private static ObjectNode lastCondition(HookCall call) {
        return (ObjectNode) call.problemList().get(call.problemList().size() - 1).get("resource");
    }

    // ------------------------------------------------------------------ R4-01 (critical)

    /**
     * R4-01: a past "transient" entry (recent-type infection or minor injury, ended over 90 days ago)
     * is not counted even when its display names a cancer, a spinal fracture or a spinal infection:
     * the display's reading is folded into a risk factor that carries the code's label, and
     * RecordEntry.transientRisk() looks only at the first-worst reading (the code's).
     */
    @ParameterizedTest(name = "R4-01 resolved {0} \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "S39.9|Fall - pathological fracture, known myeloma",
        "S39.9|Back injury - L1 burst fracture",
        "T14.9|Injury - known metastatic prostate cancer",
        "L03.3|Cellulitis of trunk - metastatic breast cancer",
        "A49.0|Staph aureus bacteraemia with spinal epidural abscess",
        "A49.0|Staphylococcal infection - vertebral osteomyelitis L4"})
    void r4_01APastTransientEntryWhoseDisplayNamesARedFlag(String code, String display) {
        assertNoWarning(HookCall.example().condition(ICD10, code, display, "resolved", null).abated("2025-01-01").card(),
                code + " " + display);
    }

    @Test
    void r4_01SameWithTextEqualToDisplayAndWithSnomedCt() {
        ReviewCases cases = new ReviewCases();
        HookCall sameText = HookCall.example().condition(ICD10, "S39.9", "Fall - known myeloma", "resolved", null).abated("2025-01-01");
        ((ObjectNode) lastCondition(sameText).get("code")).put("text", "Fall - known myeloma");
        cases.noWarning(sameText.card(), "text == display");
        cases.noWarning(HookCall.example().condition(SNOMED, "40733004", "Infection - in patient with metastatic breast cancer",
                "resolved", null).abated("2020").card(), "SNOMED CT infectious disease, display names metastatic cancer");
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-02 (critical)

    /**
     * R4-02: the displays of Z80-Z84, Z12-Z13 and Z71.1 are never read, so an edited display naming
     * the patient's own cancer is silent; the card calls it "not a red flag".
     */
    @ParameterizedTest(name = "R4-02 {0} \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "Z80.0|FH bowel cancer; patient himself has bony metastases",
        "Z12.11|Screening colonoscopy: adenocarcinoma, mets to spine",
        "Z71.1|Worried about cancer - now confirmed myeloma",
        "Z13.89|Screening - cauda equina symptoms today"})
    void r4_02FamilyHistoryAndScreeningDisplaysAreNeverRead(String code, String display) {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.example().active(sys(code), code, display).card(), "problem list: " + display);
        cases.noWarning(HookCall.example().reason(sys(code), code, display).card(), "order reason: " + display);
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-03 (critical)

    /** R4-03: ICD-10-CM G89.3 "Neoplasm related pain" sits in the benign row G89.2-G89.4. */
    @Test
    void r4_03NeoplasmRelatedPainIsInTheBenignAllowList() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.example().active(ICD10_CM, "G89.3", null).card(), "G89.3 on the problem list");
        cases.noWarning(HookCall.example().reason(ICD10_CM, "G89.3", null).card(), "G89.3 as the order's reason");
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-04 (major)

    /**
     * R4-04: "fractures never stop counting" (H37) does not hold for fractures outside chapter S's
     * third-character-2 pattern: WHO T14.2 (fracture, site not given), ICD-10-CM physeal fractures
     * (S79.0-); and a past spinal cord injury (T06.1) is taken as a minor injury.
     */
    @ParameterizedTest(name = "R4-04 resolved {0}")
    @ValueSource(strings = {"T14.2", "T06.1", "S79.001A"})
    void r4_04FracturesAndCordInjuriesTakenAsMinorInjuries(String code) {
        assertNoWarning(HookCall.example().condition(sys(code), code, null, "resolved", null).abated("2025-01-01").card(), code);
    }

    // ------------------------------------------------------------------ R4-05 (major)

    /**
     * R4-05: OrderName.isPlain drops every non-letter, so "#" (fracture) and "?" (query) vanish, and the
     * new words make "bone scan" a test's name. Each of these words, on the lumbar order, is taken as
     * only a test's name and never read.
     */
    @ParameterizedTest(name = "R4-05 code.text \"{0}\"")
    @ValueSource(strings = {"X-ray lumbar spine ?#", "Lumbar spine #", "MRI lumbar spine and bone scan"})
    void r4_05OrderNameSymbolsAndBoneScan(String text) {
        HookCall call = HookCall.example();
        call.order().with("code").put("text", text);
        assertNoWarning(call.card(), text);
    }

    @ParameterizedTest(name = "R4-05 extension and body site \"{0}\"")
    @ValueSource(strings = {"?#", "L spine #"})
    void r4_05SymbolsInTheNewlyReadParts(String words) {
        ReviewCases cases = new ReviewCases();
        HookCall ext = HookCall.example();
        ext.order().putArray("extension").addObject().put("url", "https://ehr.example/reason-for-exam").put("valueString", words);
        cases.noWarning(ext.card(), "reason-for-exam extension " + words);
        HookCall site = HookCall.example();
        site.order().putArray("bodySite").addObject().put("text", words);
        cases.noWarning(site.card(), "body site " + words);
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-06 (major)

    /** R4-06: a MedicationRequest is read only through a short list of names in its text. */
    @ParameterizedTest(name = "R4-06 medicine \"{0}\"")
    @ValueSource(strings = {"Zoladex LA 10.8mg implant SafeSystem pre-filled syringes", "Lupron Depot (leuprolide) 22.5 mg kit",
        "Zoledronic acid 4mg/100ml infusion bags", "Denosumab 120 mg (Xgeva)", "Capecitabine 500mg tablets",
        "Apalutamide 60mg tablets", "Abemaciclib 150mg tablets", "Medrone 4mg tablets", "Decadron 4 mg tablets",
        "Alendronic acid 70mg tablets"})
    void r4_06MedicinesTheNetDoesNotName(String medicine) {
        HookCall call = HookCall.example();
        call.draftOrder("MedicationRequest", "m1").putObject("medicationCodeableConcept").put("text", medicine);
        assertNoWarning(call.card(), medicine);
    }

    @Test
    void r4_06MedicationRequestShapesThatAreNotRead() {
        ReviewCases cases = new ReviewCases();
        HookCall contained = HookCall.example();
        ObjectNode m = contained.draftOrder("MedicationRequest", "dex");
        ObjectNode med = m.putArray("contained").addObject();
        med.put("resourceType", "Medication").put("id", "med1");
        med.putObject("code").put("text", "Dexamethasone 2 mg tablets");
        m.putObject("medicationReference").put("reference", "#med1");
        m.putArray("dosageInstruction").addObject().put("text", "8 mg twice daily");
        cases.noWarning(contained.card(), "dexamethasone in a contained Medication");

        HookCall codeOnly = HookCall.example();
        codeOnly.draftOrder("MedicationRequest", "dex2").putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "https://dmd.nhs.uk").put("code", "39694011000001103");
        cases.noWarning(codeOnly.card(), "a medicine coded in dm+d with no display");

        HookCall instruction = HookCall.example();
        ObjectNode m3 = instruction.draftOrder("MedicationRequest", "ppi");
        m3.putObject("medicationCodeableConcept").put("text", "Omeprazole 20 mg capsules");
        m3.putArray("dosageInstruction").addObject().put("patientInstruction",
                "Take with the steroid started for suspected spinal cord compression");
        cases.noWarning(instruction.card(), "Dosage.patientInstruction");

        HookCall modifier = HookCall.example();
        ObjectNode m4 = modifier.draftOrder("MedicationRequest", "nsaid");
        m4.putObject("medicationCodeableConcept").put("text", "Naproxen 500 mg tablets");
        m4.putArray("modifierExtension").addObject().put("url", "https://ehr.example/x").put("valueBoolean", true);
        cases.noWarning(modifier.card(), "a modifier extension on the MedicationRequest");
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-07 (major)

    /**
     * R4-07: since R3-01's fix, an edited display on a recognised code is read only by the text net;
     * the net's new rows have gaps (a typographic apostrophe in "can’t", "cant", "worse at night",
     * "osteolytic", lower-case "psa", CRP or ESR without a number right after them...).
     */
    @ParameterizedTest(name = "R4-07 \"Low back pain - {0}\"")
    @ValueSource(strings = {"can\u2019t pass urine", "cant pass urine", "not passed urine since yesterday", "pain worse at night",
        "osteolytic lesion L3", "psa 85", "raised CRP", "CRP was 150", "on pred 40mg", "on Zoladex", "impotence since Monday",
        "legs giving way"})
    void r4_07TextNetGapsInAnEditedDisplay(String words) {
        assertNoWarning(HookCall.example().active(SNOMED, "279039007", "Low back pain - " + words).card(), words);
    }

    // ------------------------------------------------------------------ R4-08 (major)

    /** R4-08: only Encounter.class is read; a null encounter prefetch is taken as "no encounter". */
    @Test
    void r4_08TheEncounterBeyondItsClass() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("type").addObject().putArray("coding").addObject()
                .put("system", SNOMED).put("code", "4525004").put("display", "Emergency department patient visit")).card(),
                "an AMB encounter whose type is an ED visit");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("reasonCode").addObject().put("text", "?cauda equina")).card(),
                "an AMB encounter whose reason is ?cauda equina");
        HookCall nul = HookCall.example();
        ((ObjectNode) nul.request().get("prefetch")).putNull("encounter");
        cases.noWarning(nul.card(), "context.encounterId given, but the EHR has no data for Encounter/{{context.encounterId}}");
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-09 (major, usefulness)

    /**
     * R4-09 (usefulness): since R3-01's fix a qualified red-flag word in a code's STANDARD display makes
     * it "cannot tell", so allow-listed codes with their WHO or ICD-10-CM display lose the warning.
     */
    @ParameterizedTest(name = "R4-09 {0} \"{1}\" should get the warning")
    @CsvSource(delimiter = '|', value = {
        "M47.816|Spondylosis without myelopathy or radiculopathy, lumbar region",
        "K57.3|Diverticular disease of large intestine without perforation or abscess",
        "K57.30|Diverticulosis of large intestine without perforation or abscess without bleeding",
        "M75.101|Unspecified rotator cuff tear or rupture of right shoulder, not specified as traumatic",
        "M23.205|Derangement of unspecified medial meniscus due to old tear or injury, left knee",
        "D17.1|Benign lipomatous neoplasm of skin and subcutaneous tissue of trunk",
        "D23.5|Other benign neoplasm of skin of trunk"})
    void r4_09StandardDisplaysOfAllowListedCodesBlock(String code, String display) {
        assertWarning(HookCall.example().active(sys(code), code, display).card(), code);
    }

    // ------------------------------------------------------------------ R4-10 (minor)

    /** R4-10: allow-list rows that still cover lasting or acute risk factors, inconsistent with rows elsewhere. */
    @ParameterizedTest(name = "R4-10 {0}")
    @ValueSource(strings = {"I12.0", "I13.2", "H26.3", "J02.0", "J03.0", "J44.0", "K57.32", "E66.1", "N95.0", "G89.21"})
    void r4_10AllowListRowsThatCoverRiskFactors(String code) {
        assertNoWarning(HookCall.example().active(sys(code), code, null).card(), code);
    }

    // ------------------------------------------------------------------ R4-11 (minor)

    /** R4-11: parts of the order, the condition and the problem list that are still read as nothing. */
    @Test
    void r4_11StructuralGaps() {
        ReviewCases cases = new ReviewCases();
        HookCall ref = HookCall.example();
        ObjectNode cond = ref.order().putArray("contained").addObject();
        cond.put("resourceType", "Condition").put("id", "c1");
        cond.putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "C79.5");
        cond.putObject("subject").put("reference", "Patient/123");
        ref.order().putArray("extension").addObject().put("url", "https://ehr.example/reason-for-exam")
                .putObject("valueReference").put("reference", "#c1");
        cases.noWarning(ref.card(), "an extension's valueReference to a contained C79.5");

        HookCall note = HookCall.example();
        note.order().putArray("extension").addObject().put("url", "https://ehr.example/comment")
                .putObject("valueAnnotation").put("text", "known myeloma, new thoracolumbar pain");
        cases.noWarning(note.card(), "an extension's valueAnnotation");

        HookCall deep = HookCall.example();
        ObjectNode e = deep.order().putArray("extension").addObject().put("url", "a");
        for (int i = 0; i < 6; i++) {
            e = e.putArray("extension").addObject().put("url", "n" + i);
        }
        e.put("valueString", "cauda equina");
        cases.noWarning(deep.card(), "a string six extensions deep");

        HookCall onReason = HookCall.example();
        ((ObjectNode) onReason.order().at("/reasonCode/0")).putArray("extension").addObject().put("url", "x")
                .put("valueString", "metastatic breast cancer");
        cases.noWarning(onReason.card(), "an extension on the reason");

        HookCall condExt = HookCall.example();
        ((ObjectNode) condExt.problemList().get(0).get("resource")).putArray("extension").addObject()
                .put("url", "https://ehr.example/comment").put("valueString", "bony mets L2");
        cases.noWarning(condExt.card(), "an extension string on a condition");

        HookCall severity = HookCall.example().active(ICD10, "M54.5", "Low back pain");
        lastCondition(severity).putObject("severity").put("text", "Severe - ?metastatic");
        cases.noWarning(severity.card(), "a condition's severity text");

        HookCall included = HookCall.example();
        ObjectNode entry = included.problemList().addObject();
        entry.putObject("search").put("mode", "include");
        ObjectNode inner = entry.putObject("resource");
        inner.put("resourceType", "Bundle").put("type", "collection");
        ObjectNode c = inner.putArray("entry").addObject().putObject("resource");
        c.put("resourceType", "Condition").putObject("code").putArray("coding").addObject().put("system", ICD10).put("code", "C79.5");
        c.putObject("subject").put("reference", "Patient/123");
        cases.noWarning(included.card(), "a nested Bundle marked search.mode=include");

        HookCall sibling = HookCall.example();
        ObjectNode s = sibling.draftOrder("ServiceRequest", "ref");
        s.putObject("code").put("text", "Referral");
        s.putArray("category").addObject().put("text", "Suspected cancer pathway (2WW)");
        cases.noWarning(sibling.card(), "a sibling order's category");
        cases.verify();
    }

    // ------------------------------------------------------------------ R4-12 (minor, usefulness)

    /** R4-12 (usefulness): ordinary orders and medicines that now lose the warning. */
    @Test
    void r4_12OrdinaryThingsThatNowBlock() {
        ReviewCases cases = new ReviewCases();
        HookCall cpt = HookCall.example();
        ((ObjectNode) cpt.order().at("/code/coding/0")).put("display", "MRI LUMBAR SPINE W/O DYE");
        cases.warning(cpt.card(), "a CPT short descriptor as the coding's display");
        HookCall inhaler = HookCall.example();
        inhaler.draftOrder("MedicationRequest", "inh").putObject("medicationCodeableConcept").put("text", "Budesonide inhaler 200 micrograms");
        cases.warning(inhaler.card(), "an inhaled steroid ordered with the scan (ICD-10-CM Z79.51 is only noted)");
        HookCall cream = HookCall.example();
        cream.draftOrder("MedicationRequest", "hc").putObject("medicationCodeableConcept").put("text", "Hydrocortisone 1% cream");
        cases.warning(cream.card(), "a mild topical steroid ordered with the scan");
        HookCall b12 = HookCall.example();
        b12.draftOrder("MedicationRequest", "b12").putObject("medicationCodeableConcept")
                .put("text", "Hydroxocobalamin 1mg/1ml solution for injection ampoules");
        cases.warning(b12.card(), "a vitamin B12 injection (read as injecting drug use)");
        cases.verify();
    }

    // ------------------------------------------------------------------ the fixes' other side (ours)

    @ParameterizedTest(name = "a title-like edit still blocks: \"{0}\"")
    @ValueSource(strings = {"Low back pain screening positive metastases", "Low back pain without treatment metastatic cancer",
        "Low back pain without myelopathy but cord compression", "Low back pain, benign, metastatic prostate cancer",
        "Family history of bowel cancer and own metastatic cancer"})
    void aTitleLikeEditThatNamesARedFlagStillBlocks(String display) {
        assertNoWarning(HookCall.example().active(ICD10, "M54.5", display).card(), display);
    }

    @ParameterizedTest(name = "a standard title still gets the warning: {0}")
    @CsvSource(delimiter = '|', value = {"Z80.0|Family history of malignant neoplasm of digestive organs",
        "Z80.3|Family history of malignant neoplasm of breast", "Z12.31|Encounter for screening mammogram for malignant neoplasm of breast",
        "Z12.11|Encounter for screening for malignant neoplasm of colon", "M54.5|Low back pain"})
    void aStandardTitleOfAnAllowListedCodeStillGetsTheWarning(String code, String display) {
        assertWarning(HookCall.example().active(sys(code), code, display).card(), code);
    }
}
