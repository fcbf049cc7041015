package org.backcheck.measure.sql;

import java.util.List;

/**
 * The keys a row is grouped by, written as the audit derives them, so that a grouped query gives
 * the figures of {@code aggregates.csv}:
 * <ul>
 *   <li>an organisation code as {@code Tally.mergeInto} (backcheck-audit) and {@code ActivityTally}
 *       (backcheck-spark) read it: without surrounding white space ({@link String#strip}), in capitals,
 *       {@code unknown} when that leaves nothing or the field is NULL;</li>
 *   <li>the month of {@code Appointment_Date} as {@code AppointmentMonth.slot} (backcheck-report) reads
 *       it: after leading spaces, {@code yyyy-MM-dd}, {@code dd/MM/yyyy} (anything after the date
 *       ignored) or {@code yyyyMMdd} (alone, or followed by a space or {@code T}), a day that exists in
 *       that month, years 1990 to 2089; labelled {@code yyyy-MM}, anything else {@code unknown}.</li>
 * </ul>
 * The three date forms exclude each other (each needs a digit where the others need a separator),
 * so the order AppointmentMonth tries them in does not matter here. Differences that remain are in
 * docs/sql.md: white space outside ASCII is not stripped from codes, and letters outside ASCII are
 * put in capitals by each database's own rules.
 */
final class GroupKeySql {

    static final String DATE_TEXT = "appointment_text";
    static final String DATE_DIGITS = "appointment_day";
    static final String DATE_PARTS = "appointment_ymd";
    static final String MONTH = "appointment_month";
    static final List<String> STAGES = List.of(DATE_TEXT, DATE_DIGITS, DATE_PARTS, MONTH);
    static final String UNKNOWN = "unknown";
    static final int FIRST_YEAR = 1990;
    static final int LAST_YEAR = 2089;

    /**
     * The ASCII characters {@link Character#isWhitespace} (and so {@link String#strip}) takes for
     * white space: tab, line feed, vertical tab, form feed, carriage return, the four separators
     * 0x1C to 0x1F, and space.
     */
    private static final int[] ASCII_WHITE_SPACE = {9, 10, 11, 12, 13, 28, 29, 30, 31, 32};

    private final SqlDialect dialect;

    GroupKeySql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** An organisation code of the row ({@code column} of {@code source}) as the audit labels it. */
    String organisation(String source, String column) {
        String trimmed = dialect.trimCharacters(source + "." + column, ASCII_WHITE_SPACE);
        String code = "COALESCE(NULLIF(" + dialect.upper(trimmed) + ", ''), '" + UNKNOWN + "')";
        // A case-insensitive collation (NCDR's) would group the code UNKNOWN with the rows that have none.
        return dialect == SqlDialect.TSQL ? code + " COLLATE Latin1_General_BIN2" : code;
    }

    /** The column that holds the month label once {@link #monthStages} are joined. */
    String month() {
        return MONTH + ".month";
    }

    /** The stages that read the month of the row's appointment date ({@code column} of {@code source}). */
    List<Stage> monthStages(String source, String column) {
        String text = DATE_TEXT + ".date_text";
        String digits = DATE_DIGITS + ".digits";
        String y = DATE_PARTS + ".y";
        String m = DATE_PARTS + ".m";
        String d = DATE_PARTS + ".d";
        String daysInMonth = "CASE WHEN " + m + " = 2 THEN CASE WHEN " + y + " % 4 = 0 AND (" + y + " % 100 <> 0 OR " + y
                + " % 400 = 0) THEN 29 ELSE 28 END\n     WHEN " + m + " IN (4, 6, 9, 11) THEN 30 ELSE 31 END";
        return List.of(
                new Stage(DATE_TEXT, "The appointment date without leading spaces.",
                        List.of(dialect.ltrimSpaces(source + "." + column) + " AS date_text")),
                new Stage(DATE_DIGITS, "Its year, month and day as yyyyMMdd, when it is written yyyy-MM-dd, dd/MM/yyyy or"
                        + " yyyyMMdd;\n-- NULL otherwise.",
                        List.of("CASE WHEN " + iso(text) + "\n     THEN " + dialect.concat(List.of(part(text, 1, 4),
                                part(text, 6, 2), part(text, 9, 2)))
                                + "\n     WHEN " + dayMonthYear(text) + "\n     THEN " + dialect.concat(List.of(part(text, 7, 4),
                                part(text, 4, 2), part(text, 1, 2)))
                                + "\n     WHEN " + compact(text) + "\n     THEN " + part(text, 1, 8) + " END AS digits")),
                new Stage(DATE_PARTS, "The year, month and day as numbers.",
                        List.of(dialect.digitsToInt(part(digits, 1, 4)) + " AS y",
                                dialect.digitsToInt(part(digits, 5, 2)) + " AS m",
                                dialect.digitsToInt(part(digits, 7, 2)) + " AS d")),
                new Stage(MONTH, "The month, yyyy-MM, of a date that exists (no 30 February) in the years " + FIRST_YEAR
                        + " to " + LAST_YEAR + ";\n-- '" + UNKNOWN + "' for any other date, or none.",
                        List.of("CASE WHEN " + y + " BETWEEN " + FIRST_YEAR + " AND " + LAST_YEAR + " AND " + m
                                + " BETWEEN 1 AND 12\n      AND " + d + " BETWEEN 1 AND " + daysInMonth.replace("\n", "\n    ")
                                + "\n     THEN " + dialect.concat(List.of(part(digits, 1, 4), "'-'", part(digits, 5, 2)))
                                + "\n     ELSE '" + UNKNOWN + "' END AS month")));
    }

    private String part(String expr, int start, int length) {
        return dialect.substring(expr, start, length);
    }

    private String iso(String text) {
        return dialect == SqlDialect.TSQL ? like(text, "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]%")
                : dialect.startsWithRegex(text, "^[0-9]{4}-[0-9]{2}-[0-9]{2}");
    }

    private String dayMonthYear(String text) {
        return dialect == SqlDialect.TSQL ? like(text, "[0-9][0-9]/[0-9][0-9]/[0-9][0-9][0-9][0-9]%")
                : dialect.startsWithRegex(text, "^[0-9]{2}/[0-9]{2}/[0-9]{4}");
    }

    /** Eight digits alone, or followed by a space or T. T-SQL's LIKE ignores trailing spaces of the text, as this rule may. */
    private String compact(String text) {
        String eight = "[0-9]".repeat(8);
        return dialect == SqlDialect.TSQL ? "(" + like(text, eight) + " OR " + like(text, eight + "[ T]%") + ")"
                : dialect.startsWithRegex(text, "^[0-9]{8}([ T]|$)");
    }

    /** A binary collation, so that [0-9] is the ASCII digits and T a capital only. */
    private static String like(String text, String pattern) {
        return text + " COLLATE Latin1_General_BIN LIKE '" + pattern + "'";
    }

    /** A subquery joined to each row: its alias, the comment above it, its columns. */
    record Stage(String alias, String comment, List<String> columns) {
        Stage {
            columns = List.copyOf(columns);
        }
    }
}
