package org.backcheck.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.backcheck.classify.RuleCase;

/**
 * Rows built from the values where engines are most likely to part from the reference classifier:
 * missing against empty against space-only fields; numbers a cast reads differently ({@code +45},
 * {@code 45.0}, a tab, full-width or Arabic-Indic digits, 18 and 19 digits, the int limits, negative
 * ages, the 7001 to 7007 codes for infants' ages in days, text); letters whose case folds in unusual
 * ways; codes at the very start or end of a field, glued to other codes, split by line breaks or at
 * the end of a long list; quotes inside a field; and blank, padded or look-alike categories. Each
 * spec rule case also comes back with its missing values given as empty text.
 */
public final class MessyRows {

    /** Label prefix of a rule case whose missing values are given as empty text. */
    public static final String EMPTY_RULE_CASE_PREFIX = "rule-empty:";

    private static final List<String> AGES = Arrays.asList(null, "", "   ",
            "+45", "-45", " 45 ", "45.0", "45.", ".5", "0045", "-0", "+0045", "000000000000000045", "0000000000000000045",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "99999999999999999", "999999999999999999",
            "9999999999999999999", "+", "-", "+-5", "5+", "--5", "\u0664\u0665", "\uFF14\uFF15", "45\t", "\t45", "4 5", "45\n",
            "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
            "1e2", "0x2D", "NaN", "unknown", "-1", "-19", "0", "7001", "7002", "7003", "7004", "7005", "7006", "7007", "7008",
            "120", "121", "19", "18", "\u00b2", "45\u00a0", "\"45\"");
    private static final List<String> PROCEDURES = Arrays.asList(null, "", "   ",
            "U054", "u055", "U054 ", " U054", "U054   ", "U05 4", "\u00fc054", "U054\n", "X\nU054", "U054\t", "U135,Z665",
            "u132 ,o162", "||U211 ,z665 ||X999", "U216,O16", "\uFF35054", "\u0130U054", "U\u0305054", "Z665U055",
            "U13", "U055U136Z665", "X999U054", "U054X999", "uU054", "U0544", "U05", "\"U054\"", "say \"U055\"",
            "Z665 U133", "o162\r\nu217", longList("X999", 60, "U055"), longList("Y123", 80, "U136") + ",Z665",
            longList("A001", 70, ""));
    private static final List<String> DIAGNOSES = Arrays.asList(null, "",
            "   ", "C509", "c50", "C5", "D0", "d37", "D49", "M545", "M545 ", "\tC50", "\u00c750", "\uFF2350", "C5\n0",
            "||M545 ,C795 ||", "M545C509", "say \"C50\"", longList("M545", 60, "C795"), longList("M545", 60, "D489"));
    private static final List<String> CATEGORIES = Arrays.asList(null, "02", "02 ", " 02", "2", "02\t", "", "   ",
            "0\uFF12", "01", "02  ", "o2", "002");

    private MessyRows() {
    }

    /** The messy rows, labelled {@code messy-<n>}, then the rule cases with empty text for missing values. */
    public static List<ContractRow> all() {
        List<ContractRow> rows = new ArrayList<>();
        int n = 0;
        for (String age : AGES) {
            rows.add(new ContractRow("messy-" + n++, "U054", age, null, "M545", "01"));
            rows.add(new ContractRow("messy-" + n++, "U054", "", age, null, null));
            rows.add(new ContractRow("messy-" + n++, "X999", "40", age, "C509", "02"));
            rows.add(new ContractRow("messy-" + n++, "u135,z665", age, age, "", "02"));
        }
        for (String procedures : PROCEDURES) {
            rows.add(new ContractRow("messy-" + n++, procedures, "45", null, "M545", "01"));
            rows.add(new ContractRow("messy-" + n++, procedures, "  ", "7004", "", ""));
        }
        for (String diagnoses : DIAGNOSES) {
            for (String category : CATEGORIES) {
                rows.add(new ContractRow("messy-" + n++, "U055", "60", "61", diagnoses, category));
            }
        }
        for (RuleCase c : RuleCase.all()) {
            rows.add(ContractRow.of(c).emptyForNull(EMPTY_RULE_CASE_PREFIX + c.id()));
        }
        return rows;
    }

    /** {@code count} codes {@code filler}, comma-separated, then {@code last} (when not empty). */
    private static String longList(String filler, int count, String last) {
        String list = String.join(",", Collections.nCopies(count, filler));
        return last.isEmpty() ? list : list + "," + last;
    }
}
