package org.backcheck.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backcheck.extract.Excerpt;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;

/**
 * Which input column feeds which slot of a record: the measure's columns (all required, in the
 * classifier's order), then the id, provider, appointment date and commissioner columns when present. Names are
 * matched without regard to case, as the single-machine audit matches them.
 *
 * @param columnOfSlot for each slot, the input column's position, or -1 when the input has none
 */
record ColumnSlots(int[] columnOfSlot) implements Serializable {

    static final String PROVIDER_COLUMN = "Der_Provider_Code";
    static final String DATE_COLUMN = "Appointment_Date";
    static final String COMMISSIONER_COLUMN = "Der_Commissioner_Code";
    static final String DEFAULT_ID_COLUMN = "OPA_Ident";

    /**
     * @param names       the input's column names
     * @param idColumn    the column asked for as the id, or null for {@code OPA_Ident} when present
     */
    static ColumnSlots of(List<String> names, Measure measure, String idColumn, ColumnLookup lookup) {
        List<Column> columns = measure.columns();
        int[] slots = new int[columns.size() + 4];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            slots[i] = lookup.indexOf(names, columns.get(i).name());
            if (slots[i] < 0) {
                missing.add(columns.get(i).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableExtractException("the extract has no column " + String.join(", ", missing)
                    + " (the measure needs " + columns.stream().map(Column::name).toList() + "). Columns found: "
                    + Excerpt.ofNames(names) + ". Column names are matched without regard to case; rename the column in "
                    + "the extract if it is there under another name.");
        }
        int k = columns.size();
        slots[k] = lookup.indexOf(names, idColumn == null ? DEFAULT_ID_COLUMN : idColumn);
        if (slots[k] < 0 && idColumn != null) {
            throw new UnreadableExtractException("--id-column " + Excerpt.of(idColumn) + " is not in the extract. Columns found: "
                    + Excerpt.ofNames(names));
        }
        slots[k + 1] = lookup.indexOf(names, PROVIDER_COLUMN);
        slots[k + 2] = lookup.indexOf(names, DATE_COLUMN);
        slots[k + 3] = lookup.indexOf(names, COMMISSIONER_COLUMN);
        return new ColumnSlots(slots);
    }

    /** Finds a column by name: -1 when absent; refuses a name found twice. */
    @FunctionalInterface
    interface ColumnLookup {
        int indexOf(List<String> names, String name);

        /** Case-insensitive, as the single-machine audit reads a header. */
        ColumnLookup IGNORING_CASE = (names, name) -> {
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
        };
    }

    boolean hasProvider() {
        return columnOfSlot[columnOfSlot.length - 3] >= 0;
    }

    boolean hasDate() {
        return columnOfSlot[dateSlot()] >= 0;
    }

    boolean hasCommissioner() {
        return columnOfSlot[columnOfSlot.length - 1] >= 0;
    }

    /** The appointment date's slot. */
    int dateSlot() {
        return columnOfSlot.length - 2;
    }

    int slots() {
        return columnOfSlot.length;
    }

    /** For each of {@code columns} input columns, the slots it feeds (a column may feed two, e.g. an id that is also measured). */
    int[][] slotsOfColumn(int columns) {
        int[][] out = new int[columns][];
        for (int c = 0; c < columns; c++) {
            int col = c;
            out[c] = java.util.stream.IntStream.range(0, columnOfSlot.length).filter(s -> columnOfSlot[s] == col).toArray();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnSlots other && Arrays.equals(columnOfSlot, other.columnOfSlot);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(columnOfSlot);
    }

    @Override
    public String toString() {
        return "ColumnSlots" + Arrays.toString(columnOfSlot);
    }
}
