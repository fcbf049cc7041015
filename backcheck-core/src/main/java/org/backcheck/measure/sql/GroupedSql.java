package org.backcheck.measure.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.backcheck.classify.Status;

/**
 * The grouped form of the query: the rows judged as in the row-level SELECT, keyed as the audit keys
 * them ({@link GroupKeySql}), then counted per group: {@code records} and the rows of each status,
 * the columns and figures of {@code aggregates.csv}'s rows of the same grain before disclosure control.
 */
final class GroupedSql {

    static final String JUDGED_ROW = "judged_row";
    private static final List<Status> COLUMN_ORDER = List.of(Status.COUNTED, Status.EXCLUDED, Status.UNMATCHED,
            Status.REJECTED);

    private final SqlDialect dialect;
    private final SqlGrain grain;

    GroupedSql(SqlDialect dialect, SqlGrain grain) {
        if (grain == SqlGrain.ROW) {
            throw new IllegalArgumentException("the row grain is not grouped");
        }
        this.dialect = dialect;
        this.grain = grain;
    }

    /**
     * Writes the query: {@code status} is the expression of a row's status, {@code from} writes the FROM
     * clause with every stage (and the month's, when the grain has one) and the WHERE of a period.
     */
    void write(StringBuilder sql, String status, Consumer<StringBuilder> from) {
        GroupKeySql keys = new GroupKeySql(dialect);
        List<String> inner = new ArrayList<>();
        grain.organisation().ifPresent(o -> inner.add(keys.organisation(MeasureSql.SOURCE, o.column) + " AS " + o.key));
        if (grain.byMonth()) {
            inner.add(keys.month() + " AS " + SqlGrain.MONTH_KEY);
        }
        inner.add(status + " AS status");

        sql.append("SELECT\n    ").append(dialect.literal(grain.id())).append(" AS grain,\n");
        for (String key : grain.keys()) {
            sql.append("    ").append(key).append(",\n");
        }
        String count = dialect == SqlDialect.TSQL ? "COUNT_BIG(" : "COUNT(";
        sql.append("    ").append(count).append("*) AS records");
        for (Status s : COLUMN_ORDER) {
            sql.append(",\n    ").append(count).append("CASE WHEN status = '").append(s.id()).append("' THEN 1 END) AS ")
                    .append(s.id());
        }
        sql.append("\nFROM (\n");
        sql.append("    -- Each row: ").append(grain.keys().isEmpty() ? "" : "its " + String.join(" and ", grain.keys()) + " as the audit reads them, and ")
                .append("its status.\n");
        StringBuilder rows = new StringBuilder("SELECT\n");
        for (int i = 0; i < inner.size(); i++) {
            rows.append("    ").append(inner.get(i).replace("\n", "\n    ")).append(i < inner.size() - 1 ? ",\n" : "\n");
        }
        from.accept(rows);
        rows.setLength(rows.length() - 1);
        sql.append("    ").append(rows.toString().replace("\n", "\n    ")).append('\n');
        sql.append(") AS ").append(JUDGED_ROW).append('\n');
        if (!grain.keys().isEmpty()) {
            sql.append("GROUP BY ").append(String.join(", ", grain.keys())).append('\n');
        }
    }
}
