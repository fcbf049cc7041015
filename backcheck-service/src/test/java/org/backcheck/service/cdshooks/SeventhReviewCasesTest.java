package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10;
import static org.backcheck.service.cdshooks.RedFlagCodes.SNOMED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Seventh independent review, of 3a43a64..beb18e4 (the answers to the sixth review). Every test
 * here except the last FAILS at beb18e4. A "noWarning" case got a warning with a suggestion to
 * cancel. A "warning" case (usefulness) did not get the warning. Today is 2026-11-21 (HookCall). The
 * 48-year-old example is used unless a case says otherwise. Draft order 0 is the MRI and draft
 * order 1 is an FBC, so an added medicine is entry 2. Each test should pass once its finding is fixed.
 */
class SeventhReviewCasesTest {

    private static HookCall ambType(String text) {
        return HookCall.inEncounter("AMB", e -> e.putArray("type").addObject().put("text", text));
    }

    private static HookCall medicine(String name) {
        HookCall call = HookCall.example();
        call.draftOrder("MedicationRequest", "m1").putObject("medicationCodeableConcept").put("text", name);
        return call;
    }

    /** The medicine added by {@link #medicine}: draft order 2 (0 is the MRI, 1 the example's FBC). */
    private static ObjectNode med(HookCall call) {
        return (ObjectNode) call.request().at("/context/draftOrders/entry/2/resource");
    }

    private static HookCall otherOrder(String codeText) {
        HookCall call = HookCall.example();
        call.draftOrder("ServiceRequest", "s1").putObject("code").put("text", codeText);
        return call;
    }

    private static HookCall otherOrderNote(String note) {
        HookCall call = HookCall.example();
        ObjectNode s = call.draftOrder("ServiceRequest", "s1");
        s.putObject("code").put("text", "Referral to physiotherapy");
        s.putArray("note").addObject().put("text", note);
        return call;
    }

    // ------------------------------------------------------------------ R7-01 (major)

    /**
     * R7-01: an ambulatory encounter with no type is still accepted. Its location and service provider
     * are then checked only against the SPECIALIST deny-list. That list has no plural forms
     * ("Hospitals", "Wards") and misses the usual UK names for emergency and acute areas (Majors,
     * Resus, A+E, SDEC, AMU, CDU). A GP-typed encounter whose provider is a hospital trust also passes.
     */
    @Test
    void r7_01LocationAndProviderDenyListGaps() {
        ReviewCases cases = new ReviewCases();
        for (String l : new String[] {"Majors", "Resus", "A+E", "SDEC", "AMU", "Clinical Decision Unit", "Wards"}) {
            cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("location").addObject().putObject("location").put("display", l)),
                    "AMB, no type, location " + l);
        }
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putObject("serviceProvider").put("display", "Leeds Teaching Hospitals NHS Trust")),
                "AMB, no type, serviceProvider Leeds Teaching Hospitals NHS Trust");
        cases.noWarning(HookCall.inEncounter("AMB", e -> {
            e.putArray("type").addObject().put("text", "GP consultation");
            e.putObject("serviceProvider").put("display", "Oxford University Hospitals NHS Foundation Trust");
        }), "AMB GP consultation, serviceProvider Oxford University Hospitals NHS Foundation Trust");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-02 (major)

    /**
     * R7-02: the PRIMARY_CARE allow-list is satisfied by "GP", "primary care" or "community" anywhere in
     * the type. Hospital units named for GP referrals (GP assessment or admissions units) and GP
     * streaming inside an emergency department therefore pass. SPECIALIST's missing plurals let
     * "admissions", "hospitals" and "wards" through.
     */
    @Test
    void r7_02GeneralPracticeWordsInHospitalUnitNames() {
        ReviewCases cases = new ReviewCases();
        for (String t : new String[] {"GP assessment unit", "GP admissions unit", "GP streaming A+E", "Primary care streaming (Majors)",
            "GP in Resus", "GP SDEC", "GP AMU", "Community hospitals", "GP wards"}) {
            cases.noWarning(ambType(t), "AMB, type text " + t);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-03 (major)

    /**
     * R7-03: the parts of an ambulatory encounter that say where it takes place, other than a location
     * display and the service provider's display, are not read. These are a location given by reference
     * (the usual form), the location's physical type, the class history, the participants and the
     * episode of care. So is a status of cancelled.
     */
    @Test
    void r7_03EncounterSettingPartsNotRead() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("location").addObject().putObject("location")
                .put("reference", "Location/ed-majors")), "AMB, no type, location by reference only (Location/ed-majors)");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("location").addObject().putObject("physicalType").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/location-physical-type").put("code", "wa").put("display", "Ward")),
                "AMB, no type, location physicalType wa (Ward)");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("classHistory").addObject().putObject("class")
                .put("system", CareSetting.ACT_CODE).put("code", "EMER")), "AMB, no type, classHistory EMER");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("participant").addObject().putObject("individual")
                .put("display", "Mr A Smith, Consultant Spinal Surgeon")), "AMB, no type, participant a consultant spinal surgeon");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("episodeOfCare").addObject().put("reference", "EpisodeOfCare/onc-1")
                .put("display", "Oncology")), "AMB, no type, episodeOfCare Oncology");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.put("status", "cancelled")), "AMB, status cancelled");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-04 (major)

    /**
     * R7-04: the encounter's type text, another order's name and a medicine's instructions count only
     * for the text net's words (R6-02 was fixed that way). The net has "2WW" but not "2 week wait",
     * "two week wait" or "fast track" (the suspected-cancer pathway), and not "thoracic pain"
     * (a red flag in NICE CKS).
     */
    @Test
    void r7_04SuspectedCancerPathwayWordsTheNetMisses() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(ambType("GP appointment - 2 week wait"), "AMB, type text GP appointment - 2 week wait");
        cases.noWarning(ambType("GP appointment - thoracic pain"), "AMB, type text GP appointment - thoracic pain");
        cases.noWarning(otherOrder("Two week wait referral - urology"), "another draft order: Two week wait referral - urology");
        cases.noWarning(otherOrder("Fast track referral - haematology"), "another draft order: Fast track referral - haematology");
        HookCall dosage = medicine("Paracetamol 500mg tablets");
        med(dosage).putArray("dosageInstruction").addObject().put("text", "1g four times daily while awaiting 2 week wait appointment");
        cases.noWarning(dosage, "paracetamol, dosage text 'awaiting 2 week wait appointment'");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-05 (major, predates this diff)

    /**
     * R7-05: the lumbar order itself names its setting in parts Backcheck does not read: the requester's
     * display (a consultant neurosurgeon), the requested location (Emergency Department) and the
     * performer type's text.
     */
    @Test
    void r7_05LumbarOrderSettingPartsNotRead() {
        ReviewCases cases = new ReviewCases();
        HookCall requester = HookCall.example();
        requester.order().putObject("requester").put("reference", "PractitionerRole/pr-9").put("display", "Mr Y Jones, Consultant Neurosurgeon");
        cases.noWarning(requester, "lumbar order requester 'Consultant Neurosurgeon'");
        HookCall location = HookCall.example();
        location.order().putArray("locationCode").addObject().put("text", "Emergency Department");
        cases.noWarning(location, "lumbar order locationCode 'Emergency Department'");
        HookCall performer = HookCall.example();
        performer.order().putArray("performerType").addObject().put("text", "Urgent MRI - oncology slot");
        cases.noWarning(performer, "lumbar order performerType text 'Urgent MRI - oncology slot'");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-06 (minor)

    /**
     * R7-06: names made only of an ordinary medicine and form words that are not ordinary in a GP back
     * pain consultation. Oral beclometasone (Clipper, a steroid for ulcerative colitis) breaks the
     * CSV's own statement that steroids taken by mouth are still blocked, because the net's steroid row
     * has no beclometasone. Parenteral morphine, oxycodone and diazepam pass, as does a steroid whose
     * name has "%" within 30 characters (the net's topical look-ahead).
     */
    @Test
    void r7_06OrdinaryByNameButNotOrdinary() {
        ReviewCases cases = new ReviewCases();
        for (String m : new String[] {"Beclometasone 5mg gastro-resistant modified-release tablets",
            "Morphine sulfate 10mg/1ml solution for injection ampoules", "Oxycodone 10mg/1ml solution for injection ampoules",
            "Diazepam 10mg/2ml solution for injection ampoules", "Triamcinolone 40mg with lidocaine 1% injection"}) {
            cases.noWarning(medicine(m), "medicine " + m);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-07 (minor)

    /**
     * R7-07: setting and context in a medicine order that are not read. The hospital category test
     * looks only at the standard codes, or at text without a line break; "outpatient" is not blocked.
     * The requester, the performer, a course of therapy of "Palliative", the route, and a contained
     * Medication's extensions and modifier extensions are not read.
     */
    @Test
    void r7_07MedicineOrderSettingAndContainedMedication() {
        ReviewCases cases = new ReviewCases();
        HookCall outpatient = medicine("Paracetamol 500mg tablets");
        med(outpatient).putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/medicationrequest-category").put("code", "outpatient");
        cases.noWarning(outpatient, "paracetamol, category outpatient");
        HookCall local = medicine("Paracetamol 500mg tablets");
        med(local).putArray("category").addObject().putArray("coding").addObject()
                .put("system", "https://ehr.example.org/rx-category").put("code", "ED").put("display", "Emergency department");
        cases.noWarning(local, "paracetamol, local category coding 'Emergency department'");
        HookCall newline = medicine("Paracetamol 500mg tablets");
        med(newline).putArray("category").addObject().put("text", "Ward stock\nInpatient");
        cases.noWarning(newline, "paracetamol, category text 'Ward stock<LF>Inpatient'");
        HookCall requester = medicine("Paracetamol 500mg tablets");
        med(requester).putObject("requester").put("display", "Dr X, Emergency Department");
        cases.noWarning(requester, "paracetamol, requester 'Dr X, Emergency Department'");
        HookCall course = medicine("Paracetamol 500mg tablets");
        med(course).putObject("courseOfTherapyType").put("text", "Palliative");
        cases.noWarning(course, "paracetamol, courseOfTherapyType 'Palliative'");
        HookCall route = medicine("Lidocaine 1% solution for injection ampoules");
        med(route).putArray("dosageInstruction").addObject().putObject("route").put("text", "Epidural");
        cases.noWarning(route, "lidocaine injection, route 'Epidural'");
        for (boolean modifier : new boolean[] {false, true}) {
            HookCall call = HookCall.example();
            ObjectNode m = call.draftOrder("MedicationRequest", "m1");
            ObjectNode contained = m.putArray("contained").addObject();
            contained.put("resourceType", "Medication").put("id", "med1");
            contained.putObject("code").put("text", "Paracetamol 500mg tablets");
            if (modifier) {
                contained.putArray("modifierExtension").addObject().put("url", "https://ehr.example.org/not-as-named").put("valueBoolean", true);
            } else {
                contained.putArray("extension").addObject().put("url", "https://ehr.example.org/indication")
                        .put("valueString", "metastatic bone pain");
            }
            m.putObject("medicationReference").put("reference", "#med1");
            cases.noWarning(call, modifier ? "contained Medication with a modifierExtension"
                    : "contained Medication with extension 'metastatic bone pain'");
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-08 (minor)

    /**
     * R7-08: the R6-08 fix covers only \p{Cf}. A combining grapheme joiner or variation selector (marks,
     * so part of the word), a C0 control character, full-width letters and a decomposed accent still
     * hide "cauda equina". CareSetting does not remove format characters at all, so "Emer\u200bgency"
     * next to "GP" passes as general practice.
     */
    @Test
    void r7_08InvisibleAndLookAlikeCharactersStillHideWords() {
        ReviewCases cases = new ReviewCases();
        String[][] variants = {{"cauda\u034fequina", "U+034F"}, {"cauda\ufe0f equina", "U+FE0F"}, {"cauda\u0001equina", "U+0001"},
            {"\uff43\uff41\uff55\uff44\uff41 \uff45\uff51\uff55\uff49\uff4e\uff41", "full-width"}, {"cauda equi\u0301na", "U+0301"}};
        for (String[] v : variants) {
            cases.noWarning(otherOrderNote("Suspected " + v[0]), "another order's note 'Suspected cauda equina' with " + v[1]);
            cases.noWarning(HookCall.example().active(ICD10, "M54.5", "Low back pain, " + v[0]), "M54.5 display with " + v[1]);
        }
        cases.noWarning(ambType("Emer\u200bgency department GP"), "AMB, type text 'Emer<ZWSP>gency department GP'");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-09 (minor)

    /**
     * R7-09: words in an extension value that readExtension passes over: an extension on the
     * valueString primitive itself (_valueString), an Identifier's type text and a Quantity's unit.
     */
    @Test
    void r7_09ExtensionValueWordsNotRead() {
        ReviewCases cases = new ReviewCases();
        HookCall primitive = HookCall.example();
        ObjectNode ext = primitive.order().putArray("extension").addObject().put("url", "https://ehr.example.org/priority-note")
                .put("valueString", "routine");
        ext.putObject("_valueString").putArray("extension").addObject().put("url", "https://ehr.example.org/comment")
                .put("valueString", "saddle anaesthesia");
        cases.noWarning(primitive, "lumbar order extension valueString whose _valueString carries 'saddle anaesthesia'");
        HookCall identifier = HookCall.example();
        identifier.order().putArray("extension").addObject().put("url", "https://ehr.example.org/pathway").putObject("valueIdentifier")
                .put("value", "UBRN-0001").putObject("type").put("text", "Suspected cancer pathway");
        cases.noWarning(identifier, "lumbar order extension valueIdentifier typed 'Suspected cancer pathway'");
        HookCall quantity = HookCall.example();
        quantity.order().putArray("extension").addObject().put("url", "https://ehr.example.org/observation").putObject("valueQuantity")
                .put("value", 39.2).put("unit", "degC temperature (febrile)");
        cases.noWarning(quantity, "lumbar order extension valueQuantity with unit 'degC temperature (febrile)'");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-10 (minor, usefulness)

    /**
     * R7-10: usefulness. The consultation types GP systems send ("Surgery consultation", "Telephone
     * consultation", "Face to face consultation") name no setting, so the warning is lost whenever the
     * EHR sends an encounter type. So is a GP text with a generic SNOMED display beside it. The dm+d
     * names of Voltarol Emulgel and Laxido/Movicol are not ordinary.
     */
    @Test
    void r7_10OrdinaryGeneralPracticeRecordsLoseTheWarning() {
        ReviewCases cases = new ReviewCases();
        for (String t : new String[] {"Surgery consultation", "Telephone consultation", "Face to face consultation"}) {
            cases.warning(ambType(t), "AMB, type text " + t);
        }
        cases.warning(HookCall.inEncounter("AMB", e -> {
            ObjectNode type = e.putArray("type").addObject();
            type.put("text", "GP surgery consultation");
            type.putArray("coding").addObject().put("system", SNOMED).put("code", "11429006").put("display", "Consultation");
        }), "AMB, type text GP surgery consultation with SNOMED 11429006 Consultation");
        for (String m : new String[] {"Diclofenac diethylammonium 1.16% gel", "Macrogol compound oral powder sachets NPF sugar free"}) {
            cases.warning(medicine(m), "medicine " + m);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-11 (minor)

    /**
     * R7-11: the encounter's identity is checked only when it is given. An encounter with no subject,
     * or one naming the patient only by an identifier, or with no id, passes. An encounter reason or
     * diagnosis that is a reference without a display, to a condition that is not on the problem
     * list, is dropped silently.
     */
    @Test
    void r7_11EncounterIdentityAndUnresolvedReferences() {
        ReviewCases cases = new ReviewCases();
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.remove("subject")), "AMB encounter with no subject");
        cases.noWarning(HookCall.inEncounter("AMB", e -> {
            e.remove("subject");
            e.putObject("subject").putObject("identifier").put("system", "https://fhir.nhs.uk/Id/nhs-number").put("value", "9999999999");
        }), "AMB encounter whose subject is only an identifier");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.remove("id")), "AMB encounter with no id");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("reasonReference").addObject().put("reference", "Condition/not-on-list")),
                "AMB encounter whose reason is Condition/not-on-list (not in the problem list)");
        cases.noWarning(HookCall.inEncounter("AMB", e -> e.putArray("diagnosis").addObject().putObject("condition")
                .put("reference", "Condition/not-on-list")), "AMB encounter whose diagnosis is Condition/not-on-list");
        cases.verify();
    }

    // ------------------------------------------------------------------ R7-12 (minor, predates this diff)

    /**
     * R7-12: R6-11 was fixed with a short list, so other work-up orders signed with the scan still leave
     * the cancel open. They include CT chest, abdomen and pelvis (cancer staging), plasma viscosity and
     * immunoglobulins (NICE NG12's myeloma tests), a haematology referral and a neurosurgery referral.
     */
    @Test
    void r7_12WorkUpOrdersOutsideTheShortList() {
        ReviewCases cases = new ReviewCases();
        for (String t : new String[] {"CT chest abdomen pelvis", "CT CAP", "Plasma viscosity", "Serum immunoglobulins",
            "Referral to haematology", "Referral to neurosurgery"}) {
            cases.noWarning(otherOrder(t), "another draft order: " + t);
        }
        cases.verify();
    }

    // ------------------------------------------------------------------ guard (passes at beb18e4)

    /** The benign GP record still gets the warning: these must keep passing after any fix. */
    @Test
    void benignGeneralPracticeRecordsStillWarn() {
        ReviewCases cases = new ReviewCases();
        cases.warning(HookCall.example(), "the example, no encounter sent");
        cases.warning(ambType("GP surgery consultation"), "AMB GP surgery consultation");
        cases.warning(HookCall.inEncounter("VR", e -> e.putArray("type").addObject().put("text", "GP telephone consultation")),
                "VR GP telephone consultation");
        for (String m : new String[] {"Co-codamol 30mg/500mg tablets", "Co-codamol 8mg/500mg effervescent tablets", "Naproxen 500mg tablets",
            "Naproxen 250mg gastro-resistant tablets", "Omeprazole 20mg gastro-resistant capsules", "Lansoprazole 30mg gastro-resistant capsules",
            "Ibuprofen 5% gel", "Ibuprofen 400mg tablets", "Naproxen 500mg / esomeprazole 20mg modified-release tablets"}) {
            cases.warning(medicine(m), "medicine " + m);
        }
        HookCall four = HookCall.example();
        int i = 0;
        for (String m : new String[] {"Co-codamol 30mg/500mg tablets", "Naproxen 500mg tablets", "Omeprazole 20mg gastro-resistant capsules",
            "Ibuprofen 5% gel"}) {
            four.draftOrder("MedicationRequest", "m" + (i++)).putObject("medicationCodeableConcept").put("text", m);
        }
        cases.warning(four, "co-codamol, naproxen, omeprazole and ibuprofen gel ordered together with the scan");
        cases.verify();
    }
}
