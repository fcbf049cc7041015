package org.backcheck.measure.sql;

/**
 * The rule for a numeric field (the ages), as SQL: the field is empty, or an optional sign and at
 * most 18 digits (ASCII 0-9), with spaces around allowed, whose value fits SQL Server's {@code int};
 * anything else cannot be read and rejects the row. This is what the engine's whole-number reader
 * accepts ({@code org.backcheck.classify.WholeNumber}), with the same problem texts, checked in the
 * same order: nothing after the sign, more than 18 characters after it, a character that is not a
 * digit, a value out of range.
 *
 * <p>The rule is written out instead of being left to a cast, because engines' casts from text to
 * a number disagree on what they accept (tabs and line breaks around the digits, a decimal point,
 * digits other than ASCII 0-9), and T-SQL's {@code TRY_CAST} answers NULL where others fail. The cast
 * here runs only on text already checked, so every engine reads it the same way.
 */
final class WholeNumberSql {

    static final String NOT_A_WHOLE_NUMBER = "not a whole number";
    static final String TOO_LONG = "number too long";
    static final String OUT_OF_RANGE = "outside the range of a whole-number column";
    static final int MAX_DIGITS = 18;

    private final SqlDialect dialect;

    WholeNumberSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The raw field without surrounding spaces; NULL when nothing is left. */
    String trimmed(String raw) {
        return "NULLIF(" + dialect.trimSpaces(raw) + ", '')";
    }

    /** The trimmed field without a leading + or -. */
    String digits(String trimmed) {
        return "CASE WHEN " + dialect.firstCharacter(trimmed) + " IN ('+', '-')\n"
                + "     THEN " + dialect.withoutFirstCharacter(trimmed) + "\n"
                + "     ELSE " + trimmed + " END";
    }

    /** NULL when the field is readable (a number or NULL), else {@code '<field>: <problem>'}. */
    String problem(String field, String trimmed, String digits) {
        String prefix = field + ": ";
        return "CASE\n"
                + "    WHEN " + digits + " IS NULL THEN NULL\n"
                + "    WHEN " + digits + " = '' THEN " + dialect.literal(prefix + NOT_A_WHOLE_NUMBER) + "\n"
                + "    WHEN " + dialect.byteLength(digits) + " > " + MAX_DIGITS + " THEN " + dialect.literal(prefix + TOO_LONG) + "\n"
                + "    WHEN " + dialect.hasNonDigit(digits) + " THEN " + dialect.literal(prefix + NOT_A_WHOLE_NUMBER) + "\n"
                + "    WHEN " + dialect.toBigint(trimmed) + " NOT BETWEEN " + Integer.MIN_VALUE + " AND " + Integer.MAX_VALUE + "\n"
                + "        THEN " + dialect.literal(prefix + OUT_OF_RANGE) + "\n"
                + "END";
    }

    /** The field's value as a whole number; NULL when it is NULL or cannot be read. */
    String value(String trimmed, String problem) {
        return "CASE WHEN " + problem + " IS NULL\n     THEN " + dialect.toBigint(trimmed) + " END";
    }
}
