package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * What the draft orders and the record say, read entry by entry, and what Backcheck could not
 * judge. Built in steps, because the service may fetch conditions the request did not carry.
 * Only lumbar imaging orders are read; nothing here is logged.
 */
final class RecordReading {

    /** Clinical statuses that mean "no longer current" (FHIR condition-clinical). */
    private static final Set<String> PAST = Set.of("inactive", "remission", "resolved");
    /** Verification statuses that mean the condition was never there (FHIR condition-ver-status). */
    private static final Set<String> NEVER = Set.of("refuted", "entered-in-error");
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    /** Order priorities Backcheck does not second-guess (FHIR request-priority). */
    private static final Set<String> URGENT = Set.of("urgent", "asap", "stat");
    /** Resources a search may include beside the conditions that say nothing about the patient's health. */
    private static final Set<String> INCLUDED_CONTEXT = Set.of("Patient", "Practitioner", "PractitionerRole", "Organization",
            "Encounter", "Location");
    /** Longest words quoted from the record on a card. */
    static final int MAX_SHOWN = 100;

    private final RedFlagCodes codes;
    /** What this call may spend on reading text and looking up concepts. */
    final RedFlagCodes.Budget budget = new RedFlagCodes.Budget();
    /** The patient the hook is about (context.patientId); conditions for anyone else are reported. */
    private String patientId;
    private java.time.LocalDate today;
    final List<ServiceRequest> lumbarOrders;
    /** True when a lumbar order is a plain X-ray, which cannot rule out the serious causes. */
    final boolean plainXray;
    final List<RecordEntry> entries = new ArrayList<>();
    /** What Backcheck could not judge, in its words: each one stops a suggestion to cancel. */
    final Set<String> cannotJudge = new LinkedHashSet<>();
    /** What Backcheck took for granted without being able to check it; said on the card, never blocking. */
    final Set<String> assumed = new LinkedHashSet<>();
    /** Conditions recorded as refuted or entered in error: not counted. */
    int notCounted;
    /**
     * Conditions already read, by identity: an order's reason resolved to a problem-list entry is
     * the same resource and is read once; two resources that share an id (a contained one, one in
     * the draft orders, a faulty server's duplicate) are both read.
     */
    private final Set<Condition> conditionsRead = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private RecordReading(RedFlagCodes codes, List<ServiceRequest> lumbarOrders, boolean plainXray) {
        this.codes = codes;
        this.lumbarOrders = List.copyOf(lumbarOrders);
        this.plainXray = plainXray;
    }

    /**
     * The lumbar imaging orders among the draft orders; for order-select only those selected.
     *
     * @param selections ids of the selected ServiceRequests, or null for order-sign (all count)
     */
    static RecordReading of(RedFlagCodes codes, LumbarImagingOrders orders, Bundle draftOrders, Set<String> selections) {
        List<ServiceRequest> lumbar = new ArrayList<>();
        boolean xray = false;
        for (Bundle.BundleEntryComponent e : draftOrders.getEntry()) {
            if (!(e.getResource() instanceof ServiceRequest sr)) {
                continue;
            }
            if (selections != null && !selections.contains(sr.getIdElement().getIdPart())) {
                continue;
            }
            for (Coding c : sr.getCode().getCoding()) {
                if (orders.isLumbarImaging(c.getSystem(), c.getCode())) {
                    lumbar.add(sr);
                    xray |= orders.isPlainXray(c.getSystem(), c.getCode());
                    break;
                }
            }
        }
        return new RecordReading(codes, lumbar, xray);
    }

    /** Today's date, for how long ago a past condition ended; without it no past entry is taken as long over. */
    RecordReading asOf(java.time.LocalDate today) {
        this.today = today;
        return this;
    }

    /** The patient the call is about: a condition whose subject is someone else is reported, never read silently. */
    RecordReading forPatient(String id) {
        this.patientId = id;
        return this;
    }

    boolean hasLumbarImaging() {
        return !lumbarOrders.isEmpty();
    }

    /**
     * Reads each lumbar order: its priority, reason codes and text, notes, the conditions it names
     * and what else it points to.
     *
     * @return references to Conditions that could not be found in the request (the caller may fetch them)
     */
    List<String> readOrders(Bundle draftOrders, Bundle conditions) {
        List<String> unresolved = new ArrayList<>();
        for (ServiceRequest sr : lumbarOrders) {
            if (sr.hasPriority() && URGENT.contains(sr.getPriority().toCode())) {
                cannotJudge.add("The order is marked " + sr.getPriority().toCode().toUpperCase(Locale.ROOT)
                        + ": Backcheck does not advise against an urgent request.");
            }
            for (CodeableConcept reason : sr.getReasonCode()) {
                read(RecordEntry.Source.ORDER_REASON, reason, true);
            }
            for (Reference ref : sr.getReasonReference()) {
                Resource found = resolve(ref, sr, draftOrders, conditions);
                if (found instanceof Condition c) {
                    readCondition(c);
                } else if (found != null) {
                    cannotJudge.add("The order names a " + found.fhirType() + " as its reason, which Backcheck does not read.");
                } else if (ref.getReference() != null && ref.getReference().startsWith("Condition/")) {
                    unresolved.add(ref.getReference());
                } else {
                    cannotJudge.add("The order names a reason Backcheck could not find or read.");
                }
            }
            for (Annotation note : sr.getNote()) {
                readFreeText(RecordEntry.Source.ORDER_NOTE, note.getText());
            }
            // The order's name is usually the test's own name ("MRI lumbar spine without contrast"): it stops
            // the cancel only when it says more than a test's name can (every word must be one of them).
            // So are its codings' displays, its category and its body site: each is free text unless it is
            // only a test's name (third review R3-05: "MRI L-spine - suspected metastatic cord compression").
            readUnlessPlain(sr.getCode().getText());
            sr.getCode().getCoding().forEach(c -> readUnlessPlain(c.getDisplay()));
            for (CodeableConcept part : concat(sr.getCategory(), sr.getBodySite())) {
                readUnlessPlain(part.getText());
                part.getCoding().forEach(c -> readUnlessPlain(c.getDisplay()));
            }
            readExtensions(sr, this::readUnlessPlain, draftOrders, conditions);
            if (sr.hasAsNeededCodeableConcept()) {
                readUnlessPlain(sr.getAsNeededCodeableConcept().getText());
            }
            for (CodeableConcept detail : sr.getOrderDetail()) {
                readFreeText(RecordEntry.Source.ORDER_NOTE, detail.getText());
                for (Coding c : detail.getCoding()) {
                    readFreeText(RecordEntry.Source.ORDER_NOTE, c.getDisplay());
                }
            }
            readFreeText(RecordEntry.Source.ORDER_NOTE, sr.getPatientInstruction());
            if (sr.hasSupportingInfo()) {
                cannotJudge.add("The order points to supporting information, which Backcheck does not read.");
            }
        }
        // The other draft orders describe the same patient and episode: a referral for suspected cauda
        // equina beside the scan counts. Their coded reasons are read; their words only for what they name.
        for (Bundle.BundleEntryComponent e : draftOrders.getEntry()) {
            if (e.getResource() instanceof org.hl7.fhir.r4.model.MedicationRequest medicine) {
                readMedicineOrder(medicine, draftOrders, conditions);
            } else if (e.getResource() != null && !(e.getResource() instanceof ServiceRequest)) {
                cannotJudge.add("A draft " + e.getResource().fhirType() + " is among the orders, which Backcheck does not read.");
            }
            if (e.getResource() instanceof ServiceRequest other && !lumbarOrders.contains(other)) {
                for (CodeableConcept reason : other.getReasonCode()) {
                    read(RecordEntry.Source.OTHER_ORDER, reason, true);
                }
                readNamedText(RecordEntry.Source.OTHER_ORDER, other.getCode().getText());
                other.getCode().getCoding().forEach(c -> readNamedText(RecordEntry.Source.OTHER_ORDER, c.getDisplay()));
                other.getNote().forEach(n -> readNamedText(RecordEntry.Source.OTHER_ORDER, n.getText()));
                other.getOrderDetail().forEach(d -> readNamedText(RecordEntry.Source.OTHER_ORDER, d.getText()));
                readNamedText(RecordEntry.Source.OTHER_ORDER, other.getPatientInstruction());
                // Its category ("Suspected cancer pathway"), who is to do it and its extensions (R4-06, R4-11).
                for (CodeableConcept part : concat(other.getCategory(), List.of(other.getPerformerType()))) {
                    readNamedText(RecordEntry.Source.OTHER_ORDER, part.getText());
                    part.getCoding().forEach(c -> readNamedText(RecordEntry.Source.OTHER_ORDER, c.getDisplay()));
                }
                readExtensions(other, t -> readNamedText(RecordEntry.Source.OTHER_ORDER, t), draftOrders, conditions);
                for (Reference ref : other.getReasonReference()) {
                    if (resolve(ref, other, draftOrders, conditions) instanceof Condition c) {
                        readCondition(c);
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
     * medicine Backcheck cannot name (a code with no display, a Medication it cannot find) and a
     * modifier extension stop the cancel (fourth review R4-06).
     */
    private void readMedicineOrder(org.hl7.fhir.r4.model.MedicationRequest m, Bundle draftOrders, Bundle conditions) {
        RecordEntry.Source other = RecordEntry.Source.OTHER_ORDER;
        for (CodeableConcept reason : m.getReasonCode()) {
            read(other, reason, true);
        }
        for (Reference ref : m.getReasonReference()) {
            if (resolve(ref, m, draftOrders, conditions) instanceof Condition c) {
                readCondition(c);
            } else {
                cannotJudge.add("A medicine ordered with the scan names a reason Backcheck could not find or read.");
            }
        }
        CodeableConcept medicine = null;
        if (m.hasMedicationCodeableConcept()) {
            medicine = m.getMedicationCodeableConcept();
        } else if (m.hasMedicationReference()) {
            Resource found = resolve(m.getMedicationReference(), m, draftOrders, conditions);
            if (found instanceof org.hl7.fhir.r4.model.Medication med) {
                medicine = med.getCode();
            } else if (m.getMedicationReference().getDisplay() != null) {
                medicine = new CodeableConcept().setText(m.getMedicationReference().getDisplay());
            }
        }
        boolean named = medicine != null && (medicine.hasText()
                || medicine.getCoding().stream().anyMatch(c -> c.getDisplay() != null && !c.getDisplay().isBlank()));
        if (!named) {
            cannotJudge.add("A medicine ordered with the scan has no name Backcheck can read.");
        } else {
            readNamedText(other, medicine.getText());
            medicine.getCoding().forEach(c -> readNamedText(other, c.getDisplay()));
        }
        for (org.hl7.fhir.r4.model.Dosage d : m.getDosageInstruction()) {
            readNamedText(other, d.getText());
            readNamedText(other, d.getPatientInstruction());
            d.getAdditionalInstruction().forEach(a -> readNamedText(other, a.getText()));
            if (d.hasAsNeededCodeableConcept()) {
                readNamedText(other, d.getAsNeededCodeableConcept().getText());
            }
        }
        m.getNote().forEach(n -> readNamedText(other, n.getText()));
        readExtensions(m, t -> readNamedText(other, t), draftOrders, conditions);
    }

    /** Words on the lumbar order that are free text unless they are only a test's name. */
    private void readUnlessPlain(String words) {
        readUnlessPlain(RecordEntry.Source.ORDER_NOTE, words);
    }

    private void readUnlessPlain(RecordEntry.Source source, String words) {
        if (words != null && !OrderName.isPlain(words)) {
            readFreeText(source, words);
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
    private void readExtensions(org.hl7.fhir.r4.model.DomainResource owner, java.util.function.Consumer<String> words,
            Bundle draftOrders, Bundle conditions) {
        if (owner.hasModifierExtension()) {
            cannotJudge.add("A " + owner.fhirType() + " carries a modifier extension, which may change what it means and "
                    + "which Backcheck does not read.");
        }
        for (org.hl7.fhir.r4.model.Extension ext : owner.getExtension()) {
            readExtension(owner, ext, words, draftOrders, conditions, 0);
        }
    }

    private void readExtension(org.hl7.fhir.r4.model.DomainResource owner, org.hl7.fhir.r4.model.Extension ext,
            java.util.function.Consumer<String> words, Bundle draftOrders, Bundle conditions, int depth) {
        if (depth >= MAX_EXTENSION_DEPTH) {
            cannotJudge.add("An extension is nested deeper than Backcheck reads.");
            return;
        }
        org.hl7.fhir.r4.model.Type value = ext.getValue();
        if (value instanceof org.hl7.fhir.r4.model.StringType str) {
            words.accept(str.getValue());
        } else if (value instanceof org.hl7.fhir.r4.model.Annotation note) {
            words.accept(note.getText());
        } else if (value instanceof CodeableConcept cc) {
            read(RecordEntry.Source.ORDER_REASON, cc, true);
        } else if (value instanceof Coding c) {
            read(RecordEntry.Source.ORDER_REASON, new CodeableConcept().addCoding(c), true);
        } else if (value instanceof Reference ref) {
            if (resolve(ref, owner, draftOrders, conditions) instanceof Condition c) {
                readCondition(c);
            } else {
                cannotJudge.add("An extension points to something Backcheck could not find or read.");
            }
        } else if (value != null && !(value instanceof org.hl7.fhir.r4.model.PrimitiveType<?>)
                && !(value instanceof org.hl7.fhir.r4.model.Identifier) && !(value instanceof org.hl7.fhir.r4.model.Period)
                && !(value instanceof org.hl7.fhir.r4.model.Quantity)) {
            cannotJudge.add("An extension holds a " + value.fhirType() + ", which Backcheck does not read.");
        }
        for (org.hl7.fhir.r4.model.Extension inner : ext.getExtension()) {
            readExtension(owner, inner, words, draftOrders, conditions, depth + 1);
        }
    }

    private static List<CodeableConcept> concat(List<CodeableConcept> a, List<CodeableConcept> b) {
        List<CodeableConcept> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The encounter's reasons, like an order's: coded ones by their codes, typed ones as free text
     * (fourth review R4-08: an ambulatory encounter whose reason is "?cauda equina"). Its references
     * to conditions are not followed: those conditions are on the problem list, read whole.
     */
    void readEncounter(org.hl7.fhir.r4.model.Encounter encounter) {
        for (CodeableConcept reason : encounter.getReasonCode()) {
            read(RecordEntry.Source.ENCOUNTER, reason, true);
        }
    }

    /**
     * Reads every Condition in a search result (the problem list), and says when the list cannot be
     * taken as whole: empty (nothing recorded, or nothing shared?), fewer entries than its total,
     * an OperationOutcome among the results (a server's warning that something was left out), or
     * marked as a subset or redacted.
     */
    void readConditions(Bundle conditions) {
        int read = 0;
        boolean outcome = false;
        for (Bundle.BundleEntryComponent e : conditions.getEntry()) {
            if (e.getResource() instanceof Condition c) {
                readCondition(c);
                read++;
            } else if (e.getResource() != null && !(e.getResource() instanceof org.hl7.fhir.r4.model.OperationOutcome)
                    && !(e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE && INCLUDED_CONTEXT.contains(e.getResource().fhirType()))) {
                // A nested Bundle or anything else where conditions were expected (third review R3-12).
                cannotJudge.add("The problem list holds a " + e.getResource().fhirType() + ", which Backcheck does not read.");
            } else if (e.getResource() instanceof org.hl7.fhir.r4.model.OperationOutcome
                    || e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME
                    || e.getResource() == null
                    || e.getResponse().hasStatus() && !e.getResponse().getStatus().startsWith("2")) {
                outcome = true;
            }
        }
        if (read == 0) {
            cannotJudge.add("The problem list arrived empty: Backcheck cannot tell whether nothing is recorded or nothing was shared.");
        }
        if (conditions.hasTotal() && conditions.getTotal() > read) {
            cannotJudge.add("The problem list says it holds " + conditions.getTotal() + " conditions, but " + read
                    + " arrived; the rest were not read.");
        }
        if (outcome) {
            cannotJudge.add("The server's answer for the problem list carries a warning or an entry it did not return: it may be incomplete.");
        }
        if (partial(conditions.getMeta())) {
            cannotJudge.add("The problem list is marked as a subset or redacted: some conditions were not shared.");
        }
    }

    /** A v3 ObservationValue tag or security label that says the data were cut: SUBSETTED, REDACTED. */
    private static boolean partial(org.hl7.fhir.r4.model.Meta meta) {
        return java.util.stream.Stream.concat(meta.getTag().stream(), meta.getSecurity().stream())
                .anyMatch(c -> "SUBSETTED".equals(c.getCode()) || "REDACTED".equals(c.getCode()));
    }

    /** Reads one condition unless it is recorded as refuted or entered in error. */
    void readCondition(Condition c) {
        if (!conditionsRead.add(c)) {
            return;
        }
        if (neverThere(c)) {
            notCounted++;
            return;
        }
        boolean current = current(c);
        RecordEntry entry = read(RecordEntry.Source.PROBLEM_LIST, c.getCode(), current, !current && endedLongAgo(c));
        for (Annotation note : c.getNote()) {
            readFreeText(RecordEntry.Source.PROBLEM_LIST, note.getText());
        }
        // What else the condition says about itself: its evidence, stage and body site (third review R3-12).
        for (Condition.ConditionEvidenceComponent ev : c.getEvidence()) {
            ev.getCode().forEach(code -> read(RecordEntry.Source.PROBLEM_LIST, code, current));
            if (ev.hasDetail()) {
                cannotJudge.add("A condition points to its evidence, which Backcheck does not read.");
            }
        }
        for (Condition.ConditionStageComponent stage : c.getStage()) {
            if (stage.hasSummary()) {
                read(RecordEntry.Source.PROBLEM_LIST, stage.getSummary(), current);
            }
            if (stage.hasAssessment()) {
                cannotJudge.add("A condition points to a stage assessment, which Backcheck does not read.");
            }
        }
        for (CodeableConcept site : c.getBodySite()) {
            readUnlessPlain(RecordEntry.Source.PROBLEM_LIST, site.getText());
            site.getCoding().forEach(code -> readUnlessPlain(RecordEntry.Source.PROBLEM_LIST, code.getDisplay()));
        }
        if (c.hasSeverity()) {
            readNamedText(RecordEntry.Source.PROBLEM_LIST, c.getSeverity().getText());
            c.getSeverity().getCoding().forEach(code -> readNamedText(RecordEntry.Source.PROBLEM_LIST, code.getDisplay()));
        }
        readExtensions(c, t -> readFreeText(RecordEntry.Source.PROBLEM_LIST, t), null, null);
        if (c.getSubject().getReference() != null && patientId != null
                && !c.getSubject().getReference().equals("Patient/" + patientId)
                && !c.getSubject().getReference().endsWith("/Patient/" + patientId)) {
            cannotJudge.add("A condition sent is recorded for another patient (" + shorten(c.getSubject().getReference())
                    + "): the record may be mixed up.");
        }
        if (entry == null) {
            entries.add(new RecordEntry(RecordEntry.Source.PROBLEM_LIST, "a condition with no code or name", current,
                    List.of(Reading.unclassified("no code", "a condition recorded with no code and no name"))));
        }
    }

    /**
     * Refuted or entered in error: only when every verification coding in FHIR's own code system (or
     * with no system) says so. A look-alike code from another system, or codings that disagree,
     * leave the condition counted.
     */
    static boolean neverThere(Condition c) {
        List<Coding> codings = c.getVerificationStatus().getCoding();
        if (codings.isEmpty()) {
            return false;
        }
        for (Coding v : codings) {
            boolean fhirs = v.getSystem() == null || VERIFICATION_STATUS.equals(v.getSystem());
            if (!fhirs || !NEVER.contains(v.getCode())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Current unless the clinical status, in FHIR's own code system (or with no system), says
     * inactive, remission or resolved, or, without a clinical status, an abatement is recorded. An
     * unknown status, or codings that disagree, count as current.
     */
    static boolean current(Condition c) {
        List<Coding> clinical = c.getClinicalStatus().getCoding();
        if (clinical.isEmpty()) {
            return !c.hasAbatement();
        }
        for (Coding s : clinical) {
            boolean fhirs = s.getSystem() == null || CLINICAL_STATUS.equals(s.getSystem());
            if (!fhirs || !PAST.contains(s.getCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Free text: Backcheck cannot read what it says, so it always stops a suggestion to cancel (one
     * matched word does not mean the rest was understood); the words the text net matches are
     * also counted as what they name.
     */
    private void readFreeText(RecordEntry.Source source, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        cannotJudge.add("Free text in " + source.words + " (\u201c" + shorten(text) + "\u201d), which Backcheck cannot read.");
        List<Reading> hits = codes.readText(text, budget);
        if (!hits.isEmpty()) {
            entries.add(new RecordEntry(source, shorten(text), true, hits));
        }
    }

    /**
     * Words that name something rather than tell it (an order's name, another draft order's text):
     * only what the text net matches counts.
     */
    private void readNamedText(RecordEntry.Source source, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<Reading> hits = codes.readText(text, budget);
        if (!hits.isEmpty()) {
            entries.add(new RecordEntry(source, shorten(text), true, hits));
        }
    }

    /** One coded concept: each coding, the text net over displays and text; free text beyond the displays is reported. */
    private RecordEntry read(RecordEntry.Source source, CodeableConcept concept, boolean current) {
        return read(source, concept, current, false);
    }

    /**
     * Whether the condition's recorded end (abatementDateTime, or the end of abatementPeriod) is more
     * than {@link RecordEntry#SETTLED_DAYS} days before today. An end given as an age, a range or words,
     * or no end at all, is not long ago: Backcheck cannot tell.
     */
    private boolean endedLongAgo(Condition c) {
        if (today == null) {
            return false;
        }
        org.hl7.fhir.r4.model.BaseDateTimeType end = null;
        try {
            if (c.hasAbatementDateTimeType()) {
                end = c.getAbatementDateTimeType();
            } else if (c.hasAbatementPeriod() && c.getAbatementPeriod().hasEnd()) {
                end = c.getAbatementPeriod().getEndElement();
            }
        } catch (org.hl7.fhir.exceptions.FHIRException wrongType) {
            return false;
        }
        String written = end == null ? null : end.getValueAsString();
        if (written == null || written.length() < 4) {
            return false;
        }
        // The date as written; a partial one ("2026", "2026-10") is taken at its latest, the end of that
        // year or month; a time of day and its zone are ignored, and one more day allows for them.
        java.time.LocalDate ended;
        try {
            ended = written.length() >= 10 ? java.time.LocalDate.parse(written.substring(0, 10)).plusDays(1)
                    : written.length() >= 7 ? java.time.YearMonth.parse(written.substring(0, 7)).atEndOfMonth()
                    : java.time.Year.parse(written.substring(0, 4)).atMonthDay(java.time.MonthDay.of(12, 31));
        } catch (java.time.DateTimeException unreadable) {
            return false;
        }
        return ended.isBefore(today.minusDays(RecordEntry.SETTLED_DAYS));
    }

    private RecordEntry read(RecordEntry.Source source, CodeableConcept concept, boolean current, boolean endedLongAgo) {
        // Words hung on the concept itself (an extension on a reason) are free text, or named text on another order.
        for (org.hl7.fhir.r4.model.Extension ext : concept.getExtension()) {
            if (ext.getValue() instanceof org.hl7.fhir.r4.model.StringType str) {
                if (source == RecordEntry.Source.OTHER_ORDER) {
                    readNamedText(source, str.getValue());
                } else {
                    readFreeText(source, str.getValue());
                }
            }
        }
        List<Reading> readings = new ArrayList<>();
        Set<String> displays = new LinkedHashSet<>();
        for (Coding coding : concept.getCoding()) {
            readings.addAll(codes.read(coding.getSystem(), coding.getCode(), coding.getDisplay(), budget));
            if (coding.getDisplay() != null && !coding.getDisplay().isBlank()) {
                displays.add(normalised(coding.getDisplay()));
            }
        }
        String text = concept.getText();
        boolean freeText = text != null && !text.isBlank() && !displays.contains(normalised(text));
        if (freeText) {
            readings.addAll(codes.readText(text, budget));
            if (readings.isEmpty()) {
                readings.add(Reading.unclassified("free text", "free text with no code, which Backcheck cannot read"));
            } else if (source != RecordEntry.Source.OTHER_ORDER) {
                cannotJudge.add("Free text in " + source.words + " (\u201c" + shorten(text) + "\u201d), which Backcheck cannot read.");
            }
        }
        if (readings.isEmpty()) {
            return null;
        }
        String shown = text != null && !text.isBlank() ? text
                : concept.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null && !d.isBlank()).findFirst()
                        .orElse(readings.get(0).label());
        RecordEntry entry = new RecordEntry(source, shorten(shown), current, readings, endedLongAgo);
        // Another order's reasons count only for the red flags and risk factors they name.
        if (source != RecordEntry.Source.OTHER_ORDER || entry.grade() == Grade.RED_FLAG || entry.grade() == Grade.RISK_FACTOR) {
            entries.add(entry);
        }
        return entry;
    }

    private static String normalised(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Words from the record as a card may quote them: control and format characters (bidi overrides,
     * zero-width, line separators) as spaces, runs of space as one, at most {@link #MAX_SHOWN}
     * characters, never cutting a character in two (security review F05, F11).
     */
    static String shorten(String s) {
        String one = s.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").strip().replaceAll("\\s+", " ");
        return truncated(one, MAX_SHOWN);
    }

    /** At most {@code max} characters, cut between code points, with an ellipsis when cut. */
    static String truncated(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\u2026";
    }

    /** Says what the budget left unread; called once, after everything was read. */
    void noteWhatTheBudgetLeftUnread() {
        if (budget.textRanOut) {
            cannotJudge.add("The call holds more text than Backcheck reads in one call; the rest was not read.");
        }
        if (budget.lookupsRanOut) {
            cannotJudge.add("The call holds more SNOMED CT concepts unknown to Backcheck than it looks up in one call; the rest "
                    + "were not checked.");
        }
    }

    /** Entries that count for the decision: current ones, past cancers and anything Backcheck could not classify. */
    List<RecordEntry> counted() {
        return entries.stream().filter(RecordEntry::counts).toList();
    }

    /** Past entries that do not count (a resolved fracture, a past infection). */
    List<RecordEntry> past() {
        return entries.stream().filter(e -> !e.counts()).toList();
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
