package org.backcheck.measure.sql;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.measure.Exclusion;
import org.backcheck.measure.Measure;
import org.backcheck.measure.Note;
import org.backcheck.measure.NullPolicy;

/** The comment that opens the SELECT: where it comes from, what it returns, how it reads the measure. */
final class SqlHeader {

    private static final int WIDTH = 100;
    private static final String PREFIX = "-- ";

    private SqlHeader() {
    }

    static String of(Measure measure, SqlDialect dialect, NullPolicy policy, TableName table, SqlForm form) {
        List<String> lines = new ArrayList<>();
        lines.add("Backcheck: the EBI measure " + measure.id() + " (" + measure.title() + ") as one SELECT, "
                + dialect.label() + ", NULL policy " + policy.id() + ".");
        lines.add("Written by `backcheck sql --dialect " + dialect.id() + " --null-policy " + policy.id() + " --table " + table
                + (form.grain() == SqlGrain.ROW ? "" : " --grain " + form.grain().id())
                + form.period().map(p -> " --period " + p[0] + ".." + p[1]).orElse("")
                + (form.statement() ? " --statement" : "")
                + "` from the measure definition Backcheck's own engine runs (" + measure.id() + ".measure). "
                + "Generate it again rather than editing it.");
        lines.add("Measure source: " + measure.source());
        lines.add("");
        String rows = form.period().map(p -> "the rows of " + table + " with an appointment date from " + p[0] + " to " + p[1]
                + " (a date with no month as `backcheck audit` reads it is outside)").orElse("every row of " + table);
        if (form.grain() == SqlGrain.ROW) {
            lines.add("Returns " + rows + " unchanged, with two more columns:");
            List<String> names = measure.exclusions().stream().map(Exclusion::name).toList();
            lines.add("  status: counted, excluded, unmatched or rejected, as `backcheck audit` gives the same row.");
            lines.add("  reason: for excluded rows, the exclusions that applied (" + String.join(", ", names)
                    + "), in that order, joined by '" + Verdict.EXCLUSION_SEPARATOR + "'; for rejected rows, '<column>: <problem>'"
                    + " for each unreadable numeric column, joined by '" + Verdict.PROBLEM_SEPARATOR + "'; otherwise NULL.");
        } else {
            List<String> keys = form.grain().keys();
            lines.add("Counts " + rows + (keys.isEmpty() ? ", in one row" : " by " + String.join(" and ", keys)) + ": grain ("
                    + form.grain().id() + "), " + (keys.isEmpty() ? "" : String.join(", ", keys) + ", ")
                    + "records, and the records of each status (counted, excluded, unmatched, rejected), as the rows of"
                    + " this grain in the aggregates.csv of `backcheck audit --no-disclosure-control`.");
            if (!keys.isEmpty()) {
                lines.add("Codes are read as the audit reads them: without surrounding white space, in capitals, 'unknown'"
                        + " when empty or NULL. The month (yyyy-MM) is that of Appointment_Date written yyyy-MM-dd,"
                        + " dd/MM/yyyy or yyyyMMdd after any leading spaces (a time after it ignored), a real date from"
                        + " 1990 to 2089; anything else is 'unknown'.");
            }
            lines.add("No disclosure control: small numbers are not suppressed or rounded. Do not publish the result as it is.");
        }
        lines.add("Order of judgement: a numeric column (an age) that is neither empty nor a whole number within the range of"
                + " an SQL Server int rejects the row; otherwise the WHEN clause must be TRUE, else the row is unmatched;"
                + " then the exclusions decide between excluded and counted.");
        lines.add("");
        lines.add("NULL policy " + policy.id() + ": " + policyText(policy));
        lines.add("");
        lines.add("Interpretations, as the measure definition records them:");
        for (Note note : measure.notes()) {
            lines.add("  " + note.id() + ": " + note.text());
        }
        lines.add("");
        lines.add("How " + dialect.label() + " is written:");
        dialectNotes(dialect).forEach(n -> lines.add("  " + n));
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            wrap(line, sb);
        }
        return sb.toString();
    }

    private static String policyText(NullPolicy policy) {
        return policy == NullPolicy.CLINICAL
                ? "an exclusion applies only when its published test is FALSE, so a missing diagnosis or"
                        + " administrative category excludes nothing (Backcheck's default)."
                : "an exclusion applies unless its published test is TRUE: T-SQL as written, where a missing value makes"
                        + " the test UNKNOWN and the row is not counted.";
    }

    private static List<String> dialectNotes(SqlDialect dialect) {
        List<String> notes = new ArrayList<>();
        if (dialect == SqlDialect.TSQL) {
            notes.add("The WHEN clause and the exclusion tests are the published ones, predicate for predicate (straight"
                    + " quotes; keywords in capitals).");
            notes.add("LIKE and <> ignore case through the collation Latin1_General_CI_AS (NCDR's), set on each text"
                    + " column below, so the answer does not depend on the staging table's own collation; both ignore"
                    + " trailing spaces, as T-SQL always does.");
            notes.add("Needs SQL Server 2017 or later (CONCAT_WS, TRY_CAST).");
        } else {
            notes.add("Each LIKE becomes a regular expression that matches the same texts: letters are written in both cases"
                    + " ([Uu]) instead of relying on the engine's case-insensitive matching, and a pattern that does not"
                    + " end in % allows trailing spaces, which T-SQL's LIKE ignores.");
            notes.add("<> compares without trailing spaces, as T-SQL does; ISNULL(a, b) is COALESCE(a, b).");
        }
        switch (dialect) {
            case POSTGRES -> notes.add("Column names are unquoted, so PostgreSQL reads them in lower case, as a table created"
                    + " without quoted names has them. The table name is quoted: give it as stored.");
            case DUCKDB -> notes.add("Regular expressions are RE2's (regexp_matches); names match without regard to case.");
            case SPARK -> {
                notes.add("Regular expressions are Java's (RLIKE); string literals use backslash escapes, so a backslash"
                        + " of a regular expression is written twice. Names match without regard to case"
                        + " (spark.sql.caseSensitive=false, the default).");
                notes.add("Needs Spark 3.2 or later (LATERAL subqueries, try_cast).");
            }
            default -> { }
        }
        notes.add("Text columns are best loaded as text (VARCHAR); an empty field may be loaded as NULL or as ''.");
        return notes;
    }

    /** One comment line per {@code WIDTH} characters, continuation lines indented under the text. */
    private static void wrap(String line, StringBuilder sb) {
        if (line.isEmpty()) {
            sb.append("--\n");
            return;
        }
        String indent = " ".repeat(leadingSpaces(line) + 2);
        String rest = line;
        while (PREFIX.length() + rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH - PREFIX.length());
            if (cut <= leadingSpaces(rest)) {
                break;
            }
            sb.append(PREFIX).append(rest, 0, cut).append('\n');
            rest = indent + rest.substring(cut + 1);
        }
        sb.append(PREFIX).append(rest).append('\n');
    }

    private static int leadingSpaces(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
