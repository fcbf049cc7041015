package org.backcheck.measure.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The table the SELECT reads: one to three names separated by dots ({@code opa_extract},
 * {@code dbo.opa_extract}, {@code warehouse.sus.opa_extract}). In every dialect a part may be a plain
 * identifier (letters, digits, {@code _}). T-SQL also takes what SQL Server itself takes: a temporary
 * table ({@code #opa}, {@code ##opa}, on its own) and parts in brackets ({@code [dbo].[opa 2024]}, a
 * {@code ]} inside written {@code ]]}). Anything else is refused, and no part may hold a control
 * character (a line break would end the SQL's header comment), so a name can never carry SQL of its
 * own into the statement.
 *
 * @param parts the names as the database stores them, without brackets
 */
public record TableName(List<String> parts) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TEMPORARY = Pattern.compile("##?[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_PARTS = 3;
    /** SQL Server's limit on an identifier (sysname); temporary table names are shorter still. */
    private static final int MAX_PART_LENGTH = 128;

    public TableName {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw invalid(String.join(".", parts), false);
        }
        for (String part : parts) {
            Objects.requireNonNull(part, "part");
            if (part.isEmpty() || part.length() > MAX_PART_LENGTH || part.isBlank()
                    || part.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isISOControl(c))) {
                throw invalid(String.join(".", parts), true);
            }
            if (part.startsWith("#") && parts.size() > 1) {
                throw new IllegalArgumentException("not a table name: '" + String.join(".", parts) + "'. A temporary table"
                        + " (#name or ##name) is named on its own, without a schema or database");
            }
        }
    }

    /** Reads {@code name} or {@code schema.name} (or {@code catalog.schema.name}) of plain identifiers, as every dialect takes them. */
    public static TableName parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> parts = List.of(text.split("\\.", -1));
        for (String part : parts) {
            if (!PLAIN.matcher(part).matches()) {
                throw invalid(text, false);
            }
        }
        return new TableName(parts);
    }

    /** Reads a table name as {@code dialect} takes it: T-SQL's own forms only for T-SQL, plain identifiers elsewhere. */
    public static TableName parse(String text, SqlDialect dialect) {
        Objects.requireNonNull(text, "text");
        if (dialect != SqlDialect.TSQL) {
            if (text.startsWith("#") || text.contains("[")) {
                throw new IllegalArgumentException("not a table name: '" + text + "'. #temporary tables and [bracketed]"
                        + " names are T-SQL's: use them with --dialect tsql; for " + dialect.label() + " give plain names"
                        + " such as sus.opa_extract (letters, digits and _)");
            }
            return parse(text);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw invalid(text, true);
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '[') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw invalid(text, true);  // no closing bracket
                    }
                    char c = text.charAt(i++);
                    if (c == ']') {
                        if (i < text.length() && text.charAt(i) == ']') {
                            part.append(']');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
            } else {
                int end = text.indexOf('.', i);
                String bare = text.substring(i, end < 0 ? text.length() : end);
                if (!PLAIN.matcher(bare).matches() && !TEMPORARY.matcher(bare).matches()) {
                    throw invalid(text, true);
                }
                part.append(bare);
                i += bare.length();
            }
            parts.add(part.toString());
            if (i == text.length()) {
                return new TableName(parts);
            }
            if (text.charAt(i) != '.') {
                throw invalid(text, true);
            }
            i++;
        }
    }

    /** The name quoted as the dialect quotes identifiers, e.g. {@code [dbo].[opa_extract]}. */
    public String quoted(SqlDialect dialect) {
        if (dialect != SqlDialect.TSQL && !parts.stream().allMatch(p -> PLAIN.matcher(p).matches())) {
            throw new IllegalArgumentException("the table name " + this + " is T-SQL's own: " + dialect.label()
                    + " takes plain names (letters, digits and _)");
        }
        return parts.stream().map(p -> dialect == SqlDialect.TSQL && TEMPORARY.matcher(p).matches() ? p
                : dialect.quoteIdentifier(p)).collect(Collectors.joining("."));
    }

    /** The name as given: plain and temporary parts as they are, any other part in T-SQL's brackets. */
    @Override
    public String toString() {
        return parts.stream().map(p -> PLAIN.matcher(p).matches() || TEMPORARY.matcher(p).matches() ? p
                : SqlDialect.TSQL.quoteIdentifier(p)).collect(Collectors.joining("."));
    }

    private static IllegalArgumentException invalid(String text, boolean tsql) {
        String shown = text.chars().anyMatch(Character::isISOControl) ? text.replaceAll("\\p{Cntrl}", "?") : text;
        return new IllegalArgumentException("not a table name: '" + shown + "'. Give a plain name such as opa_extract, "
                + "or a schema and a name such as dbo.opa_extract: at most " + MAX_PARTS
                + " parts separated by dots, each made of letters, digits and _ and not starting with a digit"
                + (tsql ? "; for T-SQL also a temporary table (#opa, ##opa) or parts in brackets ([dbo].[opa 2024],"
                        + " a ] inside written ]]), at most " + MAX_PART_LENGTH + " characters each, no control characters"
                        : ""));
    }
}
