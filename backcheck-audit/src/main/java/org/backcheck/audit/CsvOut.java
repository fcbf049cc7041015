package org.backcheck.audit;

/**
 * Fields of the CSV files Backcheck writes (matches.csv, rejected.csv, aggregates.csv).
 *
 * <p>{@link #field}: RFC 4180 quoting: a field holding a comma, quote or line break is quoted, inner
 * quotes doubled.
 *
 * <p>{@link #text}: the same, for text that may come from the input (ids, codes, organisation
 * codes), made safe to open in a spreadsheet (OWASP, "CSV Injection"): a value starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return would be taken as a formula, so a
 * single quote is put in front of it and the field is quoted. A value starting with a single quote
 * gets one more, so that the rule can be undone without doubt: remove one leading {@code '} from any
 * text value that starts with one. Numbers Backcheck computes (counts, rates) are written with
 * {@link #field} and never changed.
 */
public final class CsvOut {

    private CsvOut() {
    }

    /** {@code s} as an RFC 4180 field; null and empty as nothing. */
    public static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return needsQuotes(s) ? quoted(s) : s;
    }

    /** {@code s}, which may come from the input, as a field a spreadsheet shows as text. */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return switch (s.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\'' -> quoted("'" + s);
            default -> field(s);
        };
    }

    private static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
