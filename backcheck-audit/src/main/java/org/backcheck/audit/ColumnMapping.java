package org.backcheck.audit;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.classify.Classifier;
import org.backcheck.extract.Excerpt;
import org.backcheck.measure.Column;

/**
 * Which header column feeds which scanner slot: the measure's columns (all required, matched
 * without regard to case, each at most once), then the id, provider, date and commissioner columns when present.
 * A column may feed two slots (e.g. {@code --id-column Der_Procedure_All}): the second is copied.
 */
final class ColumnMapping {

    private ColumnMapping() {
    }

    static RecordScanner.Layout layout(Header header, Classifier classifier, String requestedIdColumn) {
        List<Column> columns = classifier.columns();
        int[] slotOf = new int[header.names().size()];
        java.util.Arrays.fill(slotOf, -1);
        List<String> missing = new ArrayList<>();
        for (int slot = 0; slot < columns.size(); slot++) {
            int at = uniqueIndex(header, columns.get(slot).name());
            if (at < 0) {
                missing.add(columns.get(slot).name());
            } else {
                slotOf[at] = slot;
            }
        }
        if (missing.size() == columns.size()) {
            // Not one of the names: most likely no header at all, and the first line is a data row,
            // which is not quoted (it carries patient identifiers).
            throw new ExtractFormatException("the first line names none of the columns the measure needs ("
                    + columns.stream().map(Column::name).toList() + "); it has " + header.names().size()
                    + " field(s). Is the header row missing? The extract needs a header line naming its columns.");
        }
        if (!missing.isEmpty()) {
            throw new ExtractFormatException("the extract has no column " + String.join(", ", missing)
                    + " (the measure needs " + columns.stream().map(Column::name).toList() + "). Columns found: "
                    + found(header) + ". Column names are matched without regard to case; rename the column in "
                    + "the extract if it is there under another name.");
        }
        String idColumn = requestedIdColumn == null ? Audit.DEFAULT_ID_COLUMN : requestedIdColumn;
        int id = uniqueIndex(header, idColumn);
        if (id < 0 && requestedIdColumn != null) {
            throw new ExtractFormatException("--id-column " + Excerpt.of(idColumn) + " is not in the extract. Columns found: "
                    + found(header));
        }
        List<int[]> aliases = new ArrayList<>();
        assign(slotOf, id, RecordScanner.idSlot(classifier), aliases);
        assign(slotOf, uniqueIndex(header, Audit.PROVIDER_COLUMN), RecordScanner.providerSlot(classifier), aliases);
        assign(slotOf, uniqueIndex(header, Audit.DATE_COLUMN), RecordScanner.dateSlot(classifier), aliases);
        assign(slotOf, uniqueIndex(header, Audit.COMMISSIONER_COLUMN), RecordScanner.commissionerSlot(classifier), aliases);
        return new RecordScanner.Layout(slotOf, header.names().size(), RecordScanner.measureSlots(classifier),
                aliases.stream().mapToInt(a -> a[0]).toArray(), aliases.stream().mapToInt(a -> a[1]).toArray());
    }

    /** Column {@code column} feeds {@code slot}; when it already feeds another slot, by copying from that one. */
    private static void assign(int[] slotOf, int column, int slot, List<int[]> aliases) {
        if (column < 0) {
            return;
        }
        if (slotOf[column] < 0) {
            slotOf[column] = slot;
        } else {
            aliases.add(new int[] {slotOf[column], slot});
        }
    }

    /** The header's names as an error message may quote them: a bounded, escaped excerpt. */
    private static String found(Header header) {
        return Excerpt.ofNames(header.names());
    }

    private static int uniqueIndex(Header header, String name) {
        int found = -1;
        for (int i = 0; i < header.names().size(); i++) {
            if (header.names().get(i).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new ExtractFormatException("the extract has two columns named " + name
                            + " (columns " + (found + 1) + " and " + (i + 1) + "); keep one");
                }
                found = i;
            }
        }
        return found;
    }
}
