package org.backcheck.service.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.Pathology;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.Source;
import org.backcheck.guidance.Statement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Writes the one card a lumbar imaging order gets, of the kind {@link CardPolicy} decided. Advice is
 * the engine's statements with their citations; the card's own words say what Backcheck read, what
 * it could not judge (always first), and never claim more than it read: "among the N coded
 * conditions Backcheck recognised", never "in the record". Cards name the coded diagnosis, never
 * a symptom standing in for it. Only the warning offers to cancel the order.
 */
final class Cards {

    /** CDS Hooks: "summary ... SHALL be less than 140 characters". */
    static final int MAX_SUMMARY = 139;

    /** From this age the warning asks about a fragility fracture (NICE CKS red flags, spinal fracture). */
    static final int FRAGILITY_AGE = 65;
    static final String SOURCE_LABEL = "Backcheck: NHS EBI low back pain imaging";
    /**
     * Backcheck's code system for override reasons. A URN, because Backcheck has no web address of
     * its own yet; change it (and tell feedback consumers) when it has.
     */
    static final String OVERRIDE_SYSTEM = "urn:backcheck:cds-hooks:override-reason";
    /**
     * SNOMED CT 308447003 "Referral to physiotherapist (procedure)": two independent public code
     * tables list it with that name (checked with Backcheck's search tool, 2026-11-21).
     */
    static final String PHYSIO_CODE = "308447003";
    static final String PHYSIO_DISPLAY = "Referral to physiotherapist";
    /** Most entries listed on a card; the rest are counted. */
    static final int MAX_LISTED = 20;
    /** The longest detail a card carries (security review F06). */
    static final int MAX_DETAIL = 16_000;

    /** Statements whose truth depends on how long the pain has lasted, which an order does not say. */
    private static final Set<String> DURATION_STATEMENTS = Set.of("reason_six_weeks", "reason_over_50_not_settling",
            "reason_referral_without_imaging", "manage_chronic_programme", "manage_chronic_specialist");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Cards() {
    }

    /**
     * What the card is made from.
     *
     * @param asRecorded the engine's assessment of what the record shows (no screening answers)
     * @param ifClear    for the warning only: the engine's advice if a full screen finds no red flag, else null
     */
    record Facts(CardPolicy.Decision decision, RecordReading reading, Assessment asRecorded, Assessment ifClear,
                 Integer age, String patientId, String baseUrl) {
    }

    static ObjectNode card(Facts f) {
        CardPolicy.Kind kind = f.decision().kind();
        ObjectNode card = NODES.objectNode();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", summary(f));
        card.put("indicator", kind.indicator);
        card.put("detail", detail(f));
        ObjectNode source = card.putObject("source");
        source.put("label", SOURCE_LABEL);
        Source ebi = RedFlags.sources().get("EBI-LBP");
        if (ebi != null && ebi.url() != null && !ebi.url().isBlank()) {
            source.put("url", ebi.url());
        }
        if (kind == CardPolicy.Kind.NO_RED_FLAG_RECOGNISED) {
            suggestions(card, f);
            ArrayNode reasons = card.putArray("overrideReasons");
            overrideReason(reasons, "red-flag-not-coded", "A red flag is present but not yet coded in the record");
            overrideReason(reasons, "specialist-request", "Requested by a specialist");
            overrideReason(reasons, "specialist-assessed", "Already assessed in a specialist service");
            overrideReason(reasons, "other", "Other reason");
        }
        ObjectNode link = card.putArray("links").addObject();
        link.put("label", "Open this case in Backcheck");
        link.put("url", caseUrl(f));
        link.put("type", "absolute");
        return card;
    }

    static String summary(Facts f) {
        Assessment a = f.asRecorded();
        List<RecordEntry> counted = f.reading().counted();
        String s = switch (f.decision().kind()) {
            case EMERGENCY -> a.summary().length() <= MAX_SUMMARY ? a.summary()
                    : "Emergency MRI: refer immediately. Do not delay the scan.";
            case RED_FLAG -> {
                RecordEntry first = counted.stream().filter(e -> e.grade() == Grade.RED_FLAG).findFirst().orElseThrow();
                boolean coded = counted.stream().anyMatch(e -> e.grade() == Grade.RED_FLAG && !e.verdict().fromText());
                if (a.recommendation() == org.backcheck.guidance.Recommendation.EMERGENCY_MRI && !coded) {
                    yield "The record's text names " + first.verdict().meaning().replace(" named in the text", "")
                            + ": if suspected, refer now for an emergency MRI, not a routine scan.";
                }
                yield coded
                        ? "Red flag in the record (" + quoted(first.shown(), 48) + "): follow its pathway; the card says which test and how soon."
                        : "Possible red flag in the record's text (" + quoted(first.shown(), 40) + "): assess it before deciding.";
            }
            case CANNOT_JUDGE -> "Backcheck cannot rule out red flags here (" + f.decision().cannotJudge().size()
                    + (f.decision().cannotJudge().size() == 1 ? " thing" : " things")
                    + " it could not judge): check before ordering or cancelling.";
            case OUT_OF_SCOPE -> "Under 19: the NHS EBI low back pain imaging guidance does not apply.";
            case NO_RED_FLAG_RECOGNISED -> {
                long n = counted.size();
                yield "No red flag in the " + n + " coded condition" + (n == 1 ? "" : "s")
                        + " Backcheck read: ask about red flags before cancelling; if none, no routine imaging (NHS EBI).";
            }
        };
        return s.length() <= MAX_SUMMARY ? s : RecordReading.truncated(s, MAX_SUMMARY - 2);
    }

    private static String quoted(String words, int max) {
        return "\u201c" + RecordReading.truncated(words, max - 1) + "\u201d";
    }

    /** A safety-net line for serious causes outside the spine (NICE NG59 1.1.1: consider alternative diagnoses). */
    static final Statement OUTSIDE_THE_SPINE = new Statement("cds_safety_net_outside_the_spine",
            "Call 999 if you get sudden, severe pain in your back or tummy that is new or different from your usual pain, "
                    + "or you feel faint or collapse. This can be a problem with the main blood vessel in your tummy (an aortic "
                    + "aneurysm), which needs treatment at once.",
            List.of(new org.backcheck.guidance.Citation("NICE-NG59", "1.1.1")));

    private static String detail(Facts f) {
        StringBuilder md = new StringBuilder();
        CardPolicy.Decision d = f.decision();
        RecordReading r = f.reading();
        if (d.kind() == CardPolicy.Kind.EMERGENCY || d.kind() == CardPolicy.Kind.RED_FLAG) {
            md.append(escape(f.asRecorded().summary())).append("\n\n");
            if (r.plainXray) {
                md.append("**The order is a plain X-ray.** An X-ray cannot rule out cancer, spinal metastases, infection or "
                        + "cord compression; where they are suspected, the test is MRI (NICE NG234 for spinal metastases).\n\n");
            }
        }
        if (d.kind() == CardPolicy.Kind.NO_RED_FLAG_RECOGNISED) {
            md.append("**Before you cancel:** Backcheck read only what the order and the coded record say. ")
                    .append("It cannot see what was found on history or examination. Ask about the red flags for ")
                    .append(Pathology.values().length).append(" serious causes (")
                    .append(java.util.Arrays.stream(Pathology.values()).map(Pathology::label).collect(Collectors.joining(", ")))
                    .append("), about inflammatory back pain (axial spondyloarthritis, NICE NG65) and about causes ")
                    .append("outside the spine: a leaking abdominal aortic aneurysm or an aortic dissection, a kidney stone or ")
                    .append("kidney infection, or pancreatitis (consider other diagnoses: NICE NG59 1.1.1). Do this before ")
                    .append("you order or cancel.");
            if (f.age() != null && f.age() >= FRAGILITY_AGE) {
                // Third review R3-15: NICE CKS red flags for a spinal fracture include minor trauma where bone
                // may be fragile (older age, osteoporosis, long-term steroids).
                md.append(" At ").append(f.age()).append(", a minor fall or strain can fracture a fragile vertebra: ask about ")
                        .append("trauma, sudden severe central pain, osteoporosis and steroids (NICE CKS).");
            }
            md.append("\n\n");
            r.assumed.forEach(a -> md.append("**Assumed:** ").append(escape(a)).append("\n\n"));
        }
        if (!d.cannotJudge().isEmpty()) {
            md.append("**What Backcheck could not judge**\n\n");
            d.cannotJudge().stream().limit(MAX_LISTED).forEach(c -> md.append("- ").append(escape(c)).append('\n'));
            if (d.cannotJudge().size() > MAX_LISTED) {
                md.append("- and ").append(d.cannotJudge().size() - MAX_LISTED).append(" more\n");
            }
            md.append('\n');
        }
        List<RecordEntry> counted = r.counted();
        if (!counted.isEmpty()) {
            md.append("**Read from the record**\n\n");
            counted.stream().limit(MAX_LISTED).forEach(e -> md.append("- ").append(entryLine(e)).append('\n'));
            if (counted.size() > MAX_LISTED) {
                md.append("- and ").append(counted.size() - MAX_LISTED).append(" more\n");
            }
            if (counted.stream().anyMatch(e -> e.verdict().fromText() && e.grade() != Grade.NOT_RED_FLAG)) {
                md.append("\nWords are matched as written: Backcheck cannot tell whether they were negated "
                        + "(\u201cno fever\u201d matches fever). Check what the record says.\n");
            }
            md.append('\n');
        }
        List<RecordEntry> past = r.past();
        if (!past.isEmpty() || r.notCounted > 0) {
            md.append("**Not counted**\n\n");
            past.stream().limit(MAX_LISTED).forEach(e -> md.append("- ").append(entryLine(e)).append(" (recorded as past)\n"));
            if (r.notCounted > 0) {
                md.append("- ").append(r.notCounted).append(" condition(s) recorded as refuted or entered in error\n");
            }
            md.append('\n');
        }
        Assessment advice = d.kind() == CardPolicy.Kind.NO_RED_FLAG_RECOGNISED ? f.ifClear() : f.asRecorded();
        String prefix = d.kind() == CardPolicy.Kind.NO_RED_FLAG_RECOGNISED ? "If none of these red flags is present: " : "";
        section(md, prefix + "why", advice.reasons());
        section(md, prefix + "what to do", advice.management());
        List<Statement> safetyNet = new java.util.ArrayList<>(advice.safetyNet());
        if (d.kind() != CardPolicy.Kind.EMERGENCY && d.kind() != CardPolicy.Kind.OUT_OF_SCOPE) {
            // Third and fourth reviews (R3-09, R4-13): the card is the only control for a serious cause
            // outside the spine that the record does not name (hazard H23), and a lumbar scan does not
            // reliably show a leaking aneurysm, so every card short of an emergency says it.
            safetyNet.add(OUTSIDE_THE_SPINE);
        }
        section(md, "Safety-net advice to give the person", safetyNet);
        md.append("**What the order does not say**\n\n")
                .append("- How long the pain has lasted, so advice that depends on it is left out. ")
                .append("Open the case in Backcheck to add it and to record the red-flag screen.\n\n");
        // Only the sources that a statement shown on this card cites (third review R3-15).
        Set<String> cited = java.util.stream.Stream.of(advice.reasons(), advice.management(), safetyNet)
                .flatMap(statements -> shown(statements).stream())
                .flatMap(s -> s.citations().stream()).map(org.backcheck.guidance.Citation::source)
                .collect(Collectors.toSet());
        List<Source> sources = advice.sources().stream().filter(s -> s.url() != null && !s.url().isBlank())
                .filter(s -> cited.contains(s.id())).toList();
        if (!sources.isEmpty()) {
            md.append("**Sources**\n\n");
            for (Source s : sources) {
                md.append("- [").append(escape(s.title())).append("](").append(s.url()).append(")\n");
            }
        }
        String detail = md.toString().strip();
        if (detail.length() > MAX_DETAIL) {
            int cut = detail.lastIndexOf('\n', MAX_DETAIL);
            detail = detail.substring(0, cut > 0 ? cut : MAX_DETAIL) + "\n\n(shortened: open the case in Backcheck for the rest)";
        }
        return detail;
    }

    /** "“Malignant neoplasm of breast” (ICD-10 C50.9): a malignant neoplasm ... (read by ICD-10 C00-C99)". */
    private static String entryLine(RecordEntry e) {
        Reading v = e.verdict();
        String where = e.source() == RecordEntry.Source.PROBLEM_LIST ? "" : " in " + e.source().words;
        String label = v.fromText() ? "" : " (" + escape(v.label()) + ")";
        return "\u201c" + escape(e.shown()) + "\u201d" + label + where + ": " + escape(v.meaning())
                + " \u2014 " + gradeWords(v.grade()) + ", read by " + escape(v.basis());
    }

    private static String gradeWords(Grade g) {
        return switch (g) {
            case RED_FLAG -> "a red flag";
            case RISK_FACTOR -> "a risk factor";
            case UNCLASSIFIED -> "not classified";
            case SCIATICA -> "nerve-root pain";
            case NOTED -> "noted, not a red flag";
            case NOT_RED_FLAG -> "not a red flag";
        };
    }

    /** The statements a card shows: all but those that depend on a duration the order does not give. */
    private static List<Statement> shown(List<Statement> statements) {
        return statements.stream().filter(s -> !DURATION_STATEMENTS.contains(s.id())).toList();
    }

    private static void section(StringBuilder md, String title, List<Statement> statements) {
        List<Statement> shown = shown(statements);
        if (shown.isEmpty()) {
            return;
        }
        md.append("**").append(Character.toUpperCase(title.charAt(0))).append(title.substring(1)).append("**\n\n");
        for (Statement s : shown) {
            md.append("- ").append(escape(s.text())).append(" _(")
                    .append(escape(s.citations().stream().map(Object::toString).collect(Collectors.joining("; "))))
                    .append(")_\n");
        }
        md.append('\n');
    }

    /**
     * Backslash-escapes what Markdown (with GitHub's extensions) would read as markup: emphasis, code,
     * links, HTML, headings, tables, strikethrough, and the ':' and "www." that start a bare autolink;
     * control and format characters become spaces (security review F05).
     */
    static String escape(String text) {
        String plain = Invisible.asSpaces(text);
        StringBuilder out = new StringBuilder(plain.length() + 8);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if ("\\`*_[]<>#|~:".indexOf(c) >= 0
                    || c == '.' && i >= 3 && plain.regionMatches(true, i - 3, "www", 0, 3)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void suggestions(ObjectNode card, Facts f) {
        List<ServiceRequest> orders = f.reading().lumbarOrders.stream()
                .filter(sr -> sr.getIdElement().getIdPart() != null).toList();
        if (orders.isEmpty()) {
            return;   // nothing the client could delete by reference
        }
        ArrayNode suggestions = card.putArray("suggestions");
        ObjectNode cancel = suggestions.addObject();
        cancel.put("label", orders.size() == 1 ? "Cancel the lumbar imaging order" : "Cancel the lumbar imaging orders");
        cancel.put("uuid", UUID.randomUUID().toString());
        deletes(cancel.putArray("actions"), orders);

        ObjectNode physio = suggestions.addObject();
        physio.put("label", "Cancel the imaging and refer to physiotherapy instead");
        physio.put("uuid", UUID.randomUUID().toString());
        ArrayNode actions = physio.putArray("actions");
        deletes(actions, orders);
        ObjectNode create = actions.addObject();
        create.put("type", "create");
        create.put("description", "Draft a referral to physiotherapy (or a first-contact practitioner) for low back pain");
        ObjectNode sr = create.putObject("resource");
        sr.put("resourceType", "ServiceRequest");
        sr.put("status", "draft");
        sr.put("intent", "order");
        ObjectNode coding = sr.putObject("code").putArray("coding").addObject();
        coding.put("system", RedFlagCodes.SNOMED);
        coding.put("code", PHYSIO_CODE);
        coding.put("display", PHYSIO_DISPLAY);
        sr.putObject("subject").put("reference", "Patient/" + f.patientId());
        List<CodeableConcept> reasons = orders.get(0).getReasonCode();
        if (!reasons.isEmpty()) {
            ArrayNode reasonCode = sr.putArray("reasonCode");
            for (CodeableConcept cc : reasons) {
                ObjectNode out = reasonCode.addObject();
                ArrayNode codings = out.putArray("coding");
                for (Coding c : cc.getCoding()) {
                    ObjectNode o = codings.addObject();
                    putIf(o, "system", c.getSystem());
                    putIf(o, "code", c.getCode());
                    putIf(o, "display", c.getDisplay());
                }
                putIf(out, "text", cc.getText());
            }
        }
        card.put("selectionBehavior", "at-most-one");
    }

    private static void deletes(ArrayNode actions, List<ServiceRequest> orders) {
        for (ServiceRequest order : orders) {
            ObjectNode delete = actions.addObject();
            delete.put("type", "delete");
            delete.put("description", "Cancel the draft lumbar imaging order");
            delete.put("resourceId", "ServiceRequest/" + order.getIdElement().getIdPart());
        }
    }

    private static void putIf(ObjectNode o, String name, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(name, value);
        }
    }

    private static void overrideReason(ArrayNode reasons, String code, String display) {
        reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", code).put("display", display);
    }

    /**
     * The assessment page with what the record shows: the age, nerve-root pain, and each coded red
     * flag or risk factor as the diagnosis it is ({@code record=history_of_cancer:ICD-10 C50.9}),
     * never a pre-ticked symptom. The page asks the red-flag screen itself.
     */
    static String caseUrl(Facts f) {
        StringBuilder q = new StringBuilder();
        if (f.age() != null) {
            q.append("age=").append(f.age());
        }
        Set<String> record = new LinkedHashSet<>();
        boolean sciatica = false;
        for (RecordEntry e : f.reading().counted()) {
            Reading v = e.verdict();
            sciatica |= e.grade() == Grade.SCIATICA;
            if (v.means() != null && (e.grade() == Grade.RED_FLAG || e.grade() == Grade.RISK_FACTOR)) {
                record.add(v.means() + ":" + (v.fromText() ? "free text" : v.label()));
            }
        }
        if (sciatica) {
            q.append(q.length() > 0 ? "&" : "").append("sciatica=true");
        }
        for (String rec : record) {
            q.append(q.length() > 0 ? "&" : "").append("record=").append(URLEncoder.encode(rec, StandardCharsets.UTF_8));
        }
        return f.baseUrl() + "/" + (q.length() > 0 ? "?" + q : "");
    }
}
