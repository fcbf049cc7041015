package org.backcheck.report;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names of treatment function codes (NHS Data Dictionary, Treatment Function Code), read from
 * {@code treatment-functions.csv} beside this class; where that list comes from, and which of its rows
 * were checked against the Dictionary, is in {@code treatment-functions.source}.
 */
final class TreatmentFunctions {

    /** What the report says of a code that is not in the list. */
    static final String NOT_LISTED = "not in the treatment function list shipped with Backcheck";

    static final String FILE = "treatment-functions.csv";

    private static final Map<String, String> NAMES = load();

    private TreatmentFunctions() {
    }

    /** The code's name, when the list has it. */
    static Optional<String> name(String code) {
        return Optional.ofNullable(NAMES.get(code));
    }

    /** The code's name, or {@link #NOT_LISTED}. */
    static String label(String code) {
        return name(code).orElse(NOT_LISTED);
    }

    private static Map<String, String> load() {
        Map<String, String> out = new TreeMap<>();
        String[] lines = ReportSources.text(FILE).split("\n");
        if (!lines[0].equals("code,name")) {
            throw new IllegalStateException("report " + FILE + ": the header must be 'code,name', not '" + lines[0] + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int comma = lines[i].indexOf(',');
            if (comma != 3 || out.put(lines[i].substring(0, 3), lines[i].substring(4)) != null) {
                throw new IllegalStateException("report " + FILE + " line " + (i + 1)
                        + ": expected a new three-character code, a comma and a name");
            }
        }
        return Map.copyOf(out);
    }
}
