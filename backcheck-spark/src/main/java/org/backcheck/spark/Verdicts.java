package org.backcheck.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.backcheck.report.AgeBand;
import org.backcheck.report.AppointmentMonth;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * One task's judgements: classifies each record with the core {@link Classifier} and turns the
 * outcome into output rows, as the single-machine audit does (the same statuses, reasons, fields,
 * matched codes and id), and keeps the task's counts, handed out as rows at the end.
 *
 * <p>All of a task's output shares one schema ({@link #SCHEMA}), told apart by {@code kind}: a
 * {@code match} or {@code rejected} row per record that has one; and, once per task, {@code count}
 * rows (records by provider, month and status), {@code detail} rows (records by status and reason
 * or rejected field), {@code exclusion} rows (rows each exclusion applied to) and {@code figure}
 * rows (records read, blank lines, NULL-policy comparison), and the report's cells ({@code provider_cell},
 * {@code commissioner_cell} and {@code specialty_cell} rows: records by organisation or treatment function
 * code, month, age band and status, see {@link ActivityTally}).
 *
 * <p>Fields given to {@link #judge} hold the measure's columns in the classifier's order, then the
 * id, provider, appointment date, commissioner and treatment function code (as {@link
 * org.backcheck.extract.SlotLayout} orders them).
 */
final class Verdicts {

    static final String MATCH = "match";
    static final String REJECTED = "rejected";
    static final String COUNT = "count";
    static final String DETAIL = "detail";
    static final String EXCLUSION = "exclusion";
    static final String FIGURE = "figure";
    static final String PROVIDER_CELL = "provider_cell";
    static final String COMMISSIONER_CELL = "commissioner_cell";
    static final String SPECIALTY_CELL = "specialty_cell";

    static final String ROWS = "rows";
    static final String BLANK_LINES = "blank_lines";
    static final String POLICY_SENSITIVE = "policy_sensitive";
    static final String OTHER_COUNTED = "other_policy_counted";
    static final String OTHER_EXCLUDED = "other_policy_excluded";

    /** The field of a rejected row that could not be split into the header's columns. */
    static final String WHOLE_ROW = "(row)";

    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("row", DataTypes.LongType, true)
            .add("id", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("field", DataTypes.StringType, true)
            .add("matched_codes", DataTypes.StringType, true)
            .add("provider", DataTypes.StringType, true)
            .add("month", DataTypes.StringType, true)
            .add("n", DataTypes.LongType, true);

    private final Classifier classifier;
    private final Classifier.Scratch scratch;
    private final NullPolicy policy;
    private final List<String> exclusionNames;
    private final int idSlot;
    private final int providerSlot;
    private final int dateSlot;
    private final int commissionerSlot;
    private final ActivityTally providerCells = new ActivityTally(PROVIDER_CELL);
    private final ActivityTally commissionerCells = new ActivityTally(COMMISSIONER_CELL);
    private final int specialtySlot;
    private final ActivityTally specialtyCells = new ActivityTally(SPECIALTY_CELL);

    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    /** Provider to month slot to counts by status; the month rows are made when first needed. */
    private final Map<String, long[][]> byProviderMonth = new HashMap<>();
    private final long[] unmatched = new long[1];
    private final Map<List<String>, long[]> byDetail = new HashMap<>();
    private final long[] excludedByReason;
    private long rows;
    private long blankLines;
    private long policySensitive;
    private long otherCounted;
    private long otherExcluded;

    /** Text of the last provider seen, reused while the bytes repeat (extracts are often sorted by provider). */
    private byte[] lastProviderBytes = new byte[0];
    private String lastProvider = AppointmentMonth.UNKNOWN;

    Verdicts(Measure measure, NullPolicy policy) {
        this.classifier = new Classifier(measure);
        this.scratch = classifier.newScratch();
        this.policy = policy;
        this.exclusionNames = measure.exclusions().stream().map(e -> e.name()).toList();
        this.excludedByReason = new long[exclusionNames.size()];
        int k = classifier.columns().size();
        this.idSlot = k;
        this.providerSlot = k + 1;
        this.dateSlot = k + 2;
        this.commissionerSlot = k + 3;
        this.specialtySlot = k + 4;
    }

    /** Slots a record offers: the measure's columns, then id, provider, appointment date, commissioner, treatment function. */
    static int slots(Measure measure) {
        return org.backcheck.extract.SlotLayout.slots(measure.columns().size());
    }

    /**
     * Judges one record.
     *
     * @param row       its 1-based row number in the input
     * @param malformed why the record cannot be split into the header's columns, or null
     */
    void judge(long row, String malformed, Fields fields) {
        rows++;
        if (malformed != null) {
            detail(Status.REJECTED, "", WHOLE_ROW);
            ready.add(rejected(row, text(fields, idSlot), WHOLE_ROW, malformed));
            // Its fields may be shifted, so its provider and date are not to be trusted: "unknown".
            count(AppointmentMonth.UNKNOWN, AppointmentMonth.UNKNOWN_SLOT, Status.REJECTED);
            providerCells.addUnknown(AgeBand.UNKNOWN, Status.REJECTED);
            commissionerCells.addUnknown(AgeBand.UNKNOWN, Status.REJECTED);
            specialtyCells.addUnknown(AgeBand.UNKNOWN, Status.REJECTED);
            return;
        }
        Outcome outcome = classifier.classify(fields, policy, scratch);
        Status status = outcome.status();
        if (status == Status.UNMATCHED) {
            unmatched[0]++; // the common case, kept out of the map
        } else if (status == Status.REJECTED) {
            List<String> names = new ArrayList<>(2);
            List<String> reasons = new ArrayList<>(2);
            for (Outcome.Problem p : outcome.problems()) {
                names.add(p.field());
                reasons.add(p.reason());
            }
            String field = String.join(";", names);
            detail(status, "", field);
            ready.add(rejected(row, text(fields, idSlot), field, String.join("; ", reasons)));
        } else {
            String reason = String.join(";", outcome.reasons());
            detail(status, reason, "");
            matched(outcome);
            ready.add(RowFactory.create(MATCH, row, text(fields, idSlot), status.id(), reason, null,
                    String.join(";", outcome.matchedCodes()), null, null, null));
        }
        tally(fields, status, ageBand(status));
    }

    /** The age band as the single-machine audit finds it: from the age the classifier read, unless rejected. */
    private AgeBand ageBand(Status status) {
        if (status == Status.REJECTED) {
            return AgeBand.UNKNOWN;
        }
        long age = classifier.rangeValue(scratch);
        return age == Classifier.NO_VALUE ? AgeBand.UNKNOWN : AgeBand.of(age);
    }

    void blankLines(long n) {
        blankLines += n;
    }

    long rows() {
        return rows;
    }

    /** Output rows made since the last call, oldest first; null when there are none. */
    Row poll() {
        return ready.poll();
    }

    /** The task's counts, as rows of {@link #SCHEMA}. */
    List<Row> totals() {
        List<Row> out = new ArrayList<>();
        byProviderMonth.forEach((provider, months) -> {
            for (int m = 0; m < months.length; m++) {
                for (Status s : STATUSES) {
                    if (months[m] != null && months[m][s.ordinal()] > 0) {
                        out.add(RowFactory.create(COUNT, null, null, s.id(), null, null, null, provider,
                                AppointmentMonth.label(m), months[m][s.ordinal()]));
                    }
                }
            }
        });
        if (unmatched[0] > 0) {
            byDetail.put(List.of(Status.UNMATCHED.id(), "", ""), unmatched);
        }
        byDetail.forEach((key, n) -> out.add(RowFactory.create(DETAIL, null, null, key.get(0), key.get(1), key.get(2),
                null, null, null, n[0])));
        for (int i = 0; i < excludedByReason.length; i++) {
            out.add(RowFactory.create(EXCLUSION, null, null, Status.EXCLUDED.id(), exclusionNames.get(i), null, null, null,
                    null, excludedByReason[i]));
        }
        out.add(figure(ROWS, rows));
        out.add(figure(BLANK_LINES, blankLines));
        out.add(figure(POLICY_SENSITIVE, policySensitive));
        out.add(figure(OTHER_COUNTED, otherCounted));
        out.add(figure(OTHER_EXCLUDED, otherExcluded));
        providerCells.rows(out);
        commissionerCells.rows(out);
        specialtyCells.rows(out);
        return out;
    }

    /** What a counted or excluded row adds to the comparison of the two NULL policies and to the reasons. */
    private void matched(Outcome outcome) {
        Status status = outcome.status();
        if (outcome.policySensitive()) {
            policySensitive++;
        }
        boolean otherCounts = outcome.policySensitive() ? status != Status.COUNTED : status == Status.COUNTED;
        if (otherCounts) {
            otherCounted++;
        } else {
            otherExcluded++;
        }
        for (String reason : outcome.reasons()) {
            excludedByReason[exclusionNames.indexOf(reason)]++;
        }
    }

    private static Row rejected(long row, String id, String field, String reason) {
        return RowFactory.create(REJECTED, row, id, Status.REJECTED.id(), reason, field, null, null, null, null);
    }

    private static Row figure(String name, long n) {
        return RowFactory.create(FIGURE, null, null, null, null, name, null, null, null, n);
    }

    private void detail(Status status, String reason, String field) {
        byDetail.computeIfAbsent(List.of(status.id(), reason, field), k -> new long[1])[0]++; // matched or rejected rows only
    }

    private void tally(Fields fields, Status status, AgeBand band) {
        int dateLength = fields.length(dateSlot);
        int month = dateLength == 0 ? AppointmentMonth.UNKNOWN_SLOT
                : AppointmentMonth.slot(fields.bytes(dateSlot), fields.offset(dateSlot), dateLength);
        count(provider(fields), month, status);
        providerCells.add(fields.bytes(providerSlot), fields.offset(providerSlot), fields.length(providerSlot), month, band,
                status);
        commissionerCells.add(fields.bytes(commissionerSlot), fields.offset(commissionerSlot),
                fields.length(commissionerSlot), month, band, status);
        specialtyCells.add(fields.bytes(specialtySlot), fields.offset(specialtySlot), fields.length(specialtySlot), month,
                band, status);
    }

    private void count(String provider, int month, Status status) {
        long[][] months = byProviderMonth.computeIfAbsent(provider, k -> new long[AppointmentMonth.UNKNOWN_SLOT + 1][]);
        long[] counts = months[month];
        if (counts == null) {
            counts = months[month] = new long[STATUSES.length];
        }
        counts[status.ordinal()]++;
    }

    private static final Status[] STATUSES = Status.values();

    /** The provider code, trimmed and upper-cased; {@code unknown} when empty. */
    private String provider(Fields fields) {
        byte[] b = fields.bytes(providerSlot);
        int off = fields.offset(providerSlot);
        int len = fields.length(providerSlot);
        if (!java.util.Arrays.equals(b, off, off + len, lastProviderBytes, 0, lastProviderBytes.length)) {
            lastProviderBytes = java.util.Arrays.copyOfRange(b, off, off + len);
            // Upper-cased as the single-machine audit does: "rxh" and "RXH" are one organisation.
            String p = new String(lastProviderBytes, StandardCharsets.UTF_8).strip().toUpperCase(java.util.Locale.ROOT);
            lastProvider = p.isEmpty() ? AppointmentMonth.UNKNOWN : p;
        }
        return lastProvider;
    }

    /** A slot's value as the outputs show it: trimmed, empty when missing. */
    private static String text(Fields fields, int slot) {
        int len = fields.length(slot);
        return len == 0 ? "" : new String(fields.bytes(slot), fields.offset(slot), len, StandardCharsets.UTF_8).strip();
    }
}
