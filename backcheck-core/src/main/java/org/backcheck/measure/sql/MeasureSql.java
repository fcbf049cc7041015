package org.backcheck.measure.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.backcheck.classify.Status;
import org.backcheck.measure.Column;
import org.backcheck.measure.Condition;
import org.backcheck.measure.Exclusion;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * Writes a {@link Measure} as one SELECT that returns every row of an extract table with its
 * {@code status} and {@code reason} ({@link Verdict}), in the order of judgement of the engine
 * ({@code org.backcheck.classify.Classifier}): unreadable numeric fields reject the row; then the WHEN
 * condition must be TRUE; then the exclusions, under the chosen {@link NullPolicy}.
 *
 * <p>The statement is a chain of subqueries joined laterally to each row (T-SQL {@code CROSS APPLY},
 * elsewhere {@code CROSS JOIN LATERAL}), each one step of the reading:
 * <ol>
 *   <li>{@value #FIELDS}: the measure's columns as it reads them: a field that is empty or only
 *       spaces is NULL (NOTE empty_is_null); numeric fields without surrounding spaces;</li>
 *   <li>{@value #AGE_DIGITS} and {@value #AGE_CHECK}: each numeric field without its sign, then the
 *       problem that makes it unreadable, if any ({@link WholeNumberSql});</li>
 *   <li>one subquery per table alias of the measure ({@code opa}, {@code apcs}), so the published
 *       predicates read as written; both are the same row (NOTE record_level);</li>
 *   <li>{@value #JUDGED}: whether the WHEN condition is TRUE, and the name of each exclusion that
 *       applies;</li>
 * </ol>
 * and the outer SELECT turns these into status and reason.
 */
public final class MeasureSql {

    /** The table read when none is given. */
    public static final String DEFAULT_TABLE = "opa_extract";

    static final String SOURCE = "extract_row";
    static final String FIELDS = "field_value";
    static final String AGE_DIGITS = "age_digits";
    static final String AGE_CHECK = "age_check";
    static final String JUDGED = "judged";
    /** The subquery that holds columns the measure names without a table alias. */
    static final String NO_ALIAS = "measure_row";
    private static final String RULE_MET = "rule_met";
    private static final Set<String> STAGES = stages();
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String INDENT = "        ";

    private final Measure measure;
    private final SqlDialect dialect;
    private final NullPolicy policy;
    private final TableName table;
    private final ConditionSql conditions;
    private final WholeNumberSql wholeNumbers;
    private final List<Column> textColumns;
    private final List<Column> numericColumns;

    private final SqlForm form;

    private MeasureSql(Measure measure, SqlDialect dialect, NullPolicy policy, TableName table, SqlForm form) {
        this.measure = Objects.requireNonNull(measure, "measure");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.table = Objects.requireNonNull(table, "table");
        this.form = Objects.requireNonNull(form, "form");
        this.conditions = new ConditionSql(dialect);
        this.wholeNumbers = new WholeNumberSql(dialect);
        this.textColumns = measure.textColumns();
        this.numericColumns = measure.numericColumns();
        check();
    }

    /**
     * The SELECT for {@code measure} in {@code dialect}, reading {@code table}: every row with its status
     * and reason, ending in a line break and no semicolon, so it can be pasted as a subquery.
     */
    public static String select(Measure measure, SqlDialect dialect, NullPolicy policy, TableName table) {
        return select(measure, dialect, policy, table, SqlForm.ROWS);
    }

    /** The query for {@code measure} in {@code dialect}, reading {@code table}, in the given form. */
    public static String select(Measure measure, SqlDialect dialect, NullPolicy policy, TableName table, SqlForm form) {
        return new MeasureSql(measure, dialect, policy, table, form).text();
    }

    private static Set<String> stages() {
        Set<String> names = new java.util.HashSet<>(Set.of(SOURCE, FIELDS, AGE_DIGITS, AGE_CHECK, JUDGED));
        names.addAll(GroupKeySql.STAGES);
        return Set.copyOf(names);
    }

    private void check() {
        for (Column c : measure.columns()) {
            requireIdentifier(c.name(), "column");
            if (c.alias() != null) {
                requireIdentifier(c.alias(), "table alias");
                if (STAGES.contains(c.alias().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("the measure's table alias '" + c.alias() + "' is a name the SQL uses itself");
                }
            }
        }
        for (Column c : numericColumns) {
            if (textColumns.contains(c)) {
                throw new IllegalArgumentException("column used both as text and as a number: " + c.name());
            }
        }
        for (Exclusion x : measure.exclusions()) {
            if (x.name().equals(RULE_MET)) {
                throw new IllegalArgumentException("an exclusion may not be called " + RULE_MET);
            }
        }
    }

    private static void requireIdentifier(String name, String what) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("the measure's " + what + " '" + name + "' is not a plain SQL identifier");
        }
    }

    private String text() {
        StringBuilder sql = new StringBuilder(SqlHeader.of(measure, dialect, policy, table, form));
        if (form.grain() == SqlGrain.ROW) {
            sql.append("SELECT\n");
            sql.append("    ").append(SOURCE).append(".*,\n");
            sql.append(indent(status(), "    ")).append(" AS status,\n");
            sql.append(indent(reason(), "    ")).append(" AS reason\n");
            from(sql);
        } else {
            new GroupedSql(dialect, form.grain()).write(sql, status(), this::from);
        }
        sql.setLength(sql.length() - 1);
        if (form.statement()) {
            if (form.grain() != SqlGrain.ROW && !form.grain().keys().isEmpty()) {
                sql.append("\nORDER BY ").append(String.join(", ", form.grain().keys()));
            }
            sql.append(';');
        }
        return sql.append('\n').toString();
    }

    /**
     * FROM the table, joined to each stage of the reading; then, when the grain or the period needs it,
     * the month of the appointment date, and the period's WHERE.
     */
    private void from(StringBuilder sql) {
        sql.append("FROM ").append(table.quoted(dialect)).append(" AS ").append(SOURCE).append('\n');
        stage(sql, FIELDS, fieldValues(), "The fields as the measure reads them: empty or only spaces is NULL (NOTE empty_is_null)"
                + (dialect == SqlDialect.TSQL ? ";\n-- text compares without regard to case (Latin1_General_CI_AS)" : "")
                + (numericColumns.isEmpty() ? "." : ";\n-- numbers without the spaces around them."));
        if (!numericColumns.isEmpty()) {
            stage(sql, AGE_DIGITS, ageDigits(), "Each number without its sign.");
            stage(sql, AGE_CHECK, ageChecks(), "Why a number cannot be read, or NULL when it can: it must be empty, or a sign\n"
                    + "-- and at most " + WholeNumberSql.MAX_DIGITS + " digits whose value fits an SQL Server int.");
        }
        Map<String, List<Column>> aliases = columnsByAlias();
        for (Map.Entry<String, List<Column>> alias : aliases.entrySet()) {
            stage(sql, alias.getKey(), aliasColumns(alias.getValue()), aliases.size() > 1
                    ? "The published script's table alias " + alias.getKey() + ": the same row (NOTE record_level)."
                    : "The published script's table alias " + alias.getKey() + ".");
        }
        stage(sql, JUDGED, judgements(), "The WHEN condition, and each exclusion's name when it applies.");
        if (form.grain().byMonth() || form.period().isPresent()) {
            GroupKeySql keys = new GroupKeySql(dialect);
            for (GroupKeySql.Stage s : keys.monthStages(SOURCE, org.backcheck.extract.SlotLayout.DATE_COLUMN)) {
                stage(sql, s.alias(), s.columns(), s.comment());
            }
            form.period().ifPresent(p -> sql.append("-- Only appointments from ").append(p[0]).append(" to ").append(p[1])
                    .append(" (a date without a month is outside).\n")
                    .append("WHERE ").append(keys.month()).append(" <> '").append(GroupKeySql.UNKNOWN).append("'\n  AND ")
                    .append(keys.month()).append(" BETWEEN '").append(p[0]).append("' AND '").append(p[1]).append("'\n"));
        }
    }

    // ------------------------------------------------------------------ the outer SELECT

    private String status() {
        StringBuilder sb = new StringBuilder("CASE\n");
        if (!numericColumns.isEmpty()) {
            sb.append("    WHEN ").append(anyRejection()).append(" THEN '").append(Status.REJECTED.id()).append("'\n");
        }
        sb.append("    WHEN ").append(JUDGED).append('.').append(RULE_MET).append(" = 0 THEN '").append(Status.UNMATCHED.id()).append("'\n");
        if (!measure.exclusions().isEmpty()) {
            sb.append("    WHEN ").append(anyExclusion()).append(" THEN '").append(Status.EXCLUDED.id()).append("'\n");
        }
        return sb.append("    ELSE '").append(Status.COUNTED.id()).append("'\nEND").toString();
    }

    private String reason() {
        StringBuilder sb = new StringBuilder("CASE\n");
        if (!numericColumns.isEmpty()) {
            List<String> problems = numericColumns.stream().map(c -> AGE_CHECK + "." + c.name()).toList();
            sb.append("    WHEN ").append(anyRejection()).append('\n')
                    .append("        THEN ").append(dialect.joinNonNull(Verdict.PROBLEM_SEPARATOR, problems)).append('\n');
        }
        if (!measure.exclusions().isEmpty()) {
            List<String> names = measure.exclusions().stream().map(x -> JUDGED + "." + x.name()).toList();
            sb.append("    WHEN ").append(JUDGED).append('.').append(RULE_MET).append(" = 1\n")
                    .append("        THEN NULLIF(").append(dialect.joinNonNull(Verdict.EXCLUSION_SEPARATOR, names)).append(", '')\n");
        }
        return sb.append("END").toString();
    }

    private String anyRejection() {
        return String.join("\n      OR ", numericColumns.stream().map(c -> AGE_CHECK + "." + c.name() + " IS NOT NULL").toList());
    }

    private String anyExclusion() {
        return String.join("\n      OR ", measure.exclusions().stream().map(x -> JUDGED + "." + x.name() + " IS NOT NULL").toList());
    }

    // ------------------------------------------------------------------ the stages

    private List<String> fieldValues() {
        List<String> out = new ArrayList<>();
        for (Column c : textColumns) {
            String raw = SOURCE + "." + c.name();
            String value = "CASE WHEN " + dialect.rtrimSpaces(raw) + " = '' THEN NULL\n     ELSE " + raw + " END";
            if (dialect == SqlDialect.TSQL) {
                value += " COLLATE Latin1_General_CI_AS";
            }
            out.add(value + " AS " + c.name());
        }
        for (Column c : numericColumns) {
            out.add(wholeNumbers.trimmed(SOURCE + "." + c.name()) + " AS " + c.name());
        }
        return out;
    }

    private List<String> ageDigits() {
        return numericColumns.stream().map(c -> wholeNumbers.digits(FIELDS + "." + c.name()) + " AS " + c.name()).toList();
    }

    private List<String> ageChecks() {
        return numericColumns.stream()
                .map(c -> wholeNumbers.problem(c.name(), FIELDS + "." + c.name(), AGE_DIGITS + "." + c.name()) + " AS " + c.name())
                .toList();
    }

    private List<String> aliasColumns(List<Column> columns) {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            Column field = measure.columns().get(measure.columns().indexOf(c));
            String value = FIELDS + "." + field.name();
            if (numericColumns.contains(c)) {
                value = wholeNumbers.value(value, AGE_CHECK + "." + field.name());
            }
            out.add(value + " AS " + c.name());
        }
        return out;
    }

    private List<String> judgements() {
        List<String> out = new ArrayList<>();
        out.add("CASE WHEN " + conditions.render(measure.when(), 10) + "\n     THEN 1 ELSE 0 END AS " + RULE_MET);
        for (Exclusion x : measure.exclusions()) {
            String name = dialect.literal(x.name());
            if (policy == NullPolicy.CLINICAL) {
                out.add("-- " + x.name() + " applies when its published test is FALSE\n"
                        + "CASE WHEN NOT (" + conditions.render(x.keepWhen(), 15) + ")\n"
                        + "     THEN " + name + " END AS " + x.name());
            } else {
                out.add("-- " + x.name() + " applies unless its published test is TRUE\n"
                        + "CASE WHEN " + conditions.render(x.keepWhen(), 10) + "\n"
                        + "     THEN NULL ELSE " + name + " END AS " + x.name());
            }
        }
        return out;
    }

    /** Each table alias the measure uses (in order of first use) with the columns it reads through it. */
    private Map<String, List<Column>> columnsByAlias() {
        Map<String, List<Column>> out = new LinkedHashMap<>();
        List<Condition> all = new ArrayList<>();
        all.add(measure.when());
        measure.exclusions().forEach(x -> all.add(x.keepWhen()));
        for (Condition condition : all) {
            condition.forEach(node -> {
                List<Column> read = new ArrayList<>();
                if (node instanceof Condition.Like like) {
                    read.add(like.column());
                } else if (node instanceof Condition.Compare compare) {
                    read.add(compare.column());
                } else if (node instanceof Condition.Between between) {
                    read.addAll(between.value().columns());
                }
                for (Column c : read) {
                    String alias = c.alias() == null ? NO_ALIAS : c.alias();
                    List<Column> columns = out.computeIfAbsent(alias, a -> new ArrayList<>());
                    if (!columns.contains(c)) {
                        columns.add(c);
                    }
                }
            });
        }
        return out;
    }

    private void stage(StringBuilder sql, String alias, List<String> columns, String comment) {
        sql.append("-- ").append(comment).append('\n');
        sql.append(dialect.lateralJoin()).append(" (\n    SELECT\n");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(indent(columns.get(i), INDENT)).append(i < columns.size() - 1 ? ",\n" : "\n");
        }
        sql.append(") AS ").append(alias).append('\n');
    }

    private static String indent(String text, String by) {
        return by + text.replace("\n", "\n" + by);
    }
}
