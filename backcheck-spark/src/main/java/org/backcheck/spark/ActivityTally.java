package org.backcheck.spark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.backcheck.report.AgeBand;
import org.backcheck.report.AppointmentMonth;
import org.backcheck.classify.Status;

/**
 * One task's records by organisation (provider or commissioner), month and age band, per status:
 * the cells of the report's {@link org.backcheck.report.Activity}, keyed as the single-machine audit
 * keys them (the code trimmed and upper-cased, {@code unknown} when empty).
 */
final class ActivityTally {

    private static final AgeBand[] BANDS = AgeBand.values();
    private static final Status[] STATUSES = Status.values();

    private final String kind;
    /** Organisation to month slot to counts indexed band × status; a month's array is made when first needed. */
    private final Map<String, long[][]> cells = new HashMap<>();

    /** The last organisation's bytes and key, reused while the bytes repeat (extracts are often sorted). */
    private byte[] lastBytes = new byte[0];
    private String lastKey = AppointmentMonth.UNKNOWN;

    /** @param kind the {@code kind} of the rows this tally hands out */
    ActivityTally(String kind) {
        this.kind = kind;
    }

    /** Adds one record; an empty code (length 0) counts under {@code unknown}. */
    void add(byte[] b, int off, int len, int monthSlot, AgeBand band, Status status) {
        long[][] months = cells.computeIfAbsent(key(b, off, len), k -> new long[AppointmentMonth.UNKNOWN_SLOT + 1][]);
        long[] c = months[monthSlot];
        if (c == null) {
            c = months[monthSlot] = new long[BANDS.length * STATUSES.length];
        }
        c[band.ordinal() * STATUSES.length + status.ordinal()]++;
    }

    /** Adds one record that has no trustworthy organisation nor month (a row that could not be split). */
    void addUnknown(AgeBand band, Status status) {
        add(null, 0, 0, AppointmentMonth.UNKNOWN_SLOT, band, status);
    }

    /**
     * The counts as rows of {@link Verdicts#SCHEMA}: the organisation in {@code provider}, the month
     * label in {@code month}, the age band's label in {@code field}, the status in {@code status}.
     */
    void rows(List<Row> out) {
        cells.forEach((org, months) -> {
            for (int m = 0; m < months.length; m++) {
                long[] c = months[m];
                if (c == null) {
                    continue;
                }
                for (int i = 0; i < c.length; i++) {
                    if (c[i] > 0) {
                        out.add(RowFactory.create(kind, null, null, STATUSES[i % STATUSES.length].id(), null,
                                BANDS[i / STATUSES.length].label(), null, org, AppointmentMonth.label(m), c[i]));
                    }
                }
            }
        });
    }

    private String key(byte[] b, int off, int len) {
        if (len == 0) {
            return AppointmentMonth.UNKNOWN;
        }
        if (!Arrays.equals(b, off, off + len, lastBytes, 0, lastBytes.length)) {
            lastBytes = Arrays.copyOfRange(b, off, off + len);
            // NHS organisation codes are upper case; "rxh" and "RXH" are one organisation.
            String code = new String(lastBytes, StandardCharsets.UTF_8).strip().toUpperCase(Locale.ROOT);
            lastKey = code.isEmpty() ? AppointmentMonth.UNKNOWN : code;
        }
        return lastKey;
    }
}
