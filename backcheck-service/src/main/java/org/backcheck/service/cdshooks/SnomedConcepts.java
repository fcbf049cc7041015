package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads SNOMED CT concepts: first Backcheck's curated list ({@code snomed-red-flags.csv}), then, for
 * a concept not on it, the terminology server if one is configured ({@code snomed-red-flag-parents.csv}
 * says which parents it is asked about). Without an answer the concept is unclassified, and the
 * reading says why (no server configured, or what went wrong), so the card can say it. A concept
 * under none of the parents is unclassified too: only a benign parent makes a concept benign.
 */
final class SnomedConcepts {

    /** One curated concept. */
    record Concept(String code, Grade grade, String means, String fsn) {
    }

    /** One parent a terminology server is asked about. */
    record Parent(String group, String code, Grade grade, String means, String meaning) {
    }

    private final Map<String, Concept> concepts;
    private final List<Parent> parents;
    private final Map<String, List<String>> groups;
    private final SnomedTerminology terminology;

    private SnomedConcepts(Map<String, Concept> concepts, List<Parent> parents, SnomedTerminology terminology) {
        this.concepts = Map.copyOf(concepts);
        this.parents = List.copyOf(parents);
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (Parent p : parents) {
            g.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p.code());
        }
        g.replaceAll((k, v) -> List.copyOf(v));
        this.groups = java.util.Collections.unmodifiableMap(g);
        this.terminology = Objects.requireNonNull(terminology, "terminology");
    }

    static SnomedConcepts load(SnomedTerminology terminology) {
        Map<String, Concept> concepts = new HashMap<>();
        for (String[] row : CdsData.rows("snomed-red-flags.csv", 5)) {
            if (!row[0].matches("[0-9]{6,18}")) {
                throw new IllegalStateException("snomed-red-flags.csv: '" + row[0] + "' is not a SNOMED CT identifier");
            }
            Grade grade = Grade.fromId(row[1]);
            String means = row[2].equals("-") ? null : row[2];
            CdsData.checkMeans("snomed-red-flags.csv", row[0], grade, means);
            if (concepts.put(row[0], new Concept(row[0], grade, means, row[3])) != null) {
                throw new IllegalStateException("snomed-red-flags.csv: " + row[0] + " is listed twice");
            }
        }
        List<Parent> parents = new ArrayList<>();
        for (String[] row : CdsData.rows("snomed-red-flag-parents.csv", 5)) {
            Grade grade = Grade.fromId(row[2]);
            String means = row[3].equals("-") ? null : row[3];
            CdsData.checkMeans("snomed-red-flag-parents.csv", row[1], grade, means);
            if (!concepts.containsKey(row[1])) {
                throw new IllegalStateException("snomed-red-flag-parents.csv: parent " + row[1]
                        + " is not on the curated list, where its source would be recorded");
            }
            Parent parent = new Parent(row[0], row[1], grade, means, row[4]);
            for (Parent other : parents) {
                if (other.group().equals(parent.group())
                        && (other.grade() != grade || !java.util.Objects.equals(other.means(), means))) {
                    throw new IllegalStateException("snomed-red-flag-parents.csv: the parents of group " + parent.group()
                            + " must share one grade and meaning");
                }
            }
            parents.add(parent);
        }
        return new SnomedConcepts(concepts, parents, terminology);
    }

    Map<String, Concept> concepts() {
        return concepts;
    }

    List<Parent> parents() {
        return parents;
    }

    /** The reading of one concept id; {@code label} is how it is shown ("SNOMED CT 254837009"). */
    Reading read(String code, String label, RedFlagCodes.Budget budget) {
        Concept c = concepts.get(code);
        if (c != null) {
            return new Reading(c.grade(), c.means(), c.fsn(), label, "Backcheck's SNOMED CT list");
        }
        if (!budget.spendLookup()) {
            return Reading.unclassified(label, "a SNOMED CT concept not on Backcheck's list, not checked: the call holds more "
                    + "such concepts than Backcheck looks up in one call");
        }
        SnomedTerminology.Answer answer = terminology.groupsOf(code, groups);
        if (answer.status() != SnomedTerminology.Status.ANSWERED) {
            String why = answer.status() == SnomedTerminology.Status.NOT_CONFIGURED
                    ? "a SNOMED CT concept not on Backcheck's list, and no terminology server is configured to check it"
                    : "a SNOMED CT concept not on Backcheck's list; the terminology server could not check it ("
                    + answer.problem() + ")";
            return Reading.unclassified(label, why);
        }
        Parent worst = null;
        for (Parent p : parents) {
            if (answer.groups().contains(p.group()) && (worst == null || p.grade().compareTo(worst.grade()) < 0)) {
                worst = p;
            }
        }
        if (worst == null) {
            return Reading.unclassified(label, "a SNOMED CT concept not on Backcheck's list and under none of the "
                    + "parents it asks the terminology server about, red-flag or benign");
        }
        return new Reading(worst.grade(), worst.means(), worst.meaning(), label, "the terminology server");
    }
}
