package org.backcheck.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.backcheck.measure.Column;
import org.backcheck.measure.Condition;
import org.backcheck.measure.Exclusion;
import org.backcheck.measure.LikePattern;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.NumericValue;

/**
 * Runs a {@link Measure} on one record at a time, with T-SQL's three-valued logic. Thread-safe
 * and allocation-free for the common case (a row the rule does not select).
 *
 * <p>Order of judgement, the same for every engine:
 * <ol>
 *   <li>every numeric field (the ages) must be empty or a whole number, else {@link Status#REJECTED};</li>
 *   <li>the WHEN condition must be TRUE, else {@link Status#UNMATCHED};</li>
 *   <li>each exclusion's published test is evaluated; under {@link NullPolicy#CLINICAL} it applies when
 *       FALSE, under {@link NullPolicy#SQL} when not TRUE. Any applied: {@link Status#EXCLUDED};
 *       none: {@link Status#COUNTED}.</li>
 * </ol>
 */
public final class Classifier {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    private final Measure measure;
    private final List<Column> columns;
    private final int[] numericFields;
    private final Node when;
    private final Node[] exclusions;
    private final String[] exclusionNames;
    private final Prefilter prefilter;

    public Classifier(Measure measure) {
        this.measure = measure;
        this.columns = measure.columns();
        List<Column> numeric = measure.numericColumns();
        for (Column c : numeric) {
            if (measure.textColumns().contains(c)) {
                throw new IllegalArgumentException("column used both as text and as a number: " + c.name());
            }
        }
        this.numericFields = numeric.stream().mapToInt(columns::indexOf).toArray();
        this.when = compile(measure.when());
        this.exclusions = measure.exclusions().stream().map(e -> compile(e.keepWhen())).toArray(Node[]::new);
        this.exclusionNames = measure.exclusions().stream().map(Exclusion::name).toArray(String[]::new);
        this.prefilter = Prefilter.of(measure.when(), columns);
    }

    public Measure measure() {
        return measure;
    }

    /** The columns a {@link Fields} must supply, in field order. */
    public List<Column> columns() {
        return columns;
    }

    /** Classifies one record. */
    public Outcome classify(Fields fields, NullPolicy policy) {
        return classify(fields, policy, newScratch());
    }

    /** Working space for {@link #classify(Fields, NullPolicy, Scratch)}: one per thread, reused. */
    public Scratch newScratch() {
        return new Scratch(columns.size());
    }

    /**
     * Classifies one record using {@code scratch} (which must come from this classifier and not be
     * shared between threads); a row the rule does not select costs no allocation.
     */
    public Outcome classify(Fields fields, NullPolicy policy, Scratch scratch) {
        // Hot path kept short: the rare outcomes are built in methods of their own, which keeps
        // the JIT's compile of this method small and quick (measured: it dominated short runs).
        long[] numbers = scratch.numbers;
        boolean[] nulls = scratch.nulls;
        boolean readable = true;
        for (int f : numericFields) {
            readable &= WholeNumber.parse(fields.bytes(f), fields.offset(f), fields.length(f), numbers, nulls, f) == null;
        }
        if (!readable) {
            return rejected(fields);
        }
        if (prefilter != null && prefilter.rulesOut(fields)) {
            return Outcome.UNMATCHED;
        }
        Row row = scratch.row;
        row.fields = fields;
        if (when.eval(row) != TRUE) {
            return Outcome.UNMATCHED;
        }
        return selected(row, policy);
    }

    /** A record with an unreadable numeric field: one problem per such field. */
    private Outcome rejected(Fields fields) {
        long[] numbers = new long[columns.size()];
        boolean[] nulls = new boolean[columns.size()];
        List<Outcome.Problem> problems = new ArrayList<>(2);
        for (int f : numericFields) {
            String problem = WholeNumber.parse(fields.bytes(f), fields.offset(f), fields.length(f), numbers, nulls, f);
            if (problem != null) {
                problems.add(new Outcome.Problem(columns.get(f).name(), problem + ": " + shown(fields, f)));
            }
        }
        return new Outcome(Status.REJECTED, List.of(), List.of(), problems, false);
    }

    /** A record the WHEN condition selects: which exclusions apply, under both policies. */
    private Outcome selected(Row row, NullPolicy policy) {
        List<String> appliedClinical = new ArrayList<>(2);
        List<String> appliedSql = new ArrayList<>(2);
        for (int i = 0; i < exclusions.length; i++) {
            int v = exclusions[i].eval(row);
            if (v == FALSE) {
                appliedClinical.add(exclusionNames[i]);
            }
            if (v != TRUE) {
                appliedSql.add(exclusionNames[i]);
            }
        }
        List<String> applied = policy == NullPolicy.SQL ? appliedSql : appliedClinical;
        boolean sensitive = appliedClinical.isEmpty() != appliedSql.isEmpty();
        Set<String> codes = new LinkedHashSet<>();
        when.collectCodes(row, codes);
        Status status = applied.isEmpty() ? Status.COUNTED : Status.EXCLUDED;
        return new Outcome(status, applied, List.copyOf(codes), List.of(), sensitive);
    }

    /** Per-thread working space. */
    public static final class Scratch {
        private final long[] numbers;
        private final boolean[] nulls;
        private final Row row;

        private Scratch(int fields) {
            numbers = new long[fields];
            nulls = new boolean[fields];
            row = new Row(numbers, nulls);
        }
    }

    /**
     * A cheap test that rules rows out before the WHEN condition is evaluated: derived from the
     * condition itself, it names a text field and the characters of which the field must hold at
     * least one for the condition to be TRUE. For the EBI measure: every branch needs a procedure
     * code starting with U, so a procedure field without a U (in either case) cannot match.
     */
    private record Prefilter(int field, boolean[] ascii) {

        static Prefilter of(Condition c, List<Column> columns) {
            if (c instanceof Condition.Like like && !like.negated()) {
                boolean[] chars = like.pattern().requiredAsciiChars();
                return chars == null ? null : new Prefilter(columns.indexOf(like.column()), chars);
            }
            if (c instanceof Condition.And and) {
                for (Condition operand : and.operands()) {
                    Prefilter p = of(operand, columns);
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            if (c instanceof Condition.Or or) {
                Prefilter union = null;
                for (Condition operand : or.operands()) {
                    Prefilter p = of(operand, columns);
                    if (p == null || (union != null && union.field != p.field)) {
                        return null;
                    }
                    union = union == null ? p : union.or(p);
                }
                return union;
            }
            return null;
        }

        private Prefilter or(Prefilter other) {
            boolean[] both = ascii.clone();
            for (int i = 0; i < both.length; i++) {
                both[i] |= other.ascii[i];
            }
            return new Prefilter(field, both);
        }

        /** True when the field is pure ASCII and holds none of the characters. */
        boolean rulesOut(Fields fields) {
            byte[] b = fields.bytes(field);
            for (int i = fields.offset(field), end = i + fields.length(field); i < end; i++) {
                int c = b[i];
                if (c < 0 || ascii[c]) {
                    return false;
                }
            }
            return true;
        }
    }

    private Node compile(Condition c) {
        if (c instanceof Condition.Like like) {
            return new LikeNode(columns.indexOf(like.column()), like.pattern(), like.negated());
        }
        if (c instanceof Condition.Compare cmp) {
            return new CompareNode(columns.indexOf(cmp.column()), cmp.value(), cmp.notEqual());
        }
        if (c instanceof Condition.Between between) {
            int[] order = between.value().columns().stream().mapToInt(columns::indexOf).toArray();
            if (!isCoalesceChain(between.value())) {
                throw new IllegalArgumentException("unsupported numeric expression: " + between.value());
            }
            return new BetweenNode(order, between.low(), between.high());
        }
        if (c instanceof Condition.And and) {
            return new AndNode(and.operands().stream().map(this::compile).toArray(Node[]::new));
        }
        if (c instanceof Condition.Or or) {
            return new OrNode(or.operands().stream().map(this::compile).toArray(Node[]::new));
        }
        return new NotNode(compile(((Condition.Not) c).operand()));
    }

    /** ISNULL(a, ISNULL(b, c)) and ISNULL(ISNULL(a, b), c) both mean "first non-NULL of a, b, c". */
    private static boolean isCoalesceChain(NumericValue v) {
        return v instanceof NumericValue.ColumnValue
                || v instanceof NumericValue.IsNull n && isCoalesceChain(n.first()) && isCoalesceChain(n.fallback());
    }

    /** The raw value for an error message: at most 40 characters, control characters replaced. */
    private static String shown(Fields fields, int f) {
        String s = new String(fields.bytes(f), fields.offset(f), fields.length(f), StandardCharsets.UTF_8);
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
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
    private static final class Row {
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

    private abstract static class Node {
        abstract int eval(Row row);

        /** Adds the codes of the LIKE tests that made this (TRUE) node TRUE. */
        void collectCodes(Row row, Set<String> codes) {
        }
    }

    private static final class LikeNode extends Node {
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
    private static final class CompareNode extends Node {
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

    private static final class BetweenNode extends Node {
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

    private static final class AndNode extends Node {
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

    private static final class OrNode extends Node {
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

    private static final class NotNode extends Node {
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
