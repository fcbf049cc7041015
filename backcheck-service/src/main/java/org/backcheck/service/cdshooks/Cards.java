package org.backcheck.service.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.Recommendation;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.Source;
import org.backcheck.guidance.Statement;
import org.backcheck.service.cdshooks.CodeTables.ConditionRule;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Turns an assessment into one CDS Hooks card. Every sentence of advice is one of the engine's
 * statements with its citations; the card's own words only say what Backcheck read from the
 * record and what it could not see.
 *
 * <ul>
 *   <li>emergency_mri → {@code critical}; never a suggestion to cancel the order.</li>
 *   <li>no_imaging → {@code warning}, with suggestions (cancel; or cancel and refer to
 *       physiotherapy), at most one to be chosen, and override reasons.</li>
 *   <li>anything else (imaging indicated, under 19) → {@code info}.</li>
 * </ul>
 */
final class Cards {

    /** CDS Hooks: "summary ... SHALL be less than 140 characters". */
    static final int MAX_SUMMARY = 139;
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

    /** Statements whose truth depends on how long the pain has lasted, which an order does not say. */
    private static final Set<String> DURATION_STATEMENTS = Set.of("reason_six_weeks", "reason_over_50_not_settling",
            "reason_referral_without_imaging", "manage_chronic_programme", "manage_chronic_specialist");

    private static final Map<Recommendation, String> SHORT = Map.of(
            Recommendation.EMERGENCY_MRI, "Emergency MRI: refer immediately. Do not delay the scan.",
            Recommendation.IMAGING_INDICATED, "Red flags in the record: lumbar imaging is appropriate. See the pathway to follow.",
            Recommendation.OUT_OF_SCOPE, "Under 19: the NHS EBI low back pain imaging guidance does not apply.");
    private static final String NO_IMAGING_SUMMARY =
            "No red flags in the record: lumbar imaging is not recommended (NHS EBI guidance).";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Cards() {
    }

    /** What the card needs besides the assessment. */
    record Facts(OrderReview review, Integer age, String patientId, String baseUrl, int unresolvedReferences) {
    }

    static ObjectNode card(Assessment a, Facts f) {
        Recommendation rec = a.recommendation();
        ObjectNode card = NODES.objectNode();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", summary(a));
        card.put("indicator", rec == Recommendation.EMERGENCY_MRI ? "critical" : rec == Recommendation.NO_IMAGING ? "warning" : "info");
        card.put("detail", detail(a, f));
        ObjectNode source = card.putObject("source");
        source.put("label", SOURCE_LABEL);
        Source ebi = RedFlags.sources().get("EBI-LBP");
        if (ebi != null && ebi.url() != null && !ebi.url().isBlank()) {
            source.put("url", ebi.url());
        }
        if (rec == Recommendation.NO_IMAGING) {
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

    /** No date of birth and no red flags: the age decides whether the guidance applies. */
    static ObjectNode noDateOfBirth(String baseUrl) {
        ObjectNode card = NODES.objectNode();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", "Backcheck cannot check this lumbar imaging order: the record has no date of birth.");
        card.put("indicator", "info");
        card.put("detail", "The NHS EBI guidance on low back pain imaging covers people aged 19 and over, so Backcheck "
                + "needs the age. No red flags were found in the order's reasons or the coded active conditions. "
                + "Open Backcheck to assess this case by hand.");
        ObjectNode source = card.putObject("source");
        source.put("label", SOURCE_LABEL);
        Source ebi = RedFlags.sources().get("EBI-LBP");
        if (ebi != null && ebi.url() != null && !ebi.url().isBlank()) {
            source.put("url", ebi.url());
        }
        ObjectNode link = card.putArray("links").addObject();
        link.put("label", "Open Backcheck");
        link.put("url", baseUrl + "/");
        link.put("type", "absolute");
        return card;
    }

    static String summary(Assessment a) {
        if (a.recommendation() == Recommendation.NO_IMAGING) {
            return NO_IMAGING_SUMMARY;
        }
        String s = a.summary();
        if (s.length() <= MAX_SUMMARY) {
            return s;
        }
        return SHORT.getOrDefault(a.recommendation(), "Backcheck: read this card before ordering lumbar imaging.");
    }

    private static String detail(Assessment a, Facts f) {
        StringBuilder md = new StringBuilder();
        if (a.recommendation() == Recommendation.NO_IMAGING || a.recommendation() == Recommendation.EMERGENCY_MRI) {
            md.append(escape(a.summary())).append("\n\n");
        }
        section(md, "Why", a.reasons());
        section(md, "What to do", a.management());
        section(md, "Safety-net advice to give the person", a.safetyNet());

        OrderReview r = f.review();
        if (!r.used.isEmpty()) {
            md.append("**Read from the record**\n\n");
            for (ConditionRule rule : r.used.keySet()) {
                String meaning = rule.redFlag() == null ? "leg pain (sciatica)"
                        : "possible " + RedFlags.vocabulary().get(rule.redFlag()).pathology().label();
                md.append("- ").append(escape(rule.display())).append(" (").append(rule.label()).append("): ")
                        .append(meaning).append('\n');
            }
            md.append('\n');
        }
        if (!r.notRedFlags.isEmpty()) {
            md.append("**In the record, not a red flag for this decision**\n\n");
            for (ConditionRule rule : r.notRedFlags.keySet()) {
                md.append("- ").append(escape(rule.display())).append(" (").append(rule.label()).append(")\n");
            }
            md.append('\n');
        }
        md.append("**What Backcheck could not see**\n\n");
        if (a.recommendation() == Recommendation.NO_IMAGING) {
            md.append("- Backcheck read only the order's reasons and the coded active conditions. A red flag found on "
                    + "history or examination but not coded changes this advice: check for red flags before you order.\n");
        }
        md.append("- The order does not say how long the pain has lasted, so advice that depends on it is left out. "
                + "Open the case in Backcheck to add it.\n");
        if (f.age() == null) {
            md.append("- The record has no date of birth; the guidance covers people aged 19 and over.\n");
        }
        if (f.unresolvedReferences() > 0) {
            md.append("- ").append(f.unresolvedReferences())
                    .append(" condition(s) named as reasons for the order could not be read.\n");
        }
        md.append('\n');
        List<Source> sources = a.sources().stream().filter(s -> s.url() != null && !s.url().isBlank()).toList();
        if (!sources.isEmpty()) {
            md.append("**Sources**\n\n");
            for (Source s : sources) {
                md.append("- [").append(escape(s.title())).append("](").append(s.url()).append(")\n");
            }
        }
        return md.toString().strip();
    }

    private static void section(StringBuilder md, String title, List<Statement> statements) {
        List<Statement> shown = statements.stream().filter(s -> !DURATION_STATEMENTS.contains(s.id())).toList();
        if (shown.isEmpty()) {
            return;
        }
        md.append("**").append(title).append("**\n\n");
        for (Statement s : shown) {
            md.append("- ").append(escape(s.text())).append(" _(")
                    .append(escape(s.citations().stream().map(Object::toString).collect(Collectors.joining("; "))))
                    .append(")_\n");
        }
        md.append('\n');
    }

    /** Backslash-escapes the characters Markdown would read as markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void suggestions(ObjectNode card, Facts f) {
        List<ServiceRequest> orders = f.review().lumbarOrders.stream()
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
        coding.put("system", CodeTables.SNOMED);
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

    /** The assessment page with what is known filled in; the duration is left for the clinician. */
    static String caseUrl(Facts f) {
        StringBuilder q = new StringBuilder();
        if (f.age() != null) {
            q.append("age=").append(f.age());
        }
        if (!f.review().redFlags.isEmpty()) {
            q.append(q.length() > 0 ? "&" : "").append("red_flags=")
                    .append(URLEncoder.encode(String.join(",", f.review().redFlags), StandardCharsets.UTF_8));
        }
        if (f.review().sciatica) {
            q.append(q.length() > 0 ? "&" : "").append("sciatica=true");
        }
        return f.baseUrl() + "/" + (q.length() > 0 ? "?" + q : "");
    }
}
