package org.backcheck.service.cdshooks;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
     * Words in an encounter's type or service type that name an emergency, hospital or specialist
     * setting. A deny-list, so it fails open: the DCB0160 duty to enable the service only for
     * non-specialist ordering remains (clinical-safety/README.md, H38).
     */
    private static final Pattern SPECIALIST = Pattern.compile("(?<!\\w)(?:emergency|a\\s*&\\s*e|accident|casualty|ed|urgent|"
            + "inpatient|in-patient|ward|admission|admitted|hospital|acute|oncology|haematology|hematology|spinal|spine|"
            + "orthopa?edic\\w*|neurosurg\\w*|neurolog\\w*|rheumatolog\\w*|specialist|consultant|surgical|surgery clinic|"
            + "pain clinic|pain management|intensive|critical care|trauma)(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private CareSetting() {
    }

    private static java.util.List<org.hl7.fhir.r4.model.CodeableConcept> types(Encounter encounter) {
        java.util.List<org.hl7.fhir.r4.model.CodeableConcept> all = new java.util.ArrayList<>(encounter.getType());
        if (encounter.hasServiceType()) {
            all.add(encounter.getServiceType());
        }
        return all;
    }

    private static java.util.List<String> names(org.hl7.fhir.r4.model.CodeableConcept concept) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (concept.getText() != null) {
            out.add(concept.getText());
        }
        concept.getCoding().stream().map(Coding::getDisplay).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    /** Why the setting stops the cancel, or empty when it may be a non-specialist one. */
    static Optional<String> read(Encounter encounter, String patientId) {
        String subject = encounter.getSubject().getReference();
        if (subject != null && patientId != null && !subject.equals("Patient/" + patientId)
                && !subject.endsWith("/Patient/" + patientId)) {
            return Optional.of("The encounter sent is recorded for another patient: the record may be mixed up.");
        }
        Coding cls = encounter.getClass_();
        if (cls == null || cls.getCode() == null) {
            return Optional.of("The encounter sent has no class, so Backcheck cannot tell where the order is made; "
                    + "the no-imaging advice is for non-specialist settings.");
        }
        boolean actCode = cls.getSystem() == null || ACT_CODE.equals(cls.getSystem());
        if (actCode && MAY_BE_NON_SPECIALIST.contains(cls.getCode())) {
            // Some EHRs class emergency and hospital clinic attendances as ambulatory: their type or
            // service type says so (fourth review R4-08).
            for (org.hl7.fhir.r4.model.CodeableConcept t : types(encounter)) {
                for (String words : names(t)) {
                    Matcher m = SPECIALIST.matcher(words);
                    if (m.find()) {
                        return Optional.of("The encounter is described as \u201c" + RecordReading.shorten(words)
                                + "\u201d: the NHS EBI advice not to image routinely is for non-specialist settings, "
                                + "so Backcheck does not suggest cancelling the order.");
                    }
                }
            }
            return Optional.empty();
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
