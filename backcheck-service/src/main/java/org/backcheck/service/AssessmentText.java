package org.backcheck.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.Pathology;
import org.backcheck.guidance.Recommendation;
import org.backcheck.guidance.Source;
import org.backcheck.guidance.SpaFeature;
import org.backcheck.guidance.SpondyloarthritisCheck;
import org.backcheck.guidance.StartBackResult;
import org.backcheck.guidance.Statement;
import org.backcheck.guidance.Urgency;

/**
 * An assessment as plain text for a person at a terminal: the recommendation first, then why, what
 * to do and when to seek help, each statement with its citations, and the sources at the end.
 * Lines are wrapped at {@value #WIDTH} columns.
 */
public final class AssessmentText {

    static final int WIDTH = 88;

    private AssessmentText() {
    }

    /** A short heading for a recommendation, in Backcheck's words. */
    public static String heading(Recommendation r) {
        return switch (r) {
            case EMERGENCY_MRI -> "Emergency MRI: refer immediately";
            case IMAGING_INDICATED -> "Imaging indicated";
            case SCREENING_INCOMPLETE -> "Screening incomplete: ask about every red-flag group first";
            case ASSESS_FURTHER -> "Assess further for a serious cause";
            case REFER_RHEUMATOLOGY -> "Refer to rheumatology";
            case HLA_B27_TEST -> "Test HLA-B27, refer if positive";
            case SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT -> "Image only if the result would change management";
            case NO_IMAGING -> "No imaging";
            case OUT_OF_SCOPE -> "Outside the guidance's age range";
        };
    }

    /** How soon, in words. */
    public static String urgency(Urgency u) {
        return switch (u) {
            case EMERGENCY -> "emergency (now)";
            case SAME_DAY -> "same day";
            case URGENT -> "urgent (within days)";
            case ROUTINE -> "routine";
        };
    }

    public static String render(Assessment a) {
        List<String> out = new ArrayList<>();
        out.add("Recommendation: " + heading(a.recommendation()) + " [" + a.recommendation().id() + "]");
        if (a.urgency() != null) {
            out.add("Urgency: " + urgency(a.urgency()));
        }
        wrap(out, "", a.summary());
        if (!a.suspected().isEmpty()) {
            out.add("Suspected: " + a.suspected().stream().map(Pathology::label).collect(Collectors.joining(", ")));
        }
        wrap(out, "", "    ", "Red-flag screen: " + (a.screening().complete() ? "complete"
                : "incomplete; not asked: " + a.screening().notAsked().stream().map(Pathology::label).collect(Collectors.joining(", "))));
        if (!a.riskFactors().isEmpty()) {
            wrap(out, "", "    ", "Risk factors: " + a.riskFactors().stream().map(f -> f.label()).collect(Collectors.joining("; ")));
        }
        if (a.findings().size() > 1) {
            out.add("Also applies: " + a.findings().subList(1, a.findings().size()).stream()
                    .map(AssessmentText::heading).collect(Collectors.joining("; ")));
        }
        section(out, "Why", a.reasons());
        section(out, "What to do", a.management());
        section(out, "Seek help at once if", a.safetyNet());
        StartBackResult sb = a.startBack();
        if (sb != null) {
            out.add("");
            out.add(String.format(Locale.ROOT, "STarT Back: %s risk (total %d of 9, distress subscale %d of 5)",
                    sb.risk().id(), sb.total(), sb.distress()));
        }
        SpondyloarthritisCheck spa = a.spondyloarthritis();
        if (spa != null) {
            out.add("");
            String criteria = spa.criteria().isEmpty() ? "none"
                    : spa.criteria().stream().map(SpaFeature::label).collect(Collectors.joining(", "));
            wrap(out, "    ", "Axial spondyloarthritis (NICE NG65): " + spaOutcome(spa.outcome())
                    + "; criteria counted: " + criteria);
        }
        if (!a.sources().isEmpty()) {
            out.add("");
            out.add("Sources:");
            for (Source s : a.sources()) {
                StringBuilder line = new StringBuilder(s.id()).append(": ").append(s.title());
                if (s.publisher() != null && !s.publisher().isBlank()) {
                    line.append(". ").append(s.publisher());
                }
                if (s.year() != null && !s.year().isBlank()) {
                    line.append(", ").append(s.year());
                }
                if (s.url() != null && !s.url().isBlank()) {
                    line.append(". ").append(s.url());
                }
                wrap(out, "  - ", "    ", line.toString());
            }
        }
        return String.join(System.lineSeparator(), out) + System.lineSeparator();
    }

    /** The NG65 outcome in words; an outcome this version does not know is shown by its id. */
    static String spaOutcome(String outcome) {
        return switch (outcome) {
            case "refer" -> "criteria met, refer to rheumatology";
            case "test_hla_b27" -> "three criteria, test HLA-B27 and refer if positive";
            case "not_met" -> "criteria not met";
            case "not_assessed" -> "no features recorded yet, ask about them";
            case "onset_age_needed" -> "record the age the pain began to know whether NG65 applies";
            case "not_applicable" -> "does not apply (pain did not begin before 45, or has not lasted over 3 months)";
            default -> outcome.replace('_', ' ');
        };
    }


    private static void section(List<String> out, String title, List<Statement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        out.add("");
        out.add(title + ":");
        for (Statement s : statements) {
            String cites = s.citations().stream().map(Object::toString).collect(Collectors.joining("; "));
            wrap(out, "  - ", "    ", s.text() + " [" + cites + "]");
        }
    }

    private static void wrap(List<String> out, String indent, String text) {
        wrap(out, indent, indent, text);
    }

    /** Greedy word wrap: the first line starts with {@code first}, the rest with {@code rest}. */
    private static void wrap(List<String> out, String first, String rest, String text) {
        StringBuilder line = new StringBuilder(first);
        int lineStart = first.length();
        for (String word : text.split(" +")) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
                out.add(line.toString());
                line = new StringBuilder(rest);
                lineStart = rest.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
    }
}
