package org.backcheck.measure;

import java.util.List;
import java.util.Objects;

/** A whole-number value in the measure: a column, or {@code ISNULL(a, b)}. */
public sealed interface NumericValue {

    record ColumnValue(Column column) implements NumericValue {
        public ColumnValue {
            Objects.requireNonNull(column, "column");
        }
    }

    /** T-SQL {@code ISNULL(first, fallback)}: first when it is not NULL, else fallback. */
    record IsNull(NumericValue first, NumericValue fallback) implements NumericValue {
        public IsNull {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(fallback, "fallback");
        }
    }

    /** The columns read, in order of precedence. */
    default List<Column> columns() {
        if (this instanceof ColumnValue c) {
            return List.of(c.column());
        }
        IsNull n = (IsNull) this;
        var all = new java.util.ArrayList<>(n.first().columns());
        all.addAll(n.fallback().columns());
        return List.copyOf(all);
    }
}
