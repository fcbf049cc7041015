package org.backcheck.extract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backcheck.measure.Column;

/**
 * Which input column feeds which <em>slot</em> of a record. The slots are the measure's columns first
 * (all required, in the classifier's field order), then the id, provider, appointment date,
 * commissioner and treatment function columns, each when the input has it. Names are matched without regard to case; a
 * name found twice is refused. One column may feed two slots (an id column that is also a measure
 * column, say, with {@code --id-column Der_Procedure_All}).
 *
 * @param columnOfSlot for each slot, the input column's position, or -1 when the input has none
 * @param columnCount  how many columns the input has (a record must have as many fields)
 */
public record SlotLayout(int[] columnOfSlot, int columnCount) implements Serializable {

    public static final String PROVIDER_COLUMN = "Der_Provider_Code";
    public static final String DATE_COLUMN = "Appointment_Date";
    public static final String COMMISSIONER_COLUMN = "Der_Commissioner_Code";
    public static final String DEFAULT_ID_COLUMN = "OPA_Ident";
    /** The specialty of the clinic (NHS Data Dictionary: Treatment Function Code), for the report's breakdown. */
    public static final String TREATMENT_FUNCTION_COLUMN = "Treatment_Function_Code";

    /** Slots after the measure's columns: id, provider, date, commissioner, treatment function. */
    private static final int EXTRA_SLOTS = 5;

    /**
     * The layout for a header line. A header that names none of the measure's columns is most
     * likely no header at all (the first line is a data row), and is refused as such, without
     * quoting it: a data row carries patient identifiers.
     *
     * @param idColumn the column asked for as the id, or null for {@value #DEFAULT_ID_COLUMN} when present
     */
    public static SlotLayout ofHeader(Header header, List<Column> measureColumns, String idColumn) {
        boolean none = true;
        for (Column c : measureColumns) {
            if (uniqueIndex(header.names(), c.name()) >= 0) {
                none = false;
                break;
            }
        }
        if (none) {
            throw new UnreadableExtractException("the first line names none of the columns the measure needs ("
                    + names(measureColumns) + "); it has " + header.names().size()
                    + " field(s). Is the header row missing? The extract needs a header line naming its columns.");
        }
        return of(header.names(), measureColumns, idColumn);
    }

    /**
     * The layout for an input's column names (a header's, or a Parquet schema's).
     *
     * @param idColumn the column asked for as the id, or null for {@value #DEFAULT_ID_COLUMN} when present
     * @throws UnreadableExtractException when a measure column or the asked-for id column is missing, or a name is
     *                                    found twice
     */
    public static SlotLayout of(List<String> names, List<Column> measureColumns, String idColumn) {
        int k = measureColumns.size();
        int[] slots = new int[k + EXTRA_SLOTS];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            slots[i] = uniqueIndex(names, measureColumns.get(i).name());
            if (slots[i] < 0) {
                missing.add(measureColumns.get(i).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableExtractException("the extract has no column " + String.join(", ", missing)
                    + " (the measure needs " + names(measureColumns) + "). Columns found: "
                    + Excerpt.ofNames(names) + ". Column names are matched without regard to case; rename the column in "
                    + "the extract if it is there under another name.");
        }
        slots[k] = uniqueIndex(names, idColumn == null ? DEFAULT_ID_COLUMN : idColumn);
        if (slots[k] < 0 && idColumn != null) {
            throw new UnreadableExtractException("--id-column " + Excerpt.of(idColumn) + " is not in the extract. Columns found: "
                    + Excerpt.ofNames(names));
        }
        slots[k + 1] = uniqueIndex(names, PROVIDER_COLUMN);
        slots[k + 2] = uniqueIndex(names, DATE_COLUMN);
        slots[k + 3] = uniqueIndex(names, COMMISSIONER_COLUMN);
        slots[k + 4] = uniqueIndex(names, TREATMENT_FUNCTION_COLUMN);
        return new SlotLayout(slots, names.size());
    }

    /** A layout with no slots: for a parser that only finds where records end. */
    public static SlotLayout none(int columnCount) {
        return new SlotLayout(new int[0], columnCount);
    }

    /** How many slots there are for a measure of {@code measureColumns} columns. */
    public static int slots(int measureColumns) {
        return measureColumns + EXTRA_SLOTS;
    }

    public int slots() {
        return columnOfSlot.length;
    }

    public int idSlot() {
        return columnOfSlot.length - EXTRA_SLOTS;
    }

    public int providerSlot() {
        return idSlot() + 1;
    }

    /** The appointment date's slot. */
    public int dateSlot() {
        return idSlot() + 2;
    }

    public int commissionerSlot() {
        return idSlot() + 3;
    }

    /** The treatment function code's slot. */
    public int treatmentFunctionSlot() {
        return idSlot() + 4;
    }

    public boolean hasProvider() {
        return columnOfSlot[providerSlot()] >= 0;
    }

    public boolean hasDate() {
        return columnOfSlot[dateSlot()] >= 0;
    }

    public boolean hasCommissioner() {
        return columnOfSlot[commissionerSlot()] >= 0;
    }

    public boolean hasTreatmentFunction() {
        return columnOfSlot[treatmentFunctionSlot()] >= 0;
    }

    /**
     * For each input column, the first slot it feeds, or -1: what the parser fills as it splits a
     * record. A column's further slots are {@link #copies()}.
     */
    public int[] firstSlotOfColumn() {
        int[] first = new int[columnCount];
        Arrays.fill(first, -1);
        for (int slot = 0; slot < columnOfSlot.length; slot++) {
            int column = columnOfSlot[slot];
            if (column >= 0 && first[column] < 0) {
                first[column] = slot;
            }
        }
        return first;
    }

    /**
     * The slots filled by copying, as pairs {@code {from, to}}: slot {@code to} gets what slot
     * {@code from} (the first slot of the same column) got.
     */
    int[][] copies() {
        int[] first = firstSlotOfColumn();
        List<int[]> copies = new ArrayList<>();
        for (int slot = 0; slot < columnOfSlot.length; slot++) {
            int column = columnOfSlot[slot];
            if (column >= 0 && first[column] != slot) {
                copies.add(new int[] {first[column], slot});
            }
        }
        return copies.toArray(new int[0][]);
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).toList().toString();
    }

    /** Position of the column named {@code name} (ignoring case), or -1; refuses a name found twice. */
    private static int uniqueIndex(List<String> names, String name) {
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new UnreadableExtractException("the extract has two columns named " + name
                            + " (columns " + (found + 1) + " and " + (i + 1) + "); keep one");
                }
                found = i;
            }
        }
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotLayout other && columnCount == other.columnCount
                && Arrays.equals(columnOfSlot, other.columnOfSlot);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(columnOfSlot) + columnCount;
    }

    @Override
    public String toString() {
        return "SlotLayout" + Arrays.toString(columnOfSlot) + " of " + columnCount + " columns";
    }
}
