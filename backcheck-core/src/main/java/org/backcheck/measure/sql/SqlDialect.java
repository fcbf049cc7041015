package org.backcheck.measure.sql;

import java.util.List;

/**
 * The SQL dialects {@link MeasureSql} writes, and the few pieces of SQL that differ between them.
 * Everything here is the same operation spelled four ways; what the operation must do is decided
 * in the classes that use it.
 */
public enum SqlDialect {
    /** SQL Server, as NCDR and UDAL run it: the published script's own dialect. */
    TSQL("tsql", "SQL Server (T-SQL)"),
    POSTGRES("postgres", "PostgreSQL"),
    DUCKDB("duckdb", "DuckDB"),
    /** Spark SQL, as Databricks and {@code spark-sql} run it. */
    SPARK("spark", "Spark SQL");

    private final String id;
    private final String label;

    SqlDialect(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used on the command line: {@code tsql}, {@code postgres}, {@code duckdb}, {@code spark}. */
    public String id() {
        return id;
    }

    /** The name for people. */
    public String label() {
        return label;
    }

    public static SqlDialect fromId(String id) {
        for (SqlDialect d : values()) {
            if (d.id.equalsIgnoreCase(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown SQL dialect '" + id + "': expected tsql, postgres, duckdb or spark");
    }

    /** True for T-SQL, where the WHEN clause and the exclusion tests are written as published. */
    boolean keepsPublishedText() {
        return this == TSQL;
    }

    /** A string literal. Spark SQL reads backslash escapes in literals; the others read them as text. */
    String literal(String text) {
        return switch (this) {
            case SPARK -> "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
            case TSQL -> (text.chars().anyMatch(c -> c > 127) ? "N'" : "'") + text.replace("'", "''") + "'";
            default -> "'" + text.replace("'", "''") + "'";
        };
    }

    /**
     * One part of a table name, quoted. {@link TableName} gives the other dialects only letters, digits
     * and _; T-SQL's brackets may hold any printable text, a {@code ]} in it written twice.
     */
    String quoteIdentifier(String part) {
        return switch (this) {
            case TSQL -> "[" + part.replace("]", "]]") + "]";
            case SPARK -> "`" + part + "`";
            default -> "\"" + part + "\"";
        };
    }

    /** Joins a subquery that reads the columns of the tables before it, once per row. */
    String lateralJoin() {
        return this == TSQL ? "CROSS APPLY" : "CROSS JOIN LATERAL";
    }

    /** The text without trailing spaces (0x20 only, as T-SQL's RTRIM). */
    String rtrimSpaces(String expr) {
        return switch (this) {
            case TSQL -> "RTRIM(" + expr + ")";
            case SPARK -> "trim(TRAILING ' ' FROM " + expr + ")";
            default -> "rtrim(" + expr + ", ' ')";
        };
    }

    /** The text without leading and trailing spaces (0x20 only; a tab is not a space here). */
    String trimSpaces(String expr) {
        return switch (this) {
            case TSQL -> "LTRIM(RTRIM(" + expr + "))";
            case POSTGRES -> "btrim(" + expr + ", ' ')";
            case DUCKDB -> "trim(" + expr + ", ' ')";
            case SPARK -> "trim(BOTH ' ' FROM " + expr + ")";
        };
    }

    String firstCharacter(String expr) {
        return this == TSQL ? "LEFT(" + expr + ", 1)" : "left(" + expr + ", 1)";
    }

    String withoutFirstCharacter(String expr) {
        return this == TSQL ? "STUFF(" + expr + ", 1, 1, '')" : "substr(" + expr + ", 2)";
    }

    /**
     * The length of a text in UTF-8 bytes, as the Java engine counts the digits of an age. T-SQL has
     * no such function for every column type, so LEN (characters) stands in: the two agree on ASCII,
     * and otherwise differ only in which of two rejection reasons an unreadable age gets.
     */
    String byteLength(String expr) {
        return switch (this) {
            case TSQL -> "LEN(" + expr + ")";
            case DUCKDB -> "strlen(" + expr + ")";
            default -> "octet_length(" + expr + ")";
        };
    }

    /** TRUE when the (non-empty) text holds anything but the ASCII digits 0 to 9. */
    String hasNonDigit(String expr) {
        return this == TSQL
                ? expr + " COLLATE Latin1_General_BIN LIKE '%[^0-9]%'"
                : "translate(" + expr + ", '0123456789', '') <> ''";
    }

    /** A text already checked to be an optional sign and at most 18 digits, as a 64-bit integer. */
    String toBigint(String expr) {
        return switch (this) {
            case TSQL -> "TRY_CAST(" + expr + " AS bigint)";
            case POSTGRES -> "CAST(" + expr + " AS bigint)";
            case DUCKDB -> "TRY_CAST(" + expr + " AS BIGINT)";
            case SPARK -> "try_cast(" + expr + " AS BIGINT)";
        };
    }

    /** T-SQL's {@code ISNULL(a, b)}: a when it is not NULL, else b. */
    String firstNonNull(String first, String fallback) {
        return (this == TSQL ? "ISNULL(" : "COALESCE(") + first + ", " + fallback + ")";
    }

    /** The values that are not NULL, joined by {@code separator}; '' when all are NULL. */
    String joinNonNull(String separator, List<String> values) {
        if (values.size() == 1) {
            return "COALESCE(" + values.get(0) + ", '')";
        }
        return (this == TSQL ? "CONCAT_WS(" : "concat_ws(") + literal(separator) + ", " + String.join(", ", values) + ")";
    }

    /** {@code expr} matches (or, negated, does not match) the regular expression somewhere; NULL stays UNKNOWN. */
    String regexMatch(String expr, String regex, boolean negated) {
        return switch (this) {
            case POSTGRES -> expr + (negated ? " !~ " : " ~ ") + literal(regex);
            case DUCKDB -> (negated ? "NOT " : "") + "regexp_matches(" + expr + ", " + literal(regex) + ")";
            case SPARK -> expr + (negated ? " NOT RLIKE " : " RLIKE ") + literal(regex);
            case TSQL -> throw new IllegalStateException("T-SQL keeps the published LIKE");
        };
    }

    /** The text without leading spaces (0x20 only), as the audit reads an appointment date. */
    String ltrimSpaces(String expr) {
        return switch (this) {
            case TSQL -> "LTRIM(" + expr + ")";
            case SPARK -> "trim(LEADING ' ' FROM " + expr + ")";
            default -> "ltrim(" + expr + ", ' ')";
        };
    }

    /** The text without the leading and trailing characters given by their code points (all below 128). */
    String trimCharacters(String expr, int[] codePoints) {
        List<String> chars = java.util.Arrays.stream(codePoints).mapToObj(c -> (this == TSQL ? "CHAR(" : "chr(") + c + ")").toList();
        String set = (this == TSQL ? "CONCAT(" : "concat(") + String.join(", ", chars) + ")";
        return switch (this) {
            case TSQL -> "TRIM(" + set + " FROM " + expr + ")";
            case POSTGRES -> "btrim(" + expr + ", " + set + ")";
            case DUCKDB -> "trim(" + expr + ", " + set + ")";
            case SPARK -> "trim(BOTH " + set + " FROM " + expr + ")";
        };
    }

    String upper(String expr) {
        return (this == TSQL ? "UPPER(" : "upper(") + expr + ")";
    }

    /** {@code length} characters of the text from position {@code start} (the first is 1). */
    String substring(String expr, int start, int length) {
        return (this == TSQL ? "SUBSTRING(" : "substr(") + expr + ", " + start + ", " + length + ")";
    }

    String concat(List<String> parts) {
        return (this == TSQL ? "CONCAT(" : "concat(") + String.join(", ", parts) + ")";
    }

    /** A text of ASCII digits only, as an integer. */
    String digitsToInt(String expr) {
        return (this == TSQL ? "CAST(" : "cast(") + expr + " AS int)";
    }

    /**
     * Whether the text starts with what a regular expression (anchored with ^) matches, in the
     * dialects that have regular expressions. {@code $} ends the text in PostgreSQL and RE2; Java's
     * (Spark's) {@code $} would also match before a final line break, so Spark gets {@code \z}.
     */
    String startsWithRegex(String expr, String regex) {
        return regexMatch(expr, this == SPARK ? regex.replace("$", "\\z") : regex, false);
    }
}
