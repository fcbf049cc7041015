package org.backcheck.guidance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One item of Backcheck's red-flag screen: the pathology it points to, how strongly, a label, and
 * its sources.
 *
 * @param grade {@link Grade#RED_FLAG} on its own makes imaging by that pathology's pathway
 *              appropriate; {@link Grade#RISK_FACTOR} on its own asks for closer assessment, never a
 *              scan (the grading and its sources are in {@code red-flags.csv})
 */
public record RedFlag(String id, Pathology pathology, Grade grade, String label, List<Citation> citations) {

    /** How strongly one item points to its pathology. */
    public enum Grade {
        RED_FLAG,
        RISK_FACTOR;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Grade fromId(String id) {
            return Grade.valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public RedFlag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pathology, "pathology");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(label, "label");
        citations = List.copyOf(citations);
    }

    public boolean isRiskFactor() {
        return grade == Grade.RISK_FACTOR;
    }
}
