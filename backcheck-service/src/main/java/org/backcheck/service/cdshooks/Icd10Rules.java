package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads ICD-10 codes by range, from {@code org/backcheck/cds/icd10-red-flags.csv} (its header says
 * how rows are written and chosen). The table fails closed: a code in no range, red-flag or benign,
 * is unclassified. A code that stops before the character a row depends on
 * ("G83", where G83.4 is cauda equina syndrome; "S22", where S22.0 is a thoracic vertebra) could be
 * any code under it, so it takes the most serious reading it could have.
 */
final class Icd10Rules {

    /** One row: a pattern over normalised codes. */
    record Rule(String from, String to, Grade grade, String means, String meaning, String shown) {

        int length() {
            return from.length();
        }

        /** A single code or pattern is narrower than a range of the same length. */
        boolean narrowerThan(Rule other) {
            return from.equals(to) && !other.from().equals(other.to());
        }

        /** The code is covered by this rule. */
        boolean covers(String code) {
            return code.length() >= length() && within(code, length(), from, to);
        }

        /** The code is shorter than the rule, and some longer code starting with it would be covered. */
        boolean couldCover(String code) {
            int k = code.length();
            return k < length() && within(code, k, from, to);
        }

        /**
         * from <= code <= to over their first n characters (none of the three shorter than n), a '?' in a
         * bound matching any character; compares in place rather than on substrings.
         */
        private static boolean within(String code, int n, String from, String to) {
            return compare(code, from, n) >= 0 && compare(code, to, n) <= 0;
        }

        private static int compare(String code, String bound, int n) {
            for (int i = 0; i < n; i++) {
                if (bound.charAt(i) != '?') {
                    int c = Character.compare(code.charAt(i), bound.charAt(i));
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return 0;
        }
    }

    private final List<Rule> rules;

    private Icd10Rules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static Icd10Rules load() {
        List<Rule> rules = new ArrayList<>();
        for (String[] row : CdsData.rows("icd10-red-flags.csv", 5)) {
            String codes = row[0];
            String[] ends = codes.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalStateException("icd10-red-flags.csv: '" + codes + "' is not a code, pattern or range");
            }
            String from = ends[0].replace(".", "");
            String to = (ends.length == 2 ? ends[1] : ends[0]).replace(".", "");
            if (from.length() != to.length() || from.length() < 3 || !from.matches("[A-Z][0-9A-Z?]+") || !to.matches("[A-Z][0-9A-Z?]+")
                    || from.compareTo(to) > 0 || ends.length == 2 && from.contains("?")) {
                throw new IllegalStateException("icd10-red-flags.csv: bad codes '" + codes + "'");
            }
            Grade grade = Grade.fromId(row[1]);
            String means = row[2].equals("-") ? null : row[2];
            CdsData.checkMeans("icd10-red-flags.csv", codes, grade, means);
            CdsData.checkCitations("icd10-red-flags.csv", codes, row[4]);
            rules.add(new Rule(from, to, grade, means, row[3], codes));
        }
        return new Icd10Rules(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    /** The reading of one code; {@code label} is how it is shown ("ICD-10 C50.9"). */
    Reading read(Icd10Code code, String label) {
        String c = code.value();
        Rule best = null;
        for (Rule r : rules) {
            if (r.covers(c) && (best == null || r.length() > best.length()
                    || r.length() == best.length() && r.grade().compareTo(best.grade()) < 0
                    || r.length() == best.length() && r.grade() == best.grade() && r.narrowerThan(best))) {
                best = r;
            }
        }
        Rule worstPossible = null;
        for (Rule r : rules) {
            if (r.couldCover(c) && (worstPossible == null || r.grade().compareTo(worstPossible.grade()) < 0)) {
                worstPossible = r;
            }
        }
        if (worstPossible != null && (best == null || worstPossible.grade().compareTo(best.grade()) < 0)) {
            return new Reading(worstPossible.grade(), worstPossible.means(), "possibly " + worstPossible.meaning()
                    + " (the code stops before the character that decides)", label,
                    "ICD-10 " + worstPossible.shown() + ", the most serious reading of a shortened code");
        }
        if (best == null) {
            return Reading.unclassified(label, "an ICD-10 code in none of Backcheck's ranges, red-flag or benign");
        }
        return new Reading(best.grade(), best.means(), best.meaning(), label, "ICD-10 " + best.shown());
    }
}
