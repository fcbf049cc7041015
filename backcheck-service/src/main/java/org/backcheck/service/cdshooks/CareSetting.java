package org.backcheck.service.cdshooks;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;

/**
 * Where the order is made, from the encounter the EHR prefetches. The NHS EBI advice not to image
 * low back pain routinely is for non-specialist settings (primary care and community services); an
 * order made in an emergency department or on a ward is a specialist's decision, for reasons the
 * order may not code (third independent review, R3-10). Only an ambulatory, virtual or home
 * encounter (HL7 v3 ActCode AMB, VR, HH) is taken as possibly non-specialist; any other class, or
 * a class Backcheck cannot read, stops the suggestion to cancel. Without an encounter the service
 * assumes the setting it is deployed for (clinical-safety/README.md: the deploying organisation
 * enables it only where orders come from non-specialist settings).
 */
final class CareSetting {

    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private static final Set<String> MAY_BE_NON_SPECIALIST = Set.of("AMB", "VR", "HH");

    /**
     * Words in an encounter's type or service type that name a general-practice or community
     * setting: the setting itself, never words any clinic uses ("appointment", "consultation",
     * "follow up"; sixth review R6-01). Some EHRs class emergency, hospital and specialist clinic
     * attendances as ambulatory, so an ambulatory encounter with a type counts as non-specialist only
     * when every type names such a setting and none names another (fifth review R5-03).
     */
    private static final Pattern PRIMARY_CARE = Pattern.compile("(?<!\\w)(?:general\\s+practi\\w*+|gp|primary\\s+care|"
            + "family\\s+(?:medicine|practice|physician|doctor)|community|health\\s+cent(?:re|er)|home\\s+visit|"
            + "(?:gp|doctor'?s?|practice)\\s+surgery)(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * The consultation types of UK general-practice systems, as whole type names ("Surgery
     * consultation", "Telephone consultation"; seventh review R7-10): taken as general practice only
     * when they are the whole name.
     */
    private static final Pattern GP_CONSULTATION = Pattern.compile(
            "(?:surgery|telephone|face\\s+to\\s+face|video|online|e|home\\s+visit)\\s+consultation|home\\s+visit",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /** Words that name an emergency, hospital or specialist setting, whatever else the type says. */
    private static final Pattern SPECIALIST = Pattern.compile("(?<!\\w)(?:emerg\\w*+|a\\s*(?:&|and)\\s*e|accident|casualty|"
            + "ed|urgent|minor\\s+injur\\w*+|inpatient|in\\s+patient|ward|admission|admitted|hospital|acute|oncology|"
            + "cancer|chemo\\w*+|radiother\\w*+|haem\\w*+|hem[ao]\\w*+|palliat\\w*+|hospice|dialysis|renal|urolog\\w*+|"
            + "outpatients?+|spinal|spine|orthopa?edic\\w*+|neurosurg\\w*+|neurolog\\w*+|rheumatolog\\w*+|specialist|"
            + "consultant|surgical|pain\\s+clinic|pain\\s+management|intensive|critical\\s+care|trauma|fracture|"
            + "onc\\w*+|sarcoma|myeloma|miu|utc|opd|walk\\s*in|infirmary|clinic|clinics|hospitals|wards|admissions|"
            + "trust|unit|units|streaming|majors|minors|resus\\w*+|a\\s*\\+\\s*e|sdec|amu|cdu|same\\s+day\\s+emergency|"
            + "assessment\\s+unit)(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /** Encounter priorities (HL7 v3 ActPriority) that are not urgent: routine and elective. */
    private static final Set<String> NOT_URGENT = Set.of("R", "EL");

    /**
     * An ambulatory, virtual or home encounter: non-specialist unless its priority is urgent, it led
     * to an admission, or its type or service type is not a named general-practice or community one.
     */
    private static Optional<String> ambulatory(Encounter encounter) {
        if (encounter.hasModifierExtension()) {
            return Optional.of("The encounter carries a modifier extension, which may change what it means and which Backcheck "
                    + "does not read.");
        }
        if (encounter.hasPriority()) {
            List<Coding> codings = encounter.getPriority().getCoding();
            boolean routine = !codings.isEmpty() && codings.stream().allMatch(c -> (c.getSystem() == null
                    || c.getSystem().endsWith("v3-ActPriority")) && c.getCode() != null && NOT_URGENT.contains(c.getCode()));
            if (!routine) {
                return Optional.of("The encounter's priority is not routine: Backcheck does not advise against an urgent request.");
            }
        }
        if (encounter.hasHospitalization()) {
            return Optional.of("The encounter records a hospital admission: the NHS EBI advice not to image routinely is for "
                    + "non-specialist settings, so Backcheck does not suggest cancelling the order.");
        }
        // Where it was before (an emergency class earlier in the same encounter), who was there, which
        // episode it belongs to, and a location given only by reference: each can show a hospital
        // setting Backcheck cannot rule out (seventh review R7-03).
        boolean elsewhere = encounter.getClassHistory().stream().anyMatch(h -> h.getClass_().getCode() == null
                || !MAY_BE_NON_SPECIALIST.contains(h.getClass_().getCode()));
        if (elsewhere) {
            return Optional.of("The encounter was earlier of another class (an emergency or hospital one?), so Backcheck cannot "
                    + "tell where the order is made.");
        }
        if (encounter.hasEpisodeOfCare()) {
            return Optional.of("The encounter belongs to an episode of care Backcheck does not read, so it cannot tell where "
                    + "the order is made.");
        }
        for (Encounter.EncounterLocationComponent l : encounter.getLocation()) {
            if (l.getLocation().getDisplay() == null || l.hasPhysicalType()) {
                return Optional.of("The encounter names a location Backcheck cannot read, so it cannot tell where the order is made.");
            }
        }
        for (Encounter.EncounterParticipantComponent p : encounter.getParticipant()) {
            String who = p.getIndividual().getDisplay();
            if (namesSpecialistSetting(who)) {
                return Optional.of("A hospital or specialist clinician (\u201c" + RecordReading.shorten(who) + "\u201d) takes part "
                        + "in the encounter: the NHS EBI advice not to image routinely is for non-specialist settings.");
            }
        }
        if (encounter.hasPartOf()) {
            return Optional.of("The encounter is part of another encounter (a hospital stay?), so Backcheck cannot tell where "
                    + "the order is made.");
        }
        // Where it takes place and who provides it, when named, must not name a hospital or specialist setting.
        List<String> places = new java.util.ArrayList<>();
        encounter.getLocation().forEach(l -> places.add(l.getLocation().getDisplay()));
        places.add(encounter.getServiceProvider().getDisplay());
        for (String place : places) {
            if (place != null && namesSpecialistSetting(place)) {
                return Optional.of("The encounter takes place in \u201c" + RecordReading.shorten(place) + "\u201d: the NHS EBI "
                        + "advice not to image routinely is for non-specialist settings, so Backcheck does not suggest cancelling it.");
            }
        }
        // Each type (a concept may carry a specific text and a generic coding such as "Consultation"):
        // no name may name a hospital or specialist setting, and at least one must name general
        // practice or community care (fifth to seventh reviews: R5-03, R6-01, R7-10).
        for (org.hl7.fhir.r4.model.CodeableConcept t : types(encounter)) {
            List<String> words = FhirSupport.words(t).stream().map(TextNet::plain).toList();
            if (words.isEmpty()) {
                return Optional.of("The encounter's type is coded without a name, so Backcheck cannot tell where the order is made.");
            }
            String specialist = words.stream().filter(w -> SPECIALIST.matcher(w).find()).findFirst().orElse(null);
            boolean primary = words.stream().anyMatch(w -> PRIMARY_CARE.matcher(w).find()
                    || GP_CONSULTATION.matcher(TextNet.normalised(w).strip()).matches());
            if (specialist != null || !primary) {
                String w = specialist != null ? specialist : words.get(0);
                return Optional.of("The encounter is described as \u201c" + RecordReading.shorten(w) + "\u201d, which Backcheck "
                        + "cannot place as general practice or community care: the NHS EBI advice not to image routinely "
                        + "is for non-specialist settings, so Backcheck does not suggest cancelling the order.");
            }
        }
        return Optional.empty();
    }

    private CareSetting() {
    }

    /** True when words name an emergency, hospital or specialist setting or clinician. */
    static boolean namesSpecialistSetting(String words) {
        return words != null && SPECIALIST.matcher(TextNet.normalised(TextNet.plain(words))).find();
    }

    /** The encounter's types and its service type. */
    static List<org.hl7.fhir.r4.model.CodeableConcept> types(Encounter encounter) {
        List<org.hl7.fhir.r4.model.CodeableConcept> all = new java.util.ArrayList<>(encounter.getType());
        if (encounter.hasServiceType()) {
            all.add(encounter.getServiceType());
        }
        return all;
    }

    /** Why the setting stops the cancel, or empty when it may be a non-specialist one. */
    static Optional<String> read(Encounter encounter, String patientId) {
        String subject = encounter.getSubject().getReference();
        if (subject == null) {
            // Seventh review R7-11: an encounter Backcheck cannot tie to the patient.
            return Optional.of("The encounter sent does not say which patient it is for: the record may be mixed up.");
        }
        if (subject != null && patientId != null && !subject.equals("Patient/" + patientId)
                && !subject.endsWith("/Patient/" + patientId)) {
            return Optional.of("The encounter sent is recorded for another patient: the record may be mixed up.");
        }
        if (encounter.getStatus() == Encounter.EncounterStatus.ENTEREDINERROR
                || encounter.getStatus() == Encounter.EncounterStatus.CANCELLED) {
            return Optional.of("The encounter sent is recorded as " + encounter.getStatus().toCode()
                    + ", so Backcheck cannot tell where the order is made.");
        }
        Coding cls = encounter.getClass_();
        if (cls == null || cls.getCode() == null) {
            return Optional.of("The encounter sent has no class, so Backcheck cannot tell where the order is made; "
                    + "the no-imaging advice is for non-specialist settings.");
        }
        boolean actCode = cls.getSystem() == null || ACT_CODE.equals(cls.getSystem());
        if (actCode && MAY_BE_NON_SPECIALIST.contains(cls.getCode())) {
            return ambulatory(encounter);
        }
        String where = actCode ? switch (cls.getCode()) {
            case "EMER" -> "an emergency department";
            case "IMP", "ACUTE", "NONAC", "SS", "OBSENC", "PRENC" -> "a hospital stay";
            default -> "a setting Backcheck does not know";
        } : "a setting Backcheck cannot read";
        return Optional.of("The order is made in " + where + ": the NHS EBI advice not to image routinely is for "
                + "non-specialist settings, so Backcheck does not suggest cancelling it.");
    }
}
