package org.backcheck.report;

/**
 * Fields of the CSV files Backcheck writes (matches.csv, rejected.csv, aggregates.csv).
 *
 * <p>{@link #field}: RFC 4180 quoting: a field holding a comma, quote or line break is quoted, inner
 * quotes doubled.
 *
 * <p>{@link #text}: the same, for text that may come from the input (ids, codes, organisation
 * codes), made safe to open in a spreadsheet (OWASP, "CSV Injection"): a value starting with
 * {@code =}, {@code +}, {@code -}, {@code @} (after any spaces), tab or carriage return would be taken
 * as a formula, so a single quote is put in front of it and the field is quoted; a value holding a
 * semicolon or tab is quoted, so that it stays one cell whatever the list separator. A value starting with a single quote
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
        if (formulaStart(s)) {
            return quoted("'" + s);
        }
        // Quoted too when it holds a semicolon or tab: where ';' is the list separator (much of Europe) or a
        // file is imported tab-separated, the field would otherwise split into cells, the next one starting
        // wherever the separator was (security review of issue 11, F5).
        return needsQuotes(s) || s.indexOf(';') >= 0 || s.indexOf('\t') >= 0 ? quoted(s) : s;
    }

    /**
     * Whether a spreadsheet could take {@code s} for a formula: its first character, or its first after
     * spaces (some importers trim before they evaluate), is one of {@code = + - @}, or it starts with a tab,
     * carriage return or single quote.
     */
    private static boolean formulaStart(String s) {
        char first = s.charAt(0);
        if (first == '\t' || first == '\r' || first == '\'') {
            return true;
        }
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i < s.length() && "=+-@".indexOf(s.charAt(i)) >= 0;
    }

    /**
     * Writes one line of a table: the first {@code leadingText} fields and the last {@code trailingText} as
     * {@link #text} (they may come from the input), the figures between as {@link #field}.
     */
    public static void line(java.io.Writer w, java.util.List<String> fields, int leadingText, int trailingText)
            throws java.io.IOException {
        for (int i = 0; i < fields.size(); i++) {
            w.write(i > 0 ? "," : "");
            w.write(i < leadingText || i >= fields.size() - trailingText ? text(fields.get(i)) : field(fields.get(i)));
        }
        w.write('\n');
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
