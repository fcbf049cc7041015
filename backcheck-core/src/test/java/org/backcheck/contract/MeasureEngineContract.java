package org.backcheck.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.RuleCase;
import org.backcheck.classify.Status;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every engine that applies the measure must do, written once (the idea of Guava's
 * {@code SetTestSuiteBuilder}, as {@code FeedbackStoreContract} does for the feedback stores): one
 * subclass per engine supplies "classify these rows under this NULL policy"; this class asks it
 * for each policy once, over one set of rows, and checks
 * <ul>
 *   <li>every case of {@code spec/rule-cases.psv} ({@link RuleCase}) gets the status and exclusion
 *       reasons the table expects under that policy, and, where the engine reports them, the
 *       matched codes the table lists (clinical policy);</li>
 *   <li>every row (the rule cases, {@link MessyRows}, and any rows the subclass adds) gets exactly
 *       the answer the reference {@link Classifier} gives it, in the engine's {@link RowAnswer.Form}.</li>
 * </ul>
 * The rows are the rule cases (labelled {@code rule:<id>}, missing values as {@code null}), then the
 * messy rows, then {@link #moreRows()}; an engine returns one answer per row, in that order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MeasureEngineContract {

    private static final int SHOWN_DISAGREEMENTS = 20;
    private static final Classifier REFERENCE = new Classifier(Measure.lowerBackImaging());

    private List<ContractRow> rows;
    private final Map<NullPolicy, List<RowAnswer>> answers = new EnumMap<>(NullPolicy.class);
    private final Map<NullPolicy, List<Outcome>> reference = new EnumMap<>(NullPolicy.class);
    private Map<String, Integer> labels;
    private Path workDir;

    /**
     * The engine's answer for each row, in order, under {@code policy}. Called once per policy for
     * each test class, with the same rows.
     */
    protected abstract List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) throws Exception;

    /** How this engine states an answer: what of the reference classifier's outcome it must reproduce. */
    protected abstract RowAnswer.Form form();

    /** Rows beyond the rule cases and the messy rows (a generated extract, say); none by default. */
    protected List<ContractRow> moreRows() throws Exception {
        return List.of();
    }

    // ------------------------------------------------------------------ the checks

    static Stream<Arguments> ruleCasesUnderBothPolicies() {
        List<Arguments> all = new ArrayList<>();
        for (NullPolicy policy : NullPolicy.values()) {
            for (RuleCase c : RuleCase.all()) {
                all.add(Arguments.of(c, policy));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1} policy")
    @MethodSource("ruleCasesUnderBothPolicies")
    void everyRuleCaseGetsTheAnswerTheSpecExpects(RuleCase c, NullPolicy policy) throws Exception {
        int at = indexOf("rule:" + c.id());
        RowAnswer answer = answers(policy).get(at);
        assertThat(answer.rendered()).as("rule case %s, %s policy", c.id(), policy.id()).isEqualTo(c.expected(policy));
        if (form() == RowAnswer.Form.OUTPUT_ROWS && policy == NullPolicy.CLINICAL) {
            assertThat(answer.codes() == null ? "" : answer.codes()).as("matched codes of %s", c.id()).isEqualTo(c.codes());
        }
        if (!answer.status().equals(Status.EXCLUDED.id()) && !answer.status().equals(Status.REJECTED.id())) {
            assertThat(answer.reason()).as("reason of %s", c.id()).isNull();
        }
        if (form() == RowAnswer.Form.VERDICT && answer.status().equals(Status.REJECTED.id())) {
            // The SQL names the field and the problem, never the value: that is in the same output row.
            assertThat(answer.reason()).as("reason of %s", c.id()).isNotBlank().doesNotContain("'");
        }
    }

    @ParameterizedTest(name = "{0} policy")
    @EnumSource(NullPolicy.class)
    void everyRowGetsTheReferenceClassifiersAnswer(NullPolicy policy) throws Exception {
        List<RowAnswer> got = answers(policy);
        List<Outcome> want = reference(policy);
        assertThat(got).as("one answer per row").hasSameSizeAs(want);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < want.size(); i++) {
            RowAnswer expected = form().expected(want.get(i));
            if (!expected.equals(got.get(i))) {
                disagreements.add("row " + (i + 1) + " " + describe(rows.get(i)) + ": reference " + expected
                        + ", engine " + got.get(i));
            }
        }
        if (!disagreements.isEmpty()) {
            throw new AssertionError(disagreements.size() + " of " + want.size() + " rows where the engine ("
                    + policy.id() + " policy) and the reference classifier disagree; the first "
                    + Math.min(SHOWN_DISAGREEMENTS, disagreements.size()) + ":\n"
                    + String.join("\n", disagreements.subList(0, Math.min(SHOWN_DISAGREEMENTS, disagreements.size()))));
        }
    }

    /** The comparison means something only if the rows hold every kind of answer. */
    @Test
    void theRowsHoldEveryStatusReasonAndProblem() throws Exception {
        for (NullPolicy policy : NullPolicy.values()) {
            Set<String> seen = new TreeSet<>();
            for (Outcome o : reference(policy)) {
                seen.add(o.status().id());
                if (o.status() == Status.EXCLUDED) {
                    seen.add(String.join(";", o.reasons()));
                }
                o.problems().forEach(p -> seen.add(p.reason().replaceAll(": '.*", "")));
                if (o.problems().size() > 1) {
                    seen.add("two fields unreadable");
                }
            }
            assertThat(seen).as("%s policy", policy.id()).contains("counted", "excluded", "unmatched", "rejected",
                    "cancer_diagnosis", "private_patient", "cancer_diagnosis;private_patient", "two fields unreadable");
            assertThat(seen.stream().filter(s -> s.startsWith("not a whole number") || s.startsWith("number too long")
                    || s.startsWith("outside the range"))).as("%s policy: problems", policy.id()).hasSize(3);
        }
        long differ = 0;
        for (int i = 0; i < rows.size(); i++) {
            differ += reference(NullPolicy.SQL).get(i).status() == reference(NullPolicy.CLINICAL).get(i).status() ? 0 : 1;
        }
        assertThat(differ).as("rows the two NULL policies answer differently").isGreaterThan(50);
    }

    // ------------------------------------------------------------------ rows and answers, computed once

    /** The rows every engine is given, in order. */
    protected final synchronized List<ContractRow> rows() throws Exception {
        if (rows == null) {
            List<ContractRow> all = new ArrayList<>();
            RuleCase.all().forEach(c -> all.add(ContractRow.of(c)));
            all.addAll(MessyRows.all());
            all.addAll(moreRows());
            rows = List.copyOf(all);
        }
        return rows;
    }

    private synchronized List<RowAnswer> answers(NullPolicy policy) throws Exception {
        List<RowAnswer> known = answers.get(policy);
        if (known == null) {
            known = List.copyOf(classify(rows(), policy));
            answers.put(policy, known);
        }
        return known;
    }

    private synchronized List<Outcome> reference(NullPolicy policy) throws Exception {
        List<Outcome> known = reference.get(policy);
        if (known == null) {
            Classifier.Scratch scratch = REFERENCE.newScratch();
            known = new ArrayList<>();
            for (ContractRow row : rows()) {
                known.add(REFERENCE.classify(row.fields(REFERENCE.columns()), policy, scratch));
            }
            reference.put(policy, known);
        }
        return known;
    }


    /**
     * A folder for this class's files (extracts, outputs), made on first use and deleted after the
     * class's last test. (A {@code @TempDir} field of a {@code @Nested} subclass can be replaced
     * between tests, while the answers are computed once for the class.)
     */
    protected final synchronized Path workDir() throws IOException {
        if (workDir == null) {
            workDir = Files.createTempDirectory("backcheck-contract");
        }
        return workDir;
    }

    @AfterAll
    final synchronized void deleteWorkDir() throws IOException {
        if (workDir != null) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            workDir = null;
        }
    }

    private synchronized int indexOf(String label) throws Exception {
        if (labels == null) {
            labels = new HashMap<>();
            List<ContractRow> all = rows();
            for (int i = 0; i < all.size(); i++) {
                labels.putIfAbsent(all.get(i).label(), i);
            }
        }
        Integer at = labels.get(label);
        if (at == null) {
            throw new AssertionError("no row labelled " + label);
        }
        return at;
    }

    /** The row's label and measure values, with line breaks and tabs shown (no row is a patient's). */
    private static String describe(ContractRow row) {
        StringBuilder sb = new StringBuilder(row.label()).append(" [");
        for (int i = 0; i < REFERENCE.columns().size(); i++) {
            String value = row.value(REFERENCE.columns().get(i));
            sb.append(i > 0 ? ", " : "").append(REFERENCE.columns().get(i).name()).append('=')
                    .append(value == null ? "NULL" : "'" + value.replace("\n", "\\n").replace("\r", "\\r")
                            .replace("\t", "\\t") + "'");
        }
        return sb.append(']').toString();
    }
}
