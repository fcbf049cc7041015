package org.backcheck.service.cdshooks;

import java.util.Optional;
import java.util.Set;
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

    private CareSetting() {
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
