package org.backcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.classify.RuleCase;

/**
 * Rows in the generator's column order ({@link ExtractGenerator#HEADER}) for the values where SQL
 * engines and the Java engine are most likely to part: numbers a cast reads differently ({@code +45},
 * {@code 45.0}, a tab, full-width or Arabic-Indic digits, 18 and 19 digits, the int limits),
 * letters whose case folds in unusual ways, spaces and line breaks around codes, and blank, padded
 * or look-alike categories. Also the spec's rule cases ({@link RuleCase}), with their ids.
 */
final class MessyRows {

    static final String RULE_CASE_PREFIX = "rule:";

    private static final List<String> AGES = List.of(
            "+45", "-45", " 45 ", "45.0", "45.", ".5", "0045", "-0", "+0045", "000000000000000045", "0000000000000000045",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "99999999999999999", "999999999999999999",
            "9999999999999999999", "+", "-", "+-5", "5+", "--5", "\u0664\u0665", "\uFF14\uFF15", "45\t", "\t45", "4 5", "45\n",
            "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
            "1e2", "0x2D", "   ", "", "7001", "120", "121", "19", "18", "\u00b2", "45\u00a0");
    private static final List<String> PROCEDURES = List.of(
            "U054", "u055", "U054 ", " U054", "U054   ", "U05 4", "\u00fc054", "U054\n", "X\nU054", "U054\t", "U135,Z665",
            "u132 ,o162", "||U211 ,z665 ||X999", "U216,O16", "\uFF35054", "\u0130U054", "U\u0305054", "   ", "", "Z665U055",
            "U13", "U055U136Z665");
    private static final List<String> DIAGNOSES = List.of(
            "", "   ", "C509", "c50", "C5", "D0", "d37", "D49", "M545", "M545 ", "\tC50", "\u00c750", "\uFF2350", "C5\n0",
            "||M545 ,C795 ||");
    private static final List<String> CATEGORIES = List.of("02", "02 ", " 02", "2", "02\t", "", "   ", "0\uFF12", "01", "02  ");

    private MessyRows() {
    }

    static List<String[]> all() {
        List<String[]> rows = new ArrayList<>();
        int n = 0;
        for (String age : AGES) {
            rows.add(row("messy-" + n++, "U054", age, "", "M545", "01"));
            rows.add(row("messy-" + n++, "U054", "", age, "", ""));
            rows.add(row("messy-" + n++, "X999", "40", age, "C509", "02"));
            rows.add(row("messy-" + n++, "u135,z665", age, age, "", "02"));
        }
        for (String procedures : PROCEDURES) {
            rows.add(row("messy-" + n++, procedures, "45", "", "M545", "01"));
        }
        for (String diagnoses : DIAGNOSES) {
            for (String category : CATEGORIES) {
                rows.add(row("messy-" + n++, "U055", "60", "61", diagnoses, category));
            }
        }
        for (RuleCase c : RuleCase.all()) {
            rows.add(row(RULE_CASE_PREFIX + c.id(), c.procedures(), c.ageSus(), c.ageCds(), c.diagnoses(), c.adminCategory()));
        }
        return rows;
    }

    private static String[] row(String id, String procedures, String ageSus, String ageCds, String diagnoses, String category) {
        String[] fields = new String[ExtractGenerator.HEADER.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = switch (ExtractGenerator.HEADER.get(i).toLowerCase(Locale.ROOT)) {
                case "opa_ident" -> id;
                case "appointment_date" -> "2024-04-01";
                case "der_provider_code" -> "RXX";
                case "treatment_function_code" -> "110";
                case "first_attendance" -> "1";
                case "attendance_status" -> "5";
                case "administrative_category" -> category;
                case "age_at_start_of_episode_sus" -> ageSus;
                case "der_age_at_cds_activity_date" -> ageCds;
                case "der_diagnosis_all" -> diagnoses;
                case "der_procedure_all" -> procedures;
                default -> "";
            };
        }
        return fields;
    }
}
