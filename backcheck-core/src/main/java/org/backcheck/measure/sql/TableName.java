package org.backcheck.measure.sql;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The table the SELECT reads: one to three plain identifiers separated by dots ({@code opa_extract},
 * {@code dbo.opa_extract}, {@code warehouse.sus.opa_extract}). Anything else is refused, so a name
 * can never carry SQL of its own into the statement.
 */
public record TableName(List<String> parts) {

    private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_PARTS = 3;
    private static final int MAX_PART_LENGTH = 128;

    public TableName {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw invalid(String.join(".", parts));
        }
        for (String part : parts) {
            Objects.requireNonNull(part, "part");
            if (!PART.matcher(part).matches() || part.length() > MAX_PART_LENGTH) {
                throw invalid(String.join(".", parts));
            }
        }
    }

    /** Reads {@code name} or {@code schema.name} (or {@code catalog.schema.name}). */
    public static TableName parse(String text) {
        Objects.requireNonNull(text, "text");
        return new TableName(List.of(text.split("\\.", -1)));
    }

    /** The name quoted as the dialect quotes identifiers, e.g. {@code [dbo].[opa_extract]}. */
    public String quoted(SqlDialect dialect) {
        return parts.stream().map(dialect::quoteIdentifier).collect(Collectors.joining("."));
    }

    @Override
    public String toString() {
        return String.join(".", parts);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a table name: '" + text + "'. Give a plain name such as opa_extract, "
                + "or a schema and a name such as dbo.opa_extract: at most " + MAX_PARTS
                + " parts separated by dots, each made of letters, digits and _ and not starting with a digit");
    }
}
