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
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * What the draft orders and the record say, read entry by entry, and what Backcheck could not
 * judge. Built in steps, because the service may fetch conditions the request did not carry.
 * Only lumbar imaging orders are read; nothing here is logged.
 */
final class RecordReading {

    /** Resources a search may include beside the conditions that say nothing about the patient's health. */
    private static final Set<String> INCLUDED_CONTEXT = Set.of("Patient", "Practitioner", "PractitionerRole", "Organization",
            "Encounter", "Location");
    /** Longest words quoted from the record on a card. */
    static final int MAX_SHOWN = 100;

    final RedFlagCodes codes;
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
    /** Conditions the encounter names as its reason or diagnosis, to be found on the problem list. */
    private final List<String> encounterReasons = new ArrayList<>();
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

    /**
     * Reads each lumbar order and every other draft order (OrderReading).
     *
     * @return references to Conditions that could not be found in the request (the caller may fetch them)
     */
    List<String> readOrders(Bundle draftOrders, Bundle conditions) {
        return new OrderReading(this, draftOrders, conditions).read();
    }

    boolean hasLumbarImaging() {
        return !lumbarOrders.isEmpty();
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
        // Words given in place of a reference are free text (fifth review R5-09); the conditions it refers
        // to must be on the problem list, or the card says they were not read (seventh review R7-11).
        for (Reference ref : encounter.getReasonReference()) {
            readFreeText(RecordEntry.Source.ENCOUNTER, ref.getDisplay());
            encounterReasons.add(ref.getReference());
        }
        for (org.hl7.fhir.r4.model.Encounter.DiagnosisComponent d : encounter.getDiagnosis()) {
            readFreeText(RecordEntry.Source.ENCOUNTER, d.getCondition().getDisplay());
            encounterReasons.add(d.getCondition().getReference());
        }
        // Its type and service type name a setting, and sometimes more ("GP appointment - suspected cauda
        // equina"): what the text net finds there counts (sixth review R6-02); words in its extensions are free text.
        for (CodeableConcept t : CareSetting.types(encounter)) {
            FhirSupport.words(t).forEach(w -> readNamedText(RecordEntry.Source.ENCOUNTER, w));
        }
        new OrderReading(this, null, null).readExtensions(encounter, t -> readFreeText(RecordEntry.Source.ENCOUNTER, t));
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
        for (String ref : encounterReasons) {
            if (ref == null) {
                continue;
            }
            boolean found = conditions.getEntry().stream().anyMatch(e -> e.getResource() instanceof Condition c
                    && (ref.equals("Condition/" + c.getIdElement().getIdPart()) || ref.equals(e.getFullUrl())));
            if (!found) {
                cannotJudge.add("The encounter names a condition that is not on the problem list sent, so it was not read.");
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
        if (ConditionStatus.neverThere(c)) {
            notCounted++;
            return;
        }
        boolean current = ConditionStatus.current(c);
        RecordEntry entry = read(RecordEntry.Source.PROBLEM_LIST, c.getCode(), current, !current && ConditionStatus.endedLongAgo(c, today));
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
            FhirSupport.words(site).forEach(w -> OrderReading.readUnlessPlain(this, RecordEntry.Source.PROBLEM_LIST, w));
        }
        if (c.hasSeverity()) {
            FhirSupport.words(c.getSeverity()).forEach(w -> readNamedText(RecordEntry.Source.PROBLEM_LIST, w));
        }
        new OrderReading(this, null, null).readExtensions(c, t -> readFreeText(RecordEntry.Source.PROBLEM_LIST, t));
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
     * Free text: Backcheck cannot read what it says, so it always stops a suggestion to cancel (one
     * matched word does not mean the rest was understood); the words the text net matches are
     * also counted as what they name.
     */
    void readFreeText(RecordEntry.Source source, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        noteUnreadRest(source, text);
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
    void readNamedText(RecordEntry.Source source, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        noteUnreadRest(source, text);
        List<Reading> hits = codes.readText(text, budget);
        if (!hits.isEmpty()) {
            entries.add(new RecordEntry(source, shorten(text), true, hits));
        }
    }

    /** One coded concept: each coding, the text net over displays and text; free text beyond the displays is reported. */
    RecordEntry read(RecordEntry.Source source, CodeableConcept concept, boolean current) {
        return read(source, concept, current, false);
    }

    /** Words longer than Backcheck reads: the rest is not read, so it cannot be judged (fifth review R5-05). */
    private void noteUnreadRest(RecordEntry.Source source, String text) {
        if (text.length() > TextNet.MAX_TEXT) {
            cannotJudge.add("Words in " + source.words + " are longer than Backcheck reads (" + TextNet.MAX_TEXT
                    + " characters); the rest was not read.");
        }
    }

    private RecordEntry read(RecordEntry.Source source, CodeableConcept concept, boolean current, boolean endedLongAgo) {
        FhirSupport.words(concept).forEach(w -> noteUnreadRest(source, w));   // sixth review R6-06
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

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private static String normalised(String s) {
        return SPACES.matcher(s.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /**
     * Words from the record as a card may quote them: control and format characters (bidi overrides,
     * zero-width, line separators) as spaces, runs of space as one, at most {@link #MAX_SHOWN}
     * characters, never cutting a character in two (security review F05, F11).
     */
    static String shorten(String s) {
        String one = SPACES.matcher(Invisible.asSpaces(s).strip()).replaceAll(" ");
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

}
