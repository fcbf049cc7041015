package org.backcheck.measure;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A boolean condition of the measure, as written in the published T-SQL. Evaluation follows
 * T-SQL's three-valued logic; the engines live in {@code org.backcheck.classify} and elsewhere.
 */
public sealed interface Condition {

    /** {@code column [NOT] LIKE 'pattern'}. */
    record Like(Column column, LikePattern pattern, boolean negated) implements Condition {
        public Like {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code column = 'value'} or {@code column <> 'value'}. */
    record Compare(Column column, String value, boolean notEqual) implements Condition {
        public Compare {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code value BETWEEN low AND high}, both ends inclusive, over whole numbers. */
    record Between(NumericValue value, long low, long high) implements Condition {
        public Between {
            Objects.requireNonNull(value, "value");
        }
    }

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("AND needs at least two operands");
            }
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("OR needs at least two operands");
            }
        }
    }

    record Not(Condition operand) implements Condition {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** Visits this condition and every condition under it, depth first. */
    default void forEach(Consumer<Condition> visitor) {
        visitor.accept(this);
        if (this instanceof And and) {
            and.operands().forEach(c -> c.forEach(visitor));
        } else if (this instanceof Or or) {
            or.operands().forEach(c -> c.forEach(visitor));
        } else if (this instanceof Not not) {
            not.operand().forEach(visitor);
        }
    }
}
