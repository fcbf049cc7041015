package org.backcheck.measure.sql;

import java.util.List;
import org.backcheck.measure.Column;
import org.backcheck.measure.Condition;
import org.backcheck.measure.NumericValue;

/**
 * Writes one condition of the measure as an SQL predicate with the same three-valued meaning.
 *
 * <p>T-SQL: the predicates as published ({@code col LIKE 'pattern'}, {@code col <> 'value'},
 * {@code ISNULL(a, b) BETWEEN low AND high}); the collation of the columns does the rest. Other
 * dialects: LIKE becomes a regular expression ({@link LikeRegex}); {@code =} and {@code <>} compare
 * with trailing spaces removed, as T-SQL compares, and in any case when the value has letters;
 * ISNULL becomes COALESCE.
 *
 * <p>Columns are written as the measure writes them, alias included ({@code opa.Der_Procedure_All}):
 * {@link MeasureSql} names a subquery after each alias.
 */
final class ConditionSql {

    private final SqlDialect dialect;

    ConditionSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The condition; continuation lines are indented to {@code column}, the position it starts at. */
    String render(Condition c, int column) {
        if (c instanceof Condition.Like like) {
            return like(like);
        }
        if (c instanceof Condition.Compare compare) {
            return compare(compare);
        }
        if (c instanceof Condition.Between between) {
            return numeric(between.value()) + " BETWEEN " + between.low() + " AND " + between.high();
        }
        if (c instanceof Condition.And and) {
            return joined("AND", and.operands(), column);
        }
        if (c instanceof Condition.Or or) {
            return joined("OR", or.operands(), column);
        }
        Condition.Not not = (Condition.Not) c;
        return "NOT (" + render(not.operand(), column + 5) + ")";
    }

    private String joined(String keyword, List<Condition> operands, int column) {
        StringBuilder sb = new StringBuilder(operand(operands.get(0), column));
        for (Condition next : operands.subList(1, operands.size())) {
            sb.append('\n').append(" ".repeat(column)).append(keyword).append(' ')
                    .append(operand(next, column + keyword.length() + 1));
        }
        return sb.toString();
    }

    private String operand(Condition c, int column) {
        boolean compound = c instanceof Condition.And || c instanceof Condition.Or;
        return compound ? "(" + render(c, column + 1) + ")" : render(c, column);
    }

    private String like(Condition.Like like) {
        String column = column(like.column());
        String pattern = like.pattern().source();
        if (dialect.keepsPublishedText()) {
            return column + (like.negated() ? " NOT LIKE " : " LIKE ") + dialect.literal(pattern);
        }
        return dialect.regexMatch(column, LikeRegex.of(pattern, dialect), like.negated());
    }

    private String compare(Condition.Compare compare) {
        String column = column(compare.column());
        if (dialect.keepsPublishedText()) {
            return column + (compare.notEqual() ? " <> " : " = ") + dialect.literal(compare.value());
        }
        String value = stripTrailingSpaces(compare.value());
        if (LikeRegex.isCaseless(value)) {
            return dialect.rtrimSpaces(column) + (compare.notEqual() ? " <> " : " = ") + dialect.literal(value);
        }
        return dialect.regexMatch(column, LikeRegex.equalIgnoringCase(value, dialect), compare.notEqual());
    }

    private String numeric(NumericValue value) {
        if (value instanceof NumericValue.ColumnValue c) {
            return column(c.column());
        }
        NumericValue.IsNull isNull = (NumericValue.IsNull) value;
        return dialect.firstNonNull(numeric(isNull.first()), numeric(isNull.fallback()));
    }

    /** The column as the measure writes it; a column without an alias is read from {@link MeasureSql#NO_ALIAS}. */
    static String column(Column c) {
        return (c.alias() == null ? MeasureSql.NO_ALIAS : c.alias()) + "." + c.name();
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
