package org.backcheck.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The assessment as a plain-text entry for the clinical record, for the clinician to paste into
 * the consultation: what was asked and the answers (GIRFT's cauda equina pathway asks for the
 * absence of red flags to be documented as well as their presence), the STarT Back score and the
 * advice. Plain ASCII-friendly text, one fact per line, no patient identifiers (Backcheck has none).
 */
final class ConsultationNote {

    private ConsultationNote() {
    }

    static String write(AssessmentRequest r, Screening screening, List<RedFlag> riskFactors, Recommendation recommendation,
                        Urgency urgency, String summary, StartBackResult startBack, List<Recommendation> findings) {
        List<String> lines = new ArrayList<>();
        lines.add("Low back pain: imaging decision (Backcheck, NHS EBI low back pain imaging guidance)");
        lines.add("Age " + r.age() + "; this episode " + r.durationWeeks() + " week" + (r.durationWeeks() == 1 ? "" : "s")
                + "; sciatica " + (r.sciatica() ? "yes" : "no") + "; setting " + r.setting().id().replace('_', '-') + ".");
        lines.add("Red-flag screen:");
        for (Map.Entry<Pathology, ScreeningAnswer> e : screening.answers().entrySet()) {
            lines.add("- " + capitalised(e.getKey().label()) + ": " + answer(e.getKey(), e.getValue(), r));
        }
        if (!riskFactors.isEmpty()) {
            lines.add("Risk factors: " + riskFactors.stream().map(f -> f.label().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining("; ")) + ".");
        }
        lines.add(startBack == null ? "STarT Back: not done."
                : String.format(Locale.ROOT, "STarT Back: %s risk (total %d/9, distress %d/5).", startBack.risk().id(),
                        startBack.total(), startBack.distress()));
        lines.add("Advice: " + summary + (urgency == null ? "" : " Urgency: " + urgency.id().replace('_', ' ') + "."));
        if (findings.size() > 1) {
            lines.add("Also: " + findings.subList(1, findings.size()).stream().map(f -> f.id().replace('_', ' '))
                    .collect(Collectors.joining("; ")) + ".");
        }
        if (!screening.complete()) {
            lines.add("Screen incomplete: not asked about " + screening.notAsked().stream().map(Pathology::label)
                    .collect(Collectors.joining(", ")) + ".");
        }
        return String.join("\n", lines) + "\n";
    }

    private static String answer(Pathology group, ScreeningAnswer answer, AssessmentRequest r) {
        return switch (answer) {
            case ABSENT -> "asked, none present";
            case NOT_ASKED -> "not asked";
            case PRESENT -> {
                List<String> found = new ArrayList<>();
                for (String id : r.redFlags()) {
                    RedFlag flag = RedFlags.vocabulary().get(id);
                    if (flag.pathology() == group && !flag.isRiskFactor()) {
                        found.add(flag.label().toLowerCase(Locale.ROOT));
                    }
                }
                for (RecordedCondition c : r.recorded()) {
                    if (c.pathology() == group && !c.isRiskFactor()) {
                        found.add("recorded as " + c.code());
                    }
                }
                yield "PRESENT (" + String.join("; ", found) + ")";
            }
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
