package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backcheck.classify.Status;

/**
 * Records by treatment function ({@code Treatment_Function_Code}, the specialty of the clinic), whole
 * extract, all months: the report's breakdown by specialty. Codes are shown as the extract holds them
 * (trimmed, upper-cased), with their names from the Data Dictionary's list ({@link TreatmentFunctions});
 * rows without a code are "unknown", last.
 *
 * @param present whether the extract has the column (else there is no breakdown)
 * @param rows    one row per code, in code order, "unknown" last
 */
public record Specialties(boolean present, List<Row> rows) {

    public Specialties {
        rows = List.copyOf(rows);
    }

    /** One treatment function code. */
    public record Row(String code, String name, StatusCounts counts) {
        /** Whether the code is in the list of names. */
        public boolean listed() {
            return TreatmentFunctions.name(code).isPresent();
        }
    }

    static Specialties of(Activity activity) {
        if (!activity.hasSpecialty()) {
            return new Specialties(false, List.of());
        }
        Map<String, long[]> sums = new TreeMap<>();
        for (Activity.Cell c : activity.specialties()) {
            c.addTo(sums.computeIfAbsent(c.organisation(), k -> new long[Status.values().length]));
        }
        List<Row> rows = new ArrayList<>();
        sums.forEach((code, c) -> {
            if (!code.equals(ImagingReport.UNKNOWN)) {
                rows.add(new Row(code, TreatmentFunctions.label(code), StatusCounts.of(c)));
            }
        });
        long[] unknown = sums.get(ImagingReport.UNKNOWN);
        if (unknown != null) {
            rows.add(new Row(ImagingReport.UNKNOWN, "no treatment function code", StatusCounts.of(unknown)));
        }
        return new Specialties(true, rows);
    }
}
