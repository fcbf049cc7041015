package org.backcheck.measure.sql;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of what {@link MeasureSql} writes besides the rule itself.
 *
 * @param grain     a row per extract row, or per group
 * @param period    the first and last month of appointment dates to keep, both included; empty for every row.
 *                  A row whose date has no month ({@code unknown}) is outside every period
 * @param statement whether to end with a semicolon (and sort the groups), to run as it is; otherwise the
 *                  query can be pasted into a subquery, a CTE or a view
 */
public record SqlForm(SqlGrain grain, Optional<YearMonth[]> period, boolean statement) {

    /** Every row, no period, no semicolon: the SELECT to paste into other SQL. */
    public static final SqlForm ROWS = new SqlForm(SqlGrain.ROW, Optional.empty(), false);

    public SqlForm {
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(period, "period");
        period = period.map(p -> {
            if (p.length != 2 || p[0] == null || p[1] == null || p[0].isAfter(p[1])) {
                throw new IllegalArgumentException("a period is a first and a last month, the first not after the last");
            }
            return p.clone();
        });
    }

    YearMonth first() {
        return period.orElseThrow()[0];
    }

    YearMonth last() {
        return period.orElseThrow()[1];
    }
}
