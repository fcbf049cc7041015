package org.backcheck.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.backcheck.classify.ConditionNode.AndNode;
import org.backcheck.classify.ConditionNode.BetweenNode;
import org.backcheck.classify.ConditionNode.CompareNode;
import org.backcheck.classify.ConditionNode.LikeNode;
import org.backcheck.classify.ConditionNode.Node;
import org.backcheck.classify.ConditionNode.NotNode;
import org.backcheck.classify.ConditionNode.OrNode;
import org.backcheck.classify.ConditionNode.Row;
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

    private final Measure measure;
    private final List<Column> columns;
    private final int[] numericFields;
    private final Node when;
    private final Node[] exclusions;
    private final String[] exclusionNames;
    private final Prefilter prefilter;
    /** Field order of the WHEN clause's BETWEEN expression (the age), first non-NULL wins; empty when none. */
    private final int[] rangeFields;

    /** What {@link #rangeValue} returns when the expression is NULL or the record was not read. */
    public static final long NO_VALUE = Long.MIN_VALUE;

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
        this.rangeFields = firstBetween(measure.when())
                .map(b -> b.value().columns().stream().mapToInt(columns::indexOf).toArray()).orElse(new int[0]);
    }

    private static java.util.Optional<Condition.Between> firstBetween(Condition c) {
        if (c instanceof Condition.Between b) {
            return java.util.Optional.of(b);
        }
        List<Condition> operands = c instanceof Condition.And and ? and.operands()
                : c instanceof Condition.Or or ? or.operands()
                : c instanceof Condition.Not not ? List.of(not.operand()) : List.of();
        for (Condition operand : operands) {
            java.util.Optional<Condition.Between> found = firstBetween(operand);
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The value of the WHEN clause's BETWEEN expression (for the EBI measure, the age:
     * {@code ISNULL(Age_at_Start_of_Episode_SUS, Der_Age_at_CDS_Activity_Date)}) in the record last
     * classified with {@code scratch}, or {@link #NO_VALUE} when it is NULL or the measure has no
     * such expression. Meaningful only after a classification that was not {@link Status#REJECTED}.
     * Reporting uses it to band activity by age exactly as the rule read the age.
     */
    public long rangeValue(Scratch scratch) {
        for (int f : rangeFields) {
            if (!scratch.nulls[f]) {
                return scratch.numbers[f];
            }
        }
        return NO_VALUE;
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
        if (when.eval(row) != ConditionNode.TRUE) {
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
            if (v == ConditionNode.FALSE) {
                appliedClinical.add(exclusionNames[i]);
            }
            if (v != ConditionNode.TRUE) {
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
}
