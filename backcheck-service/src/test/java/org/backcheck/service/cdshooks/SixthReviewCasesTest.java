package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10;
import static org.backcheck.service.cdshooks.RedFlagCodes.SNOMED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Sixth independent review, of eef58ae..3a43a64 (the answers to the fifth review). Every test here
 * FAILS at 3a43a64: each "noWarning" case got a warning with a suggestion to cancel, each "warning"
 * case (usefulness) did not get one, and the R6-07 cases throw (HTTP 500; reported by name as "threw"). Today is 2026-11-21
 * (HookCall); the 48-year-old example unless stated. Each test should pass once its finding is fixed.
 */
class SixthReviewCasesTest {

    private static HookCall ambType(String text) {
        return HookCall.inEncounter("AMB", e -> e.putArray("type").addObject().put("text", text));
    }

    private static HookCall medicine(String name) {
        HookCall call = HookCall.example();
        call.draftOrder("MedicationRequest", "m1").putObject("medicationCodeableConcept").put("text", name);
        return call;
    }

    private static ObjectNode paracetamol(HookCall call) {
        ObjectNode m = call.draftOrder("MedicationRequest", "m1");
        m.putObject("medicationCodeableConcept").put("text", "Paracetamol 500mg tablets");
        return m;
    }

    private static final String PRIORITY = "http://terminology.hl7.org/CodeSystem/v3-ActPriority";

    // ------------------------------------------------------------------ R6-01 (major)

    /**
     * R6-01: CareSetting's PRIMARY_CARE allow-list holds words that name no setting ("appointment",
     * "consultation", "follow up", "routine", "video"): any hospital or specialist clinic whose name
     * avoids the SPECIALIST list is taken as general practice.
     */
    @Test
    void r6_01HospitalClinicsPassTheAllowListOnSettingNeutralWords() {
        ReviewCases cases = new ReviewCases();
        for (String t : new String[] {"Fracture clinic appointment", "Myeloma clinic follow up", "Sarcoma clinic appointment",
            "Breast clinic appointment", "Metabolic bone clinic follow up", "Gynaecology consultation", "Onc follow up",
            "Ortho follow up", "Neuro follow up", "Rheum follow up", "MIU appointment", "UTC appointment", "OPD consultation",
            "Day case unit appointment", "Pre-operative assessment appointment", "Clinic appointment", "Follow up", "Routine"}) {
            cases.noWarning(ambType(t), "AMB, type text " + t);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-02 (major)

    /**
     * R6-02: the encounter's type and service type are read only for setting words, never by the text
     * net, and the encounter's own extensions are not read: a red flag typed there gets the cancel.
     */
    @Test
    void r6_02RedFlagWordsInTheEncounterAreNotRead() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(ambType("GP appointment - suspected cauda equina"), "AMB, type text GP appointment - suspected cauda equina");
        cases.noWarning(ambType("GP consultation: saddle anaesthesia"), "AMB, type text GP consultation: saddle anaesthesia");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putObject("serviceType").put("text", "GP follow up - bony mets")),
                "AMB, serviceType text GP follow up - bony mets");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("extension").addObject().put("url", "https://ehr.example.org/reason-for-visit")
                .put("valueString", "saddle anaesthesia, new urinary retention")), "AMB, extension valueString saddle anaesthesia");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-03 (major)

    /**
     * R6-03: an ambulatory encounter with no type passes however the rest of it places the order
     * (location, service provider, the encounter it is part of); a priority with a routine coding
     * beside an emergency one is routine (anyMatch); a modifier extension and a status of
     * entered-in-error are not read.
     */
    @Test
    void r6_03AmbulatoryEncounterReadOnlyThroughItsTypes() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("location").addObject().putObject("location")
                .put("display", "Emergency Department")), "AMB, no type, location Emergency Department");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putObject("serviceProvider").put("display", "Royal Infirmary Emergency Department")),
                "AMB, no type, serviceProvider an emergency department");
        cases.noWarning(HookCall.inEncounter("AMB", e -> {
            e.putArray("type").addObject().put("text", "GP consultation");
            e.putObject("partOf").put("reference", "Encounter/ed-attendance-1");
        }), "AMB GP consultation, partOf another encounter (an ED attendance)");
        cases.noWarning(HookCall.inEncounter("AMB", e -> {
            ArrayNode codings = e.putObject("priority").putArray("coding");
            codings.addObject().put("system", PRIORITY).put("code", "R");
            codings.addObject().put("system", PRIORITY).put("code", "EM");
        }), "AMB, priority coded both R and EM");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("modifierExtension").addObject()
                .put("url", "https://ehr.example.org/not-this-setting").put("valueBoolean", true)), "AMB, modifierExtension");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.put("status", "entered-in-error")), "AMB, status entered-in-error");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-04 (major)

    /**
     * R6-04: OrdinaryMedicines finds an ordinary word anywhere in the name, so a name that also holds
     * another medicine is ordinary; the catch-all topical row admits any medicine as a cream or patch.
     */
    @Test
    void r6_04ANameHoldingAnOrdinaryWordIsOrdinary() {
        ReviewCases cases = new ReviewCases();
        for (String m : new String[] {"Flucloxacillin 500mg capsules and paracetamol", "Doxycycline 100mg capsules; paracetamol 1g",
            "Nitrofurantoin plus paracetamol", "Calcium carbonate 1.5g / colecalciferol 400unit chewable tablets",
            "Ferrous sulfate 200mg and folic acid", "Fluorouracil 5% cream", "Fentanyl 25micrograms/hour transdermal patches"}) {
            cases.noWarning(medicine(m), "medicine " + m);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-05 (major)

    /**
     * R6-05: parts of a medicine order that are not read: a coded as-needed reason ("Fever"), supporting
     * information, the category (inpatient) and the priority (stat).
     */
    @Test
    void r6_05MedicineOrderPartsNotRead() {
        ReviewCases cases = new ReviewCases();
        HookCall fever = HookCall.example();
        paracetamol(fever).putArray("dosageInstruction").addObject().putObject("asNeededCodeableConcept").putArray("coding").addObject()
                .put("system", SNOMED).put("code", "386661006").put("display", "Fever");
        cases.noWarning(fever, "paracetamol as needed for coded Fever (SNOMED 386661006)");
        HookCall supporting = HookCall.example();
        paracetamol(supporting).putArray("supportingInformation").addObject().put("reference", "Condition/c-77")
                .put("display", "Metastatic prostate cancer");
        cases.noWarning(supporting, "paracetamol with supportingInformation 'Metastatic prostate cancer'");
        HookCall inpatient = HookCall.example();
        ObjectNode m = paracetamol(inpatient);
        m.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/medicationrequest-category").put("code", "inpatient");
        m.put("priority", "stat");
        cases.noWarning(inpatient, "paracetamol, category inpatient, priority stat");
        HookCall lumbarPrn = HookCall.example();
        lumbarPrn.order().putObject("asNeededCodeableConcept").putArray("coding").addObject()
                .put("system", SNOMED).put("code", "386661006").put("display", "Fever");
        cases.noWarning(lumbarPrn, "the lumbar order's asNeededCodeableConcept coded Fever");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-06 (major)

    /**
     * R6-06: the R5-05 fix covers readFreeText and readNamedText only: another draft order's reason
     * text, or a recognised code's display on it, longer than 2,000 characters is still silently cut.
     */
    @Test
    void r6_06AnotherOrdersReasonPastTwoThousandCharacters() {
        ReviewCases cases = new ReviewCases();
        HookCall text = HookCall.example();
        ObjectNode physio = text.draftOrder("ServiceRequest", "physio");
        physio.putObject("code").put("text", "Referral to physiotherapy");
        physio.putArray("reasonCode").addObject().put("text",
                "Mechanical low back pain for six weeks, worse with bending. ".repeat(40) + "New saddle anaesthesia since yesterday.");
        cases.noWarning(text, "physiotherapy referral, reason text of 2,400 characters ending in saddle anaesthesia");
        HookCall display = HookCall.example();
        ObjectNode physio2 = display.draftOrder("ServiceRequest", "physio");
        physio2.putObject("code").put("text", "Referral to physiotherapy");
        physio2.putArray("reasonCode").addObject().putArray("coding").addObject().put("system", ICD10).put("code", "M54.5")
                .put("display", "Low back pain " + "x ".repeat(1100) + "saddle anaesthesia");
        cases.noWarning(display, "physiotherapy referral, reason M54.5 whose display ends past 2,000 characters in saddle anaesthesia");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-07 (minor)

    /** R6-07: a coding without a code throws NullPointerException (Set.of(...).contains(null)): HTTP 500. */
    @Test
    void r6_07CodingWithoutACodeThrows() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putObject("priority").putArray("coding").addObject()
                .put("system", PRIORITY).put("display", "routine")), "encounter priority coding without a code");
        HookCall verification = HookCall.example().active(ICD10, "M54.5", "Low back pain");
        ((ObjectNode) verification.problemList().get(verification.problemList().size() - 1).get("resource"))
                .putObject("verificationStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("display", "confirmed");
        // A status coding without a code is not "refuted" or "resolved": the benign condition counts, as
        // current, and the record may get the warning. What matters is that the call is answered.
        cases.answered(verification, "condition verificationStatus coding without a code");
        HookCall clinical = HookCall.example().condition(ICD10, "M54.5", "Low back pain", null, null);
        ((ObjectNode) clinical.problemList().get(clinical.problemList().size() - 1).get("resource"))
                .putObject("clinicalStatus").putArray("coding").addObject().put("display", "resolved");
        cases.answered(clinical, "condition clinicalStatus coding without a code");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-08 (minor)

    /**
     * R6-08: a zero-width or word-joiner character inside a word hides it from the net and from EDITED
     * (a code system's title never holds one), on a recognised code's display and another order's note.
     */
    @Test
    void r6_08FormatCharactersHideWords() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.example().active(ICD10, "M54.5", "Low back pain, cauda\u200bequina"), "M54.5 display with U+200B");
        cases.noWarning(HookCall.example().active(ICD10, "M54.5", "Low back pain with cau\u2060da equina syndrome"),
                "M54.5 display with U+2060 inside 'cauda'");
        HookCall sib = HookCall.example();
        ObjectNode physio = sib.draftOrder("ServiceRequest", "physio");
        physio.putObject("code").put("text", "Referral to physiotherapy");
        physio.putArray("note").addObject().put("text", "Suspected cauda\u200bequina");
        cases.noWarning(sib, "another order's note 'Suspected cauda\u200bequina'");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-09 (minor, usefulness)

    /**
     * R6-09: topical and nasal steroids other than hydrocortisone and budesonide, and topical
     * tacrolimus, block, though ordinary-medicines.csv says products used on the skin or inhaled are
     * ordinary: the steroid row's topical exclusion covers only two names.
     */
    @Test
    void r6_09TopicalSteroidsBlock() {
        ReviewCases cases = new ReviewCases();
        for (String m : new String[] {"Betamethasone valerate 0.1% cream", "Triamcinolone 55micrograms/dose nasal spray",
            "Tacrolimus 0.1% ointment"}) {
            cases.warning(medicine(m), "medicine " + m);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-10 (minor)

    /**
     * R6-10: an extension inside an extension's coded value is not read; a medicine whose reference
     * cannot be resolved is judged by the reference's display alone (the Javadoc says it blocks).
     */
    @Test
    void r6_10ExtensionInsideAValueAndAnUnresolvedMedication() {
        ReviewCases cases = new ReviewCases();
        HookCall nested = HookCall.example();
        ObjectNode ext = nested.order().putArray("extension").addObject().put("url", "https://ehr.example.org/indication");
        ObjectNode coding = ext.putObject("valueCodeableConcept").putArray("coding").addObject();
        coding.put("system", ICD10).put("code", "M54.5").put("display", "Low back pain");
        coding.putArray("extension").addObject().put("url", "https://ehr.example.org/comment").put("valueString", "saddle anaesthesia");
        cases.noWarning(nested, "extension valueCodeableConcept whose coding carries a valueString 'saddle anaesthesia'");
        HookCall unresolved = HookCall.example();
        unresolved.draftOrder("MedicationRequest", "m1").putObject("medicationReference").put("reference", "Medication/not-sent")
                .put("display", "Paracetamol 500mg tablets");
        cases.noWarning(unresolved, "medicationReference to a Medication not sent, display paracetamol");
        cases.verify();
    }

    // ------------------------------------------------------------------ R6-11 (minor, pre-existing)

    /**
     * R6-11: another draft order that is a work-up for a serious cause (myeloma, prostate cancer,
     * infection) counts only for the net's words, so a scan signed with it gets the cancel.
     */
    @Test
    void r6_11SeriousCauseWorkUpOrderedWithTheScan() {
        ReviewCases cases = new ReviewCases();
        for (String t : new String[] {"Prostate specific antigen", "Serum protein electrophoresis", "Serum free light chains",
            "Blood cultures"}) {
            HookCall call = HookCall.example();
            call.draftOrder("ServiceRequest", "s1").putObject("code").put("text", t);
            cases.noWarning(call, "another draft order: " + t);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ sanity (passes at HEAD)

    /** The benign GP record still gets the warning: these must keep passing after any fix. */
    @Test
    void benignGeneralPracticeRecordsStillWarn() {
        ReviewCases cases = new ReviewCases();
        cases.warning(HookCall.example(), "the example, no encounter sent");
        cases.warning(ambType("GP surgery consultation"), "AMB GP surgery consultation");
        cases.warning(medicine("Co-codamol 30mg/500mg tablets"), "co-codamol");
        cases.warning(medicine("Ibuprofen 5% gel"), "ibuprofen gel");
        cases.warning(medicine("Naproxen 500mg / esomeprazole 20mg modified-release tablets"), "naproxen/esomeprazole");
        cases.verify();
    }
}
