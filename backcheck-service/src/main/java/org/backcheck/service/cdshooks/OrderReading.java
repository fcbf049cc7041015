package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Reads the draft orders into a RecordReading: each lumbar imaging order whole (priority, reasons,
 * notes, name, category, body site, extensions), and the other orders signed with it (their coded
 * reasons, and their words for what they name), medicines included. Also reads any resource's
 * extensions. Nothing here is logged.
 */
final class OrderReading {

    /** Order priorities Backcheck does not second-guess (FHIR request-priority). */
    private static final Set<String> URGENT = Set.of("urgent", "asap", "stat");
    private static final java.util.regex.Pattern HOSPITAL_WORD =
            java.util.regex.Pattern.compile("(?s).*\\b(?:inpatient|discharge|outpatient)\\b.*");

    private final RecordReading reading;
    private final Bundle draftOrders;
    private final Bundle conditions;

    /** draftOrders and conditions may be null: references are then looked up in contained resources only. */
    OrderReading(RecordReading reading, Bundle draftOrders, Bundle conditions) {
        this.reading = reading;
        this.draftOrders = draftOrders;
        this.conditions = conditions;
    }

    /**
     * Reads each lumbar order: its priority, reason codes and text, notes, the conditions it names
     * and what else it points to.
     *
     * @return references to Conditions that could not be found in the request (the caller may fetch them)
     */
    List<String> read() {
        List<String> unresolved = new ArrayList<>();
        for (ServiceRequest sr : reading.lumbarOrders) {
            if (sr.hasPriority() && URGENT.contains(sr.getPriority().toCode())) {
                reading.cannotJudge.add("The order is marked " + sr.getPriority().toCode().toUpperCase(Locale.ROOT)
                        + ": Backcheck does not advise against an urgent request.");
            }
            for (CodeableConcept reason : sr.getReasonCode()) {
                reading.read(RecordEntry.Source.ORDER_REASON, reason, true);
            }
            for (Reference ref : sr.getReasonReference()) {
                Resource found = resolve(ref, sr, draftOrders, conditions);
                if (found instanceof Condition c) {
                    reading.readCondition(c);
                } else if (found != null) {
                    reading.cannotJudge.add("The order names a " + found.fhirType() + " as its reason, which Backcheck does not read.");
                } else if (ref.getReference() != null && ref.getReference().startsWith("Condition/")) {
                    unresolved.add(ref.getReference());
                } else {
                    reading.cannotJudge.add("The order names a reason Backcheck could not find or read.");
                }
            }
            for (Annotation note : sr.getNote()) {
                reading.readFreeText(RecordEntry.Source.ORDER_NOTE, note.getText());
            }
            // The order's name is usually the test's own name ("MRI lumbar spine without contrast"): it stops
            // the cancel only when it says more than a test's name can (every word must be one of them).
            // So are its codings' displays, its category and its body site: each is free text unless it is
            // only a test's name (third review R3-05: "MRI L-spine - suspected metastatic cord compression").
            for (CodeableConcept part : concat(List.of(sr.getCode()), concat(sr.getCategory(), sr.getBodySite()))) {
                FhirSupport.words(part).forEach(this::readUnlessPlain);
            }
            readExtensions(sr, this::readUnlessPlain);
            readWhereAndByWhom(sr);
            if (sr.hasAsNeededCodeableConcept()) {
                reading.read(RecordEntry.Source.ORDER_REASON, sr.getAsNeededCodeableConcept(), true);
            }
            for (CodeableConcept detail : sr.getOrderDetail()) {
                reading.readFreeText(RecordEntry.Source.ORDER_NOTE, detail.getText());
                for (Coding c : detail.getCoding()) {
                    reading.readFreeText(RecordEntry.Source.ORDER_NOTE, c.getDisplay());
                }
            }
            reading.readFreeText(RecordEntry.Source.ORDER_NOTE, sr.getPatientInstruction());
            if (sr.hasSupportingInfo()) {
                reading.cannotJudge.add("The order points to supporting information, which Backcheck does not read.");
            }
        }
        // The other draft orders describe the same patient and episode: a referral for suspected cauda
        // equina beside the scan counts. Their coded reasons are read; their words only for what they name.
        for (Bundle.BundleEntryComponent e : draftOrders.getEntry()) {
            if (e.getResource() instanceof org.hl7.fhir.r4.model.MedicationRequest medicine) {
                readMedicineOrder(medicine);
            } else if (e.getResource() != null && !(e.getResource() instanceof ServiceRequest)) {
                reading.cannotJudge.add("A draft " + e.getResource().fhirType() + " is among the orders, which Backcheck does not read.");
            }
            if (e.getResource() instanceof ServiceRequest other && !reading.lumbarOrders.contains(other)) {
                for (CodeableConcept reason : other.getReasonCode()) {
                    reading.read(RecordEntry.Source.OTHER_ORDER, reason, true);
                }
                FhirSupport.words(other.getCode()).forEach(w -> reading.readNamedText(RecordEntry.Source.OTHER_ORDER, w));
                other.getNote().forEach(n -> reading.readNamedText(RecordEntry.Source.OTHER_ORDER, n.getText()));
                other.getOrderDetail().forEach(d -> reading.readNamedText(RecordEntry.Source.OTHER_ORDER, d.getText()));
                reading.readNamedText(RecordEntry.Source.OTHER_ORDER, other.getPatientInstruction());
                // Its category ("Suspected cancer pathway"), who is to do it and its extensions (R4-06, R4-11).
                for (CodeableConcept part : concat(other.getCategory(), List.of(other.getPerformerType()))) {
                    FhirSupport.words(part).forEach(w -> reading.readNamedText(RecordEntry.Source.OTHER_ORDER, w));
                }
                readExtensions(other, t -> reading.readNamedText(RecordEntry.Source.OTHER_ORDER, t));
                for (Reference ref : other.getReasonReference()) {
                    if (resolve(ref, other, draftOrders, conditions) instanceof Condition c) {
                        reading.readCondition(c);
                    }
                }
            }
        }
        return unresolved;
    }

    /**
     * A medicine ordered with the scan (third review R3-04: dexamethasone 16 mg for suspected spinal
     * cord compression is signed with the MRI). Its coded reasons are read like another order's; the
     * medicine's name (in the order, or in a contained Medication), its dosage and instructions, notes
     * and extensions for what they name (a steroid, an immune-suppressing, bone or cancer medicine). A
     * medicine Backcheck cannot name (a code with no display, a Medication it cannot find), any medicine
     * that is not ordinary pain relief and the like (OrdinaryMedicines), and a modifier extension stop
     * the cancel (fourth review R4-06, fifth review R5-04).
     */
    private void readMedicineOrder(org.hl7.fhir.r4.model.MedicationRequest m) {
        RecordEntry.Source other = RecordEntry.Source.OTHER_ORDER;
        for (CodeableConcept reason : m.getReasonCode()) {
            reading.read(other, reason, true);
        }
        for (Reference ref : m.getReasonReference()) {
            if (resolve(ref, m, draftOrders, conditions) instanceof Condition c) {
                reading.readCondition(c);
            } else {
                reading.cannotJudge.add("A medicine ordered with the scan names a reason Backcheck could not find or read.");
            }
        }
        List<String> names = new ArrayList<>();
        boolean unnamed = false;
        List<CodeableConcept> medicines = new ArrayList<>();
        if (m.hasMedicationCodeableConcept()) {
            medicines.add(m.getMedicationCodeableConcept());
        } else if (m.hasMedicationReference()) {
            Resource found = resolve(m.getMedicationReference(), m, draftOrders, conditions);
            if (found instanceof org.hl7.fhir.r4.model.Medication med) {
                medicines.add(med.getCode());
                readExtensions(med, t -> reading.readNamedText(other, t));
                // What it is made of (fifth review R5-04: a special-order oral solution of dexamethasone).
                for (org.hl7.fhir.r4.model.Medication.MedicationIngredientComponent part : med.getIngredient()) {
                    if (part.hasItemCodeableConcept()) {
                        medicines.add(part.getItemCodeableConcept());
                    } else {
                        unnamed = true;
                    }
                }
            } else {
                // A Medication Backcheck cannot find: its display is read for what it names, but it is not
                // the medicine itself (sixth review R6-10).
                reading.cannotJudge.add("A medicine ordered with the scan refers to a Medication Backcheck could not find.");
                reading.readNamedText(other, m.getMedicationReference().getDisplay());
            }
        }
        for (CodeableConcept medicine : medicines) {
            List<String> these = FhirSupport.words(medicine);
            unnamed |= these.isEmpty();
            names.addAll(these);
        }
        if (medicines.isEmpty() || unnamed) {
            reading.cannotJudge.add("A medicine ordered with the scan has no name Backcheck can read.");
        }
        for (String name : names) {
            reading.readNamedText(other, name);
        }
        // Only ordinary pain relief and the like leaves the cancel open; any other medicine started with
        // the scan may be the clue (fifth review R5-04).
        names.stream().filter(n -> !OrdinaryMedicines.standard().isOrdinary(n)).findFirst().ifPresent(n ->
                reading.cannotJudge.add("A medicine ordered with the scan (\u201c" + RecordReading.shorten(n) + "\u201d) is not "
                        + "ordinary pain relief, stomach protection or a laxative: ask why it is being started."));
        for (org.hl7.fhir.r4.model.Dosage d : m.getDosageInstruction()) {
            reading.readNamedText(other, d.getText());
            reading.readNamedText(other, d.getPatientInstruction());
            d.getAdditionalInstruction().forEach(a -> reading.readNamedText(other, a.getText()));
            if (d.hasAsNeededCodeableConcept()) {
                // "As needed for fever", coded or not (sixth review R6-05).
                reading.read(other, d.getAsNeededCodeableConcept(), true);
            }
        }
        m.getNote().forEach(n -> reading.readNamedText(other, n.getText()));
        // Where and how urgently it is given, and what it points to (sixth review R6-05).
        if (m.hasCourseOfTherapyType()) {
            CodeableConcept course = m.getCourseOfTherapyType();
            FhirSupport.words(course).stream().filter(CareSetting::namesSpecialistSetting).findFirst().ifPresent(w -> reading.cannotJudge.add(
                            "A medicine ordered with the scan is for a course of treatment described as \u201c"
                                    + RecordReading.shorten(w) + "\u201d."));
        }
        if (CareSetting.namesSpecialistSetting(m.getRequester().getDisplay())) {
            reading.cannotJudge.add("A medicine ordered with the scan is asked for by \u201c"
                    + RecordReading.shorten(m.getRequester().getDisplay()) + "\u201d, a hospital or specialist clinician.");
        }
        if (m.hasSupportingInformation()) {
            reading.cannotJudge.add("A medicine ordered with the scan points to supporting information, which Backcheck does not read.");
        }
        if (m.hasPriority() && URGENT.contains(m.getPriority().toCode())) {
            reading.cannotJudge.add("A medicine ordered with the scan is marked " + m.getPriority().toCode().toUpperCase(Locale.ROOT)
                    + ": Backcheck does not advise against an urgent request.");
        }
        for (CodeableConcept category : m.getCategory()) {
            boolean hospital = category.getCoding().stream().anyMatch(c -> "inpatient".equals(c.getCode())
                    || "discharge".equals(c.getCode()) || "outpatient".equals(c.getCode())
                    || CareSetting.namesSpecialistSetting(c.getDisplay()))
                    || category.getText() != null && (CareSetting.namesSpecialistSetting(category.getText())
                    || HOSPITAL_WORD.matcher(category.getText().toLowerCase(Locale.ROOT)).matches());
            if (hospital) {
                reading.cannotJudge.add("A medicine ordered with the scan is for a hospital stay or discharge: the NHS EBI advice "
                        + "not to image routinely is for non-specialist settings.");
            }
        }
        readExtensions(m, t -> reading.readNamedText(other, t));
    }

    /**
     * Who asks for the lumbar scan, who is to do it and where: a consultant neurosurgeon, an emergency
     * department, an "oncology slot" place the order outside the EBI advice's non-specialist setting
     * (seventh review R7-05). What the text net finds there counts too.
     */
    private void readWhereAndByWhom(ServiceRequest sr) {
        List<String> words = new ArrayList<>();
        words.add(sr.getRequester().getDisplay());
        sr.getPerformer().forEach(p -> words.add(p.getDisplay()));
        sr.getLocationReference().forEach(l -> words.add(l.getDisplay()));
        for (CodeableConcept c : concat(sr.getLocationCode(), List.of(sr.getPerformerType()))) {
            words.addAll(FhirSupport.words(c));
        }
        for (String w : words) {
            if (w == null || w.isBlank()) {
                continue;
            }
            reading.readNamedText(RecordEntry.Source.ORDER_NOTE, w);
            if (CareSetting.namesSpecialistSetting(w)) {
                reading.cannotJudge.add("The order names \u201c" + RecordReading.shorten(w) + "\u201d: the NHS EBI advice not to "
                        + "image routinely is for non-specialist settings, so Backcheck does not suggest cancelling it.");
            }
        }
    }

    /** Words on the lumbar order that are free text unless they are only a test's name. */
    private void readUnlessPlain(String words) {
        readUnlessPlain(reading, RecordEntry.Source.ORDER_NOTE, words);
    }

    static void readUnlessPlain(RecordReading reading, RecordEntry.Source source, String words) {
        if (words != null && !OrderName.isPlain(words)) {
            reading.readFreeText(source, words);
        }
    }

    /** How deep Backcheck follows extensions inside extensions. */
    private static final int MAX_EXTENSION_DEPTH = 6;

    /**
     * A resource's extensions: a modifier extension may change what the resource means, so it cannot
     * be judged; words in an ordinary one (a "reason for exam" field) go to {@code words}; a coded
     * value is read as a reason; a reference to a condition is followed; any other value that could
     * carry meaning, or nesting deeper than Backcheck follows, cannot be judged (fourth review R4-11).
     */
    void readExtensions(org.hl7.fhir.r4.model.DomainResource owner, java.util.function.Consumer<String> words) {
        if (owner.hasModifierExtension()) {
            reading.cannotJudge.add("A " + owner.fhirType() + " carries a modifier extension, which may change what it means and "
                    + "which Backcheck does not read.");
        }
        for (org.hl7.fhir.r4.model.Extension ext : owner.getExtension()) {
            readExtension(owner, ext, words, 0);
        }
        readElementExtensions(owner, owner, words, 0);
    }

    /** How deep Backcheck walks into a resource's elements looking for extensions on them. */
    private static final int MAX_ELEMENT_DEPTH = 12;

    /**
     * Extensions on the resource's elements (its code, a reason, a coding, a note): read like the
     * resource's own (fifth review R5-09). Contained resources are read where they are referred to.
     */
    private void readElementExtensions(org.hl7.fhir.r4.model.DomainResource owner, org.hl7.fhir.r4.model.Base node,
            java.util.function.Consumer<String> words, int depth) {
        if (depth > MAX_ELEMENT_DEPTH) {
            reading.cannotJudge.add("A " + owner.fhirType() + " is nested deeper than Backcheck reads.");
            return;
        }
        for (org.hl7.fhir.r4.model.Property property : node.children()) {
            String name = property.getName();
            if (name.equals("extension") || name.equals("modifierExtension") || name.equals("contained")) {
                continue;
            }
            for (org.hl7.fhir.r4.model.Base child : property.getValues()) {
                if (child instanceof org.hl7.fhir.r4.model.BackboneElement backbone && backbone.hasModifierExtension()) {
                    reading.cannotJudge.add("A " + owner.fhirType() + " carries a modifier extension, which may change what "
                            + "it means and which Backcheck does not read.");
                }
                if (child instanceof org.hl7.fhir.r4.model.Element element) {
                    for (org.hl7.fhir.r4.model.Extension ext : element.getExtension()) {
                        readExtension(owner, ext, words, 0);
                    }
                }
                if (!child.isPrimitive()) {
                    readElementExtensions(owner, child, words, depth + 1);
                }
            }
        }
    }

    private void readExtension(org.hl7.fhir.r4.model.DomainResource owner, org.hl7.fhir.r4.model.Extension ext,
            java.util.function.Consumer<String> words, int depth) {
        if (depth >= MAX_EXTENSION_DEPTH) {
            reading.cannotJudge.add("An extension is nested deeper than Backcheck reads.");
            return;
        }
        org.hl7.fhir.r4.model.Type value = ext.getValue();
        if (value instanceof org.hl7.fhir.r4.model.CodeType || value instanceof org.hl7.fhir.r4.model.IdType) {
            // A code or an id, not words (fifth review R5-09); a code's meaning is its extension's, unread.
            return;
        } else if (value instanceof org.hl7.fhir.r4.model.StringType str) {
            words.accept(str.getValue());
            for (org.hl7.fhir.r4.model.Extension onValue : str.getExtension()) {
                readExtension(owner, onValue, words, depth + 1);   // seventh review R7-09
            }
        } else if (value instanceof org.hl7.fhir.r4.model.Quantity q) {
            words.accept(q.getUnit());   // a unit may be words (seventh review R7-09)
        } else if (value instanceof org.hl7.fhir.r4.model.Identifier id) {
            // An identifier's type may be words ("Suspected cancer pathway"; seventh review R7-09).
            FhirSupport.words(id.getType()).forEach(words);
        } else if (value instanceof org.hl7.fhir.r4.model.Annotation note) {
            words.accept(note.getText());
        } else if (value instanceof CodeableConcept cc) {
            reading.read(RecordEntry.Source.ORDER_REASON, cc, true);
            readElementExtensions(owner, cc, words, 0);   // extensions on its codings (sixth review R6-10)
        } else if (value instanceof Coding c) {
            reading.read(RecordEntry.Source.ORDER_REASON, new CodeableConcept().addCoding(c), true);
            for (org.hl7.fhir.r4.model.Extension inner : c.getExtension()) {
                readExtension(owner, inner, words, depth + 1);
            }
        } else if (value instanceof Reference ref) {
            if (resolve(ref, owner, draftOrders, conditions) instanceof Condition c) {
                reading.readCondition(c);
            } else {
                reading.cannotJudge.add("An extension points to something Backcheck could not find or read.");
            }
        } else if (value != null && !(value instanceof org.hl7.fhir.r4.model.PrimitiveType<?>)
                && !(value instanceof org.hl7.fhir.r4.model.Identifier) && !(value instanceof org.hl7.fhir.r4.model.Period)
                && !(value instanceof org.hl7.fhir.r4.model.Quantity)) {
            reading.cannotJudge.add("An extension holds a " + value.fhirType() + ", which Backcheck does not read.");
        }
        for (org.hl7.fhir.r4.model.Extension inner : ext.getExtension()) {
            readExtension(owner, inner, words, depth + 1);
        }
    }

    private static List<CodeableConcept> concat(List<CodeableConcept> a, List<CodeableConcept> b) {
        List<CodeableConcept> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Finds a referenced resource: already resolved by HAPI, contained in the order, in the draft orders, or in the conditions. */
    private static Resource resolve(Reference ref, org.hl7.fhir.r4.model.DomainResource owner, Bundle draftOrders, Bundle conditions) {
        if (ref.getResource() instanceof Resource r) {
            return r;
        }
        String reference = ref.getReference();
        if (reference == null) {
            return null;
        }
        if (reference.startsWith("#")) {
            String id = reference.substring(1);
            for (Resource r : owner.getContained()) {
                String rid = r.getIdElement().getIdPart();
                if (id.equals(rid) || reference.equals(rid)) {
                    return r;
                }
            }
            return null;
        }
        for (Bundle bundle : new Bundle[] {draftOrders, conditions}) {
            if (bundle == null) {
                continue;
            }
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                Resource r = e.getResource();
                if (r == null) {
                    continue;
                }
                if (reference.equals(e.getFullUrl())
                        || reference.equals(r.fhirType() + "/" + r.getIdElement().getIdPart())) {
                    return r;
                }
            }
        }
        return null;
    }
}
