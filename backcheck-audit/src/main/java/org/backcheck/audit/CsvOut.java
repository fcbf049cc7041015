package org.backcheck.audit;

/** Quoting for the CSV files Backcheck writes (RFC 4180: quote when needed, double inner quotes). */
final class CsvOut {

    private CsvOut() {
    }

    static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        boolean needs = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                needs = true;
                break;
            }
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
