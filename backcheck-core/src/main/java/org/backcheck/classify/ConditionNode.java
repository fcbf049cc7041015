package org.backcheck.classify;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.backcheck.measure.LikePattern;

/**
 * A measure condition compiled for evaluation on one record, in T-SQL's three-valued logic
 * ({@link #FALSE}, {@link #TRUE}, {@link #UNKNOWN}). Built by {@link Classifier}.
 */
final class ConditionNode {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    private ConditionNode() {
    }

    static boolean isNull(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** One record, with its numeric fields already parsed. */
    static final class Row {
        Fields fields;
        final long[] numbers;
        final boolean[] nulls;

        Row(long[] numbers, boolean[] nulls) {
            this.numbers = numbers;
            this.nulls = nulls;
        }

        Fields fields() {
            return fields;
        }

        long[] numbers() {
            return numbers;
        }

        boolean[] nulls() {
            return nulls;
        }
    }

    abstract static class Node {
        abstract int eval(Row row);

        /** Adds the codes of the LIKE tests that made this (TRUE) node TRUE. */
        void collectCodes(Row row, Set<String> codes) {
        }
    }

    static final class LikeNode extends Node {
        private final int field;
        private final LikePattern pattern;
        private final boolean negated;

        LikeNode(int field, LikePattern pattern, boolean negated) {
            this.field = field;
            this.pattern = pattern;
            this.negated = negated;
        }

        @Override
        int eval(Row row) {
            Fields f = row.fields();
            byte[] b = f.bytes(field);
            int off = f.offset(field);
            int len = f.length(field);
            if (isNull(b, off, len)) {
                return UNKNOWN;
            }
            return pattern.matches(b, off, len) != negated ? TRUE : FALSE;
        }

        @Override
        void collectCodes(Row row, Set<String> codes) {
            if (!negated && eval(row) == TRUE) {
                Fields f = row.fields();
                codes.addAll(pattern.findAll(new String(f.bytes(field), f.offset(field), f.length(field), StandardCharsets.UTF_8)));
            }
        }
    }

    /** T-SQL string comparison: case-insensitive (CI collation), trailing spaces ignored. */
    static final class CompareNode extends Node {
        private final int field;
        private final String value;
        private final boolean notEqual;

        CompareNode(int field, String value, boolean notEqual) {
            this.field = field;
            this.value = stripTrailing(value).toUpperCase(Locale.ROOT);
            this.notEqual = notEqual;
        }

        @Override
        int eval(Row row) {
            Fields f = row.fields();
            byte[] b = f.bytes(field);
            int off = f.offset(field);
            int len = f.length(field);
            if (isNull(b, off, len)) {
                return UNKNOWN;
            }
            String s = stripTrailing(new String(b, off, len, StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
            return s.equals(value) != notEqual ? TRUE : FALSE;
        }

        private static String stripTrailing(String s) {
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            }
            return s.substring(0, end);
        }
    }

    static final class BetweenNode extends Node {
        private final int[] fieldsInOrder;
        private final long low;
        private final long high;

        BetweenNode(int[] fieldsInOrder, long low, long high) {
            this.fieldsInOrder = fieldsInOrder;
            this.low = low;
            this.high = high;
        }

        @Override
        int eval(Row row) {
            for (int f : fieldsInOrder) {
                if (!row.nulls()[f]) {
                    long v = row.numbers()[f];
                    return v >= low && v <= high ? TRUE : FALSE;
                }
            }
            return UNKNOWN;
        }
    }

    static final class AndNode extends Node {
        private final Node[] operands;

        AndNode(Node[] operands) {
            this.operands = operands;
        }

        @Override
        int eval(Row row) {
            int result = TRUE;
            for (Node n : operands) {
                int v = n.eval(row);
                if (v == FALSE) {
                    return FALSE;
                }
                if (v == UNKNOWN) {
                    result = UNKNOWN;
                }
            }
            return result;
        }

        @Override
        void collectCodes(Row row, Set<String> codes) {
            for (Node n : operands) {
                n.collectCodes(row, codes);
            }
        }
    }

    static final class OrNode extends Node {
        private final Node[] operands;

        OrNode(Node[] operands) {
            this.operands = operands;
        }

        @Override
        int eval(Row row) {
            int result = FALSE;
            for (Node n : operands) {
                int v = n.eval(row);
                if (v == TRUE) {
                    return TRUE;
                }
                if (v == UNKNOWN) {
                    result = UNKNOWN;
                }
            }
            return result;
        }

        @Override
        void collectCodes(Row row, Set<String> codes) {
            for (Node n : operands) {
                if (n.eval(row) == TRUE) {
                    n.collectCodes(row, codes);
                }
            }
        }
    }

    static final class NotNode extends Node {
        private final Node operand;

        NotNode(Node operand) {
            this.operand = operand;
        }

        @Override
        int eval(Row row) {
            int v = operand.eval(row);
            return v == UNKNOWN ? UNKNOWN : 1 - v;
        }
    }
}
