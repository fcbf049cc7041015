package org.backcheck.measure;

import java.util.Locale;
import java.util.Objects;

/**
 * A column named by the measure, as written (with any table alias such as {@code opa.}).
 * Columns compare by name without regard to case, as SQL Server compares identifiers.
 */
public record Column(String alias, String name) {

    public Column {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name must not be blank");
        }
    }

    /** The key used to find the column in an extract header: the name, lower-cased. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The column as written in the definition, e.g. {@code opa.Der_Procedure_All}. */
    public String qualifiedName() {
        return alias == null ? name : alias + "." + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column other && other.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }
}
