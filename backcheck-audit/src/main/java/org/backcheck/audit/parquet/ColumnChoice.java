package org.backcheck.audit.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.backcheck.audit.Audit;
import org.backcheck.measure.Column;

/**
 * Which columns of a Parquet extract to read: the audit needs a handful of a SUS extract's many,
 * and a column never read is never decompressed or decoded. Names match without regard to case,
 * as the CSV header's do. When a required column is missing, every column is read, so that the
 * audit's "no column X" message lists every column the file has.
 *
 * @param required names the audit cannot do without (empty with {@link #ALL})
 * @param optional names it reads when present
 */
public record ColumnChoice(Set<String> required, Set<String> optional) {

    /** Every column. */
    public static final ColumnChoice ALL = new ColumnChoice(Set.of(), Set.of());

    public ColumnChoice {
        required = Set.copyOf(required);
        optional = Set.copyOf(optional);
    }

    /**
     * The columns an audit reads: the measure's (required), the id column (required when asked for by
     * name, else OPA_Ident when present), then provider, date, commissioner and treatment function when present.
     */
    public static ColumnChoice forAudit(List<Column> measureColumns, String idColumn) {
        List<String> required = new ArrayList<>(measureColumns.stream().map(Column::name).toList());
        List<String> optional = new ArrayList<>(List.of(Audit.PROVIDER_COLUMN, Audit.DATE_COLUMN, Audit.COMMISSIONER_COLUMN,
                org.backcheck.extract.SlotLayout.TREATMENT_FUNCTION_COLUMN));
        if (idColumn != null) {
            required.add(idColumn);
        } else {
            optional.add(Audit.DEFAULT_ID_COLUMN);
        }
        return of(required, optional);
    }

    public static ColumnChoice of(List<String> required, List<String> optional) {
        return new ColumnChoice(lower(required), lower(optional));
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** The schema to read: {@code full} itself, or its chosen fields in their order. */
    MessageType of(MessageType full) {
        if (required.isEmpty()) {
            return full;
        }
        Set<String> present = full.getFields().stream().map(f -> f.getName().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!present.containsAll(required)) {
            return full;
        }
        List<Type> kept = full.getFields().stream().filter(f -> {
            String n = f.getName().toLowerCase(Locale.ROOT);
            return required.contains(n) || optional.contains(n);
        }).toList();
        return kept.size() == full.getFields().size() ? full : new MessageType(full.getName(), kept);
    }
}
